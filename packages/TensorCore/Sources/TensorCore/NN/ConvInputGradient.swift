/// Convolution's input gradient as a forward convolution. With unit stride, one group and padding
/// p ≤ d·(k − 1), the adjoint of a convolution is the convolution of the output gradient with the weight
/// transposed over (out, in) channels and flipped in space, with padding d·(k − 1) − p and the same
/// dilation. That runs im2col + GEMM with the long reduction (out channels × kernel taps) instead of a
/// GEMM reducing over out channels only followed by col2im's scattered adds — the same FLOPs in GEMM
/// shapes BLAS runs much closer to peak.
extension ConvParams {
    /// The parameters of that forward convolution, or nil where the identity does not apply.
    func inputGradientAsConvolution(weight: [Int]) -> ConvParams? {
        guard !transposed, groups == 1, stride.allSatisfy({ $0 == 1 }) else { return nil }
        var pad: [Int] = []
        for i in 0..<spatial {
            let p = dilation[i] * (weight[2 + i] - 1) - padding[i]
            if p < 0 { return nil }
            pad.append(p)
        }
        return ConvParams(
            stride: stride, padding: pad, dilation: dilation, transposed: false,
            outputPadding: [Int](repeating: 0, count: spatial), groups: 1, spatial: spatial)
    }
}

/// W'[c, o, taps − 1 − q] = W[o, c, q] for a contiguous weight [outC, inC, taps...]: reversing the flat kernel
/// index flips every spatial dim. Element type only matters by size (bf16 weights pass their bits).
func nnFlipTransposedWeight<T>(
    _ src: UnsafePointer<T>, into dst: UnsafeMutablePointer<T>, outC: Int, inC: Int, taps: Int
) {
    for o in 0..<outC {
        for c in 0..<inC {
            let from = src + (o * inC + c) * taps, to = dst + (c * outC + o) * taps
            for q in 0..<taps { to[taps - 1 - q] = from[q] }
        }
    }
}

/// gradInput = conv(gradOutput, flip(Wᵀ)) per the identity above; `into` has the input's shape.
/// Returns false (leaving `into` untouched) if the shapes do not line up, so the caller falls back.
func nnConvInputGradientByGather<T: NNFloat>(
    _: T.Type, gradOutput gy: Tensor, weight w: Tensor, params: ConvParams, into gi: Tensor
) -> Bool {
    let outC = w.size(0), inC = w.size(1), taps = w.sizes.dropFirst(2).reduce(1, *)
    let flippedShape = [inC, outC] + Array(w.sizes.dropFirst(2))
    guard params.outputSize(gy.sizes, flippedShape) == gi.sizes else { return false }
    let flipped = Tensor(uninitializedShape: flippedShape, dtype: w.dtype)
    nnFlipTransposedWeight(w.pointer(T.self), into: flipped.mutablePointer(T.self), outC: outC, inC: inC, taps: taps)
    params.engine(T.self, input: gy.sizes, weight: flippedShape)
        .gather(big: gy.pointer(T.self), weight: flipped.pointer(T.self), small: gi.mutablePointer(T.self))
    return true
}
