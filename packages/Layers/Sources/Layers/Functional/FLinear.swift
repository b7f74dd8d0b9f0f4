import TensorCore

/// `torch.nn.functional`: stateless versions of the layers (`F.relu(x)`, `F.crossEntropy(x, y)`).
public enum F {}

extension F {
    /// `F.linear(input, weight, bias)`: x Wᵀ + b. Inputs of rank > 2 fold their leading dims into rows, as
    /// torch does, so forward and both backward products are single GEMMs (no batched weight gradient).
    /// PyTorch: `torch.nn.functional.linear`.
    public static func linear(_ input: Tensor, _ weight: Tensor, _ bias: Tensor? = nil) -> Tensor {
        if Autocast.isActive {
            return Autocast.run(.lowerPrecision, [input, weight, bias]) { c in linear(c[0]!, c[1]!, c[2]) }
        }
        if input.ndim > 2 && weight.ndim == 2 {
            let rows = input.reshape([input.sizes.dropLast().reduce(1, *), input.size(-1)])
            return linear(rows, weight, bias).view(Array(input.sizes.dropLast()) + [weight.size(0)])
        }
        if input.ndim == 2, let bias {
            return Tensor.addmm(bias, input, weight.t())
        }
        let y = input.matmul(weight.t())
        return bias.map { y + $0 } ?? y
    }

    /// `F.bilinear(x1, x2, weight, bias)`: y_k = x1ᵀ W_k x2 + b_k, W [out, in1, in2].
    /// PyTorch: `torch.nn.functional.bilinear`.
    public static func bilinear(_ input1: Tensor, _ input2: Tensor, _ weight: Tensor, _ bias: Tensor? = nil) -> Tensor {
        torchCheck(
            input1.ndim == input2.ndim,
            "bilinear(): input dimensions do not match: got \(input1.ndim) and \(input2.ndim)")
        torchCheck(
            input1.sizes.dropLast() == input2.sizes.dropLast(),
            "bilinear(): input batch dimensions do not match: got \(input1.shape) and \(input2.shape)")
        torchCheck(
            input1.sizes.last == weight.sizes[1],
            "bilinear(): input1 size does not match weight size: got \(input1.sizes.last!) but expected \(weight.sizes[1])"
        )
        torchCheck(
            input2.sizes.last == weight.sizes[2],
            "bilinear(): input2 size does not match weight size: got \(input2.sizes.last!) but expected \(weight.sizes[2])"
        )
        torchCheck(input1.dtype != .bool, "\"bmm\" not implemented for 'Bool'")
        if input1.dtype == .float16 || input1.dtype == .bfloat16 {
            // One rounding of the float32 result (torch's _trilinear rounds its partial products instead).
            return bilinear(input1.float(), input2.float(), weight.float(), bias?.float()).to(input1.dtype)
        }
        let lead = Array(input1.sizes.dropLast())
        let x1 = input1.reshape([-1, weight.sizes[1]]), x2 = input2.reshape([-1, weight.sizes[2]])
        // (x1 W_k) per k: [N, in1] @ [in1, out*in2] → [N, out, in2], then dot with x2.
        let t = x1.matmul(weight.permute(1, 0, 2).reshape([weight.sizes[1], -1])).reshape([
            -1, weight.sizes[0], weight.sizes[2],
        ])
        var y = (t * x2.unsqueeze(1)).sum(dim: -1, dtype: t.dtype)  // integers keep their dtype, as torch's _trilinear
        if let bias { y = y + bias }
        return y.reshape(lead + [weight.sizes[0]])
    }
}
