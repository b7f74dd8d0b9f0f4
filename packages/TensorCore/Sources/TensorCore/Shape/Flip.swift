/// flip / fliplr / flipud / roll: copies with elements reordered along some dims.

extension Tensor {
    /// `t.flip(dims)`: reverses the order of elements along `dims` (a copy). Like PyTorch, the
    /// result keeps a dense input's layout (a flipped transpose is still transposed).
    public func flip(_ dims: [Int]) -> Tensor { flipped(dims).recorded(.flip(dims), self) }

    private func flipped(_ dims: [Int]) -> Tensor {
        let mask = wrapDimList(dims, ndim)
        let strides = isNonOverlappingAndDense ? strideValues : contiguousStrides(sizes)
        let result = Tensor(
            storage: TensorStorage(byteCount: numel * dtype.itemSize), shape: sizes, strides: strides, dtype: dtype)
        if numel == 0 { return result }
        // Read from the last element of each flipped dim with the stride negated.
        var srcStrides = strideValues
        var start = 0
        for d in 0..<ndim where mask[d] {
            start += (sizes[d] - 1) * strideValues[d]
            srcStrides[d] = -strideValues[d]
        }
        LayoutCopy.run(
            shape: sizes, dst: result.storage.data, dstStrides: strides,
            src: UnsafeRawPointer(rawPointer + start * dtype.itemSize), srcStrides: srcStrides,
            itemSize: dtype.itemSize)
        return result
    }
    /// `t.flip(0, 1)`: the variadic spelling (PyTorch: `torch.Tensor.flip(*dims)`).
    public func flip(_ dims: Int...) -> Tensor { flip(dims) }
    /// `t.flip(dims=[0, 1])`: the labeled spelling (PyTorch: `torch.flip`).
    public func flip(dims: [Int]) -> Tensor { flip(dims) }

    /// `t.fliplr()`: flips dim 1.
    /// PyTorch: `torch.fliplr`.
    public func fliplr() -> Tensor {
        torchCheck(ndim >= 2, "Input must be >= 2-d.")
        return flip([1])
    }

    /// `t.flipud()`: flips dim 0.
    /// PyTorch: `torch.flipud`.
    public func flipud() -> Tensor {
        torchCheck(ndim >= 1, "Input must be >= 1-d.")
        return flip([0])
    }

    /// `t.roll(shifts, dims)`: rotates elements along each dim by its shift (element i moves to
    /// i + shift, wrapping). Without dims the flattened tensor rolls. The copy is split into the
    /// 2^k blocks that move as a whole, each one block copy.
    /// PyTorch: `torch.roll`.
    public func roll(shifts: [Int], dims: [Int] = []) -> Tensor {
        rolled(shifts: shifts, dims: dims).recorded(.roll(shifts: shifts, dims: dims), self)
    }

    private func rolled(shifts: [Int], dims: [Int]) -> Tensor {
        if dims.isEmpty {
            torchCheck(shifts.count == 1, "shifts and dimensions must align. shifts: \(shifts.count), dims:0")
            return flatten().roll(shifts: shifts, dims: [0]).view(sizes)
        }
        torchCheck(
            shifts.count == dims.count,
            "shifts and dimensions must align. shifts: \(shifts.count), dims:\(dims.count)")
        // Shifts along a repeated dim add up.
        var total = [Int](repeating: 0, count: ndim)
        var rolled = [Bool](repeating: false, count: ndim)
        for (shift, dim) in zip(shifts, dims) {
            let d = wrapDim(dim, ndim)
            total[d] += shift
            rolled[d] = true
        }
        let result = Tensor(uninitializedShape: sizes, dtype: dtype)
        if numel == 0 { return result }
        var pairs: [(Tensor, Tensor)] = [(result, self)]
        for d in 0..<ndim where rolled[d] {
            let n = sizes[d]
            let s = ((total[d] % n) + n) % n
            if s == 0 { continue }
            pairs = pairs.flatMap { dst, src in
                [
                    (dst.sliceView(d, 0, s), src.sliceView(d, n - s, s)),
                    (dst.sliceView(d, s, n - s), src.sliceView(d, 0, n - s)),
                ]
            }
        }
        for (dst, src) in pairs { LayoutCopy.assign(dst, src) }
        return result
    }
    /// `t.roll([1, 2], dims: [0, 1])`: the unlabeled spelling (PyTorch: `torch.roll`).
    public func roll(_ shifts: [Int], dims: [Int] = []) -> Tensor { roll(shifts: shifts, dims: dims) }
    /// `t.roll(shift, dim)`: one shift along one dim (PyTorch: `torch.roll`).
    public func roll(_ shift: Int, dim: Int) -> Tensor { roll(shifts: [shift], dims: [dim]) }
    /// `t.roll(shift)` without dims: rolls the flattened tensor.
    /// PyTorch: `torch.roll(input, shifts)`.
    public func roll(_ shift: Int) -> Tensor { roll(shifts: [shift]) }
}
