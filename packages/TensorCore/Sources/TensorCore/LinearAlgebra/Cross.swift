/// `torch.linalg.cross`: the cross product of 3-vectors along a dim, broadcasting the other dims. Composed
/// of narrow, mul, sub and cat, so it differentiates through theirs.
extension Linalg {
    /// PyTorch: `torch.linalg.cross`.
    public static func cross(_ a: Tensor, _ b: Tensor, dim: Int = -1) -> Tensor {
        torchCheck(a.ndim == b.ndim, "linalg.cross: inputs must have the same number of dimensions.")
        torchCheck(
            a.dtype == b.dtype, "expected scalar type \(a.dtype.scalarTypeName) but found \(b.dtype.scalarTypeName)")
        torchCheck(a.dtype != .bool, "\"cross\" not implemented for 'Bool'")
        let d = wrapDim(dim, a.ndim)
        torchCheck(
            a.sizes[d] == 3 && b.sizes[d] == 3,
            "linalg.cross: inputs dimension \(dim) must have length 3. Got \(a.sizes[d]) and \(b.sizes[d])")
        _ = broadcastShapes(a.sizes, b.sizes)
        func component(_ t: Tensor, _ i: Int) -> Tensor { t.narrow(dim: d, start: i, length: 1) }
        let (a0, a1, a2) = (component(a, 0), component(a, 1), component(a, 2))
        let (b0, b1, b2) = (component(b, 0), component(b, 1), component(b, 2))
        return Tensor.cat([a1 * b2 - a2 * b1, a2 * b0 - a0 * b2, a0 * b1 - a1 * b0], dim: d)
    }
}
