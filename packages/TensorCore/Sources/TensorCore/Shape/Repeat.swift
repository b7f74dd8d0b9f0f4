/// repeat / tile: copies of the whole tensor laid side by side along each dim.

extension Tensor {
    /// `t.repeat(sizes)`: tiles the tensor `sizes[i]` times along dim i (extra leading sizes add dims).
    /// One strided copy: the output is seen as `[r0, s0, r1, s1, ...]` and the input read with stride 0
    /// along every `r`, so inner runs stay contiguous memcpy blocks.
    /// PyTorch: `torch.Tensor.repeat`.
    public func `repeat`(_ repeats: [Int]) -> Tensor { repeated(repeats).recorded(.repeat(repeats), self) }

    private func repeated(_ repeats: [Int]) -> Tensor {
        torchCheck(
            repeats.count >= ndim,
            "Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor")
        let lead = repeats.count - ndim
        let inSizes = [Int](repeating: 1, count: lead) + sizes
        let inStrides = [Int](repeating: 0, count: lead) + strideValues
        let outShape = zip(inSizes, repeats).map { $0 * $1 }
        let result = Tensor(uninitializedShape: outShape, dtype: dtype)
        if result.numel == 0 { return result }
        let outStrides = result.strideValues
        var shape: [Int] = []
        var dstStrides: [Int] = []
        var srcStrides: [Int] = []
        for i in 0..<repeats.count {
            shape += [repeats[i], inSizes[i]]
            dstStrides += [inSizes[i] * outStrides[i], outStrides[i]]
            srcStrides += [0, inStrides[i]]
        }
        LayoutCopy.run(
            shape: shape, dst: result.rawPointer, dstStrides: dstStrides,
            src: UnsafeRawPointer(rawPointer), srcStrides: srcStrides, itemSize: dtype.itemSize)
        return result
    }
    /// `t.repeat(2, 3)`: the variadic spelling (PyTorch: `torch.Tensor.repeat(*sizes)`).
    public func `repeat`(_ repeats: Int...) -> Tensor { self.repeat(repeats) }

    /// `t.tile(dims)`: like `repeat`, but fewer `dims` than dimensions are padded with leading 1s.
    /// PyTorch: `torch.tile`.
    public func tile(_ dims: [Int]) -> Tensor {
        let padded = dims.count < ndim ? [Int](repeating: 1, count: ndim - dims.count) + dims : dims
        return self.repeat(padded)
    }
    /// `t.tile(2, 3)`: the variadic spelling (PyTorch: `torch.Tensor.tile(*dims)`).
    public func tile(_ dims: Int...) -> Tensor { tile(dims) }
}
