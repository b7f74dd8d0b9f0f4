/// `repeat_interleave`: every slice along a dim repeated in place (`[a, b]` → `[a, a, b, b]`), as an
/// `index_select` with the repeated indices, so it differentiates through index_select's derivative.
extension Tensor {
    /// `torch.repeat_interleave(input, repeats, dim)` with one count for every slice; without `dim` the
    /// flattened tensor is repeated.
    public func repeatInterleave(_ repeats: Int, dim: Int? = nil) -> Tensor {
        torchCheck(repeats >= 0, "Repeats must be non-negative")
        let (x, d) = repeatInterleaveSource(dim)
        let index = Tensor.arange(.int(Int64(x.sizes[d] * repeats))).floorDivide(.int(Int64(Swift.max(repeats, 1))))
        return x.indexSelect(dim: d, index: index)
    }

    /// `torch.repeat_interleave(input, repeats, dim)` with a count per slice (int32/int64; one count
    /// applies to every slice).
    public func repeatInterleave(_ repeats: Tensor, dim: Int? = nil) -> Tensor {
        torchCheck(repeats.ndim <= 1, "repeats must be 0-dim or 1-dim tensor")
        let (x, d) = repeatInterleaveSource(dim)
        if repeats.numel == 1 {
            torchCheck(repeats.dtype == .int64 || repeats.dtype == .int32, "repeats has to be Long or Int tensor")
            return x.repeatInterleave(Int(repeats.item(Int64.self)), dim: d)
        }
        torchCheck(
            repeats.numel == x.sizes[d],
            "repeats must have the same size as input along dim, but got repeats.size(0) = \(repeats.numel) and input.size(\(d)) = \(x.sizes[d])"
        )
        return x.indexSelect(dim: d, index: Tensor.repeatInterleave(repeats))
    }

    /// `torch.repeat_interleave(repeats)`: each index i repeated `repeats[i]` times.
    public static func repeatInterleave(_ repeats: Tensor) -> Tensor {
        torchCheck(repeats.ndim == 1, "repeat_interleave only accept 1D vector as repeat")
        torchCheck(
            repeats.dtype == .int64 || repeats.dtype == .int32,
            "\"repeat_interleave_cpu\" not implemented for '\(repeats.dtype.scalarTypeName)'")
        let counts = repeats.toArray(Int64.self)
        torchCheck(counts.allSatisfy { $0 >= 0 }, "repeats can not be negative")
        var indices: [Int64] = []
        indices.reserveCapacity(Int(counts.reduce(0, +)))
        for (i, count) in counts.enumerated() { indices += repeatElement(Int64(i), count: Int(count)) }
        return Tensor(copying: indices, shape: [indices.count])
    }

    /// The tensor the repeats run over (flattened when no dim is given) and the wrapped dim.
    private func repeatInterleaveSource(_ dim: Int?) -> (Tensor, Int) {
        guard let dim else { return (flatten(), 0) }
        return (self, wrapDim(dim, ndim))
    }
}
