import TensorCore

/// `torch.autograd.gradcheck`: compares the Jacobian backward computes (one vector-Jacobian product per
/// output element) with central finite differences. Inputs should be float64; those that require grad
/// are checked. Returns false (or stops with torch's message when `raiseException`) on a mismatch.
@discardableResult
public func gradcheck(
    _ function: ([Tensor]) -> [Tensor], inputs: [Tensor], eps: Double = 1e-6, atol: Double = 1e-5,
    rtol: Double = 1e-3, raiseException: Bool = true
) -> Bool {
    let checked = inputs.indices.filter { inputs[$0].requiresGrad }
    torchCheck(
        !checked.isEmpty,
        "gradcheck expects at least one input tensor to require gradient, but none of the them have requires_grad=True."
    )
    let outputs = function(inputs).filter { $0.dtype.isFloatingPoint }
    // Analytical: row k of each Jacobian is the vjp with the k-th one-hot output gradient.
    var analytical: [[[Double]]] = checked.map { i in [] }  // [input][output element][input element]
    for (o, output) in outputs.enumerated() {
        for k in 0..<output.numel {
            let oneHot = Tensor.zeros(output.sizes, dtype: output.dtype)
            _ = oneHot.reshape([-1]).select(dim: 0, index: k).fill_(1)
            var gradOutputs = [Tensor?](repeating: nil, count: outputs.count)
            gradOutputs[o] = oneHot
            let usable = outputs.enumerated().filter { $0.element.requiresGrad }
            var grads = [Tensor?](repeating: nil, count: checked.count)
            if usable.contains(where: { $0.offset == o }) {
                grads = Autograd.grad(
                    outputs: usable.map { $0.element }, inputs: checked.map { inputs[$0] },
                    gradOutputs: usable.map { gradOutputs[$0.offset] ?? Tensor.zerosLike($0.element) },
                    retainGraph: true, allowUnused: true)
            }
            for (n, i) in checked.enumerated() {
                let row = grads[n].map { flatDoubles($0) } ?? [Double](repeating: 0, count: inputs[i].numel)
                analytical[n].append(row)
            }
        }
    }
    // Numerical: central differences on a private copy of each checked input.
    for (n, i) in checked.enumerated() {
        let copy = inputs[i].detach().to(.float64, copy: true).contiguous()
        // Fresh leaves flagged like the originals: functions that differentiate inside (gradgradcheck's
        // vector-Jacobian product) still can.
        func leaf(_ t: Tensor, _ like: Tensor) -> Tensor { like.requiresGrad ? t.requiresGrad_() : t }
        var trial = inputs.map { leaf($0.detach(), $0) }
        let pointer = copy.mutablePointer(Double.self)
        for j in 0..<copy.numel {
            let saved = pointer[j]
            pointer[j] = saved + eps
            trial[i] = leaf(copy.to(inputs[i].dtype, copy: true), inputs[i])
            let plus = function(trial).filter { $0.dtype.isFloatingPoint }.map(flatDoubles)
            pointer[j] = saved - eps
            trial[i] = leaf(copy.to(inputs[i].dtype, copy: true), inputs[i])
            let minus = function(trial).filter { $0.dtype.isFloatingPoint }.map(flatDoubles)
            pointer[j] = saved
            var row = 0
            for (p, m) in zip(plus, minus) {
                for k in 0..<p.count {
                    let numeric = (p[k] - m[k]) / (2 * eps)
                    let exact = analytical[n][row + k][j]
                    if Swift.abs(numeric - exact) > atol + rtol * Swift.abs(numeric) || numeric.isNaN != exact.isNaN {
                        let message =
                            "Jacobian mismatch for output \(row + k) with respect to input \(i), element \(j),\nnumerical:\(numeric)\nanalytical:\(exact)\n"
                        if raiseException { torchFail(message) }
                        return false
                    }
                }
                row += p.count
            }
        }
    }
    return true
}

/// gradcheck for a function with one output.
/// PyTorch: `torch.autograd.gradcheck` with a single-tensor `func`.
@discardableResult
public func gradcheck(
    _ function: ([Tensor]) -> Tensor, inputs: [Tensor], eps: Double = 1e-6, atol: Double = 1e-5,
    rtol: Double = 1e-3, raiseException: Bool = true
) -> Bool {
    gradcheck({ [function($0)] }, inputs: inputs, eps: eps, atol: atol, rtol: rtol, raiseException: raiseException)
}

/// `torch.autograd.gradgradcheck`: gradcheck of the vector-Jacobian product itself (second derivatives),
/// with random output gradients that are differentiated too.
@discardableResult
public func gradgradcheck(
    _ function: ([Tensor]) -> [Tensor], inputs: [Tensor], eps: Double = 1e-6, atol: Double = 1e-5,
    rtol: Double = 1e-3, raiseException: Bool = true, seed: UInt64 = 0
) -> Bool {
    let outputs = function(inputs).filter { $0.dtype.isFloatingPoint && $0.requiresGrad }
    var state = seed &+ 0x9E37_79B9_7F4A_7C15
    let gradOutputs = outputs.map { output -> Tensor in
        let values = (0..<output.numel).map { _ -> Double in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53) * 2 - 1
        }
        return Tensor(copying: values, shape: output.sizes).to(output.dtype).requiresGrad_()
    }
    let checked = inputs.indices.filter { inputs[$0].requiresGrad }
    let count = inputs.count
    let vjp: ([Tensor]) -> [Tensor] = { all in
        let xs = Array(all[0..<count])
        let vs = Array(all[count...])
        let outs = function(xs).filter { $0.dtype.isFloatingPoint && $0.requiresGrad }
        guard !outs.isEmpty else { return [] }
        let grads = Autograd.grad(
            outputs: outs, inputs: checked.map { xs[$0] }, gradOutputs: vs, createGraph: true, allowUnused: true)
        return grads.compactMap { $0 }
    }
    return gradcheck(
        vjp, inputs: inputs + gradOutputs, eps: eps, atol: atol, rtol: rtol, raiseException: raiseException)
}

/// gradgradcheck for a function with one output (PyTorch: `torch.autograd.gradgradcheck`).
@discardableResult
public func gradgradcheck(
    _ function: ([Tensor]) -> Tensor, inputs: [Tensor], eps: Double = 1e-6, atol: Double = 1e-5,
    rtol: Double = 1e-3, raiseException: Bool = true
) -> Bool {
    gradgradcheck({ [function($0)] }, inputs: inputs, eps: eps, atol: atol, rtol: rtol, raiseException: raiseException)
}

private func flatDoubles(_ t: Tensor) -> [Double] {
    t.detach().to(.float64).contiguous().toArray(Double.self)
}
