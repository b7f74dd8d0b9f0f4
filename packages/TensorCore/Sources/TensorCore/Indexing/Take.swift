// take / put_ (the tensor read as 1-D) and take_along_dim (gather with broadcasting).

private struct TakeKernel: BitsVisitor {
    let source: Tensor  // contiguous
    let index: Tensor  // contiguous int64
    let result: Tensor

    func visit<E: FixedWidthInteger>(_: E.Type) {
        let src = UnsafePointer(source.rawPointer.assumingMemoryBound(to: E.self))
        let out = result.rawPointer.assumingMemoryBound(to: E.self)
        let idx = index.pointer(Int64.self)
        let size = source.numel
        parallelFor(index.numel) { range in
            for i in range {
                var v = Int(idx[i])
                if v < 0 || v >= size {
                    torchCheck(
                        v >= -size && v < size,
                        "out of range: tried to access index \(v) on a tensor of \(size) elements.")
                    v += size
                }
                out[i] = src[v]
            }
        }
    }
}

extension Tensor {
    /// `take(index)`: elements of `self` read as 1-D (row-major), in the shape of `index` (int64).
    /// PyTorch: `torch.take`.
    public func take(_ index: Tensor) -> Tensor {
        torchCheck(
            index.dtype == .int64, "take(): Expected a long tensor for index, but got \(index.dtype.scalarTypeName)")
        let result = Tensor(uninitializedShape: index.sizes, dtype: dtype)
        if index.numel > 0 {
            torchCheck(numel > 0 || index.numel == 0, "take(): tried to take from an empty tensor")
            let source = contiguous()
            let idx = index.contiguous()
            withExtendedLifetime((source, idx)) {
                dtype.visitBits(TakeKernel(source: source, index: idx, result: result))
            }
        }
        return result.recorded(.take(index: index), self)
    }

    /// `put_(index, source, accumulate=False)`: writes `source`'s elements at the 1-D positions `index`.
    /// PyTorch: `torch.Tensor.put_`.
    @discardableResult
    public func put_(_ index: Tensor, _ source: Tensor, accumulate: Bool = false) -> Tensor {
        recordedInPlace(source) { $0.put(index, source, accumulate: accumulate) }
            ?? putRaw_(index, source, accumulate: accumulate)
    }

    @discardableResult
    func putRaw_(_ index: Tensor, _ source: Tensor, accumulate: Bool) -> Tensor {
        torchCheck(
            index.dtype == .int64, "put_(): Expected a long tensor for index, but got \(index.dtype.scalarTypeName)")
        torchCheck(
            source.dtype == dtype,
            "put_(): self and source expected to have the same dtype, but got self.dtype = \(dtype.scalarTypeName) and source.dtype = \(source.dtype.scalarTypeName)"
        )
        torchCheck(
            source.numel == index.numel,
            "put_(): Expected source and index to have the same number of elements, but got source.numel() = \(source.numel), index.numel() = \(index.numel)"
        )
        if index.numel == 0 { return self }
        torchCheck(numel > 0, "put_(): Tried to put elements into an empty tensor")
        let target = isContiguous ? self : clone()
        let flat = target.restrided([numel], [1])
        let count = numel
        flat.putIndexed(
            [index.contiguous().restrided([index.numel], [1])], source.contiguous().restrided([source.numel], [1]),
            accumulate: accumulate
        ) { value, _ in "out of range: tried to access index \(value) on a tensor of \(count) elements." }
        if target !== self { copy_(target) }
        bumpVersion()
        return self
    }

    /// The out-of-place `put_` (PyTorch: `torch.Tensor.put`).
    public func put(_ index: Tensor, _ source: Tensor, accumulate: Bool = false) -> Tensor {
        untrackedCopy().putRaw_(index, source, accumulate: accumulate)
            .recorded(.put(index: index, accumulate: accumulate), self, source)
    }

    /// `take_along_dim(indices, dim)`: gather after broadcasting `self` and `indices` everywhere but
    /// `dim`; with `dim` nil both are flattened.
    /// PyTorch: `torch.take_along_dim`.
    public func takeAlongDim(_ indices: Tensor, dim: Int? = nil) -> Tensor {
        torchCheck(
            indices.dtype == .int64,
            "torch.take_along_dim(): dtype of indices should be Long but got \(indices.dtype.scalarTypeName)")
        guard let dim else {
            let flatSelf = contiguous().restrided([numel], [1])
            return flatSelf.gather(dim: 0, index: indices.contiguous().restrided([indices.numel], [1]))
        }
        torchCheck(
            ndim == indices.ndim,
            "torch.take_along_dim(): input and indices should have the same number of dimensions, but got \(ndim) dimensions for input, and \(indices.ndim) dimensions for indices"
        )
        let d = wrapDim(dim, ndim)
        if ndim == 0 { return gather(dim: 0, index: indices) }
        var selfSizes = sizes
        selfSizes[d] = indices.sizes[d]
        let indexShape = broadcastShapes(selfSizes, indices.sizes)
        var indicesSizes = indices.sizes
        indicesSizes[d] = sizes[d]
        let selfShape = broadcastShapes(indicesSizes, sizes)
        // Unlike gather, take_along_dim accepts negative indices: wrap them first.
        var index = indices.expandedView(indexShape)
        let size = sizes[d]
        if index.numel > 0 && index.indexValues().contains(where: { $0 < 0 }) {
            let wrapped = index.indexValues().map { Int64($0 < 0 ? $0 + size : $0) }
            index = Tensor(copying: wrapped, shape: indexShape)
        }
        return expandedView(selfShape).gather(dim: d, index: index)
    }
}
