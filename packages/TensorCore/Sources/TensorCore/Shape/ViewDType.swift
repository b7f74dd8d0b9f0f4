/// `t.view(dtype)`: reinterprets the same bytes as another dtype (no conversion, shares storage).

extension Tensor {
    /// `t.view(dtype)`: the same memory read as `dtype`. With a different element size the last dim
    /// must be contiguous and is rescaled (e.g. float32 [2, 3] → int16 [2, 6]), as in PyTorch.
    public func view(dtype newType: DType) -> Tensor {
        let oldSize = dtype.itemSize
        let newSize = newType.itemSize
        if oldSize == newSize {
            return Tensor(storage: storage, offset: storageOffset, shape: sizes, strides: strideValues, dtype: newType)
        }
        let what = "to view \(dtype.scalarTypeName) as \(newType.scalarTypeName) (different element sizes)"
        torchCheck(ndim != 0, "self.dim() cannot be 0 \(what)")
        let last = ndim - 1
        torchCheck(strideValues[last] == 1, "self.stride(-1) must be 1 \(what), but got \(strideValues[last])")
        var shape = sizes
        var strides = strideValues
        let offset: Int
        if oldSize > newSize {
            let ratio = oldSize / newSize
            for d in 0..<last { strides[d] *= ratio }
            shape[last] *= ratio
            offset = storageOffset * ratio
        } else {
            let ratio = newSize / oldSize
            torchCheck(
                sizes[last] % ratio == 0, "self.size(-1) must be divisible by \(ratio) \(what), but got \(sizes[last])")
            torchCheck(
                storageOffset % ratio == 0,
                "self.storage_offset() must be divisible by \(ratio) \(what), but got \(storageOffset)")
            for d in 0..<last {
                torchCheck(
                    strideValues[d] % ratio == 0,
                    "self.stride(\(d)) must be divisible by \(ratio) \(what), but got \(strideValues[d])")
                strides[d] /= ratio
            }
            shape[last] /= ratio
            offset = storageOffset / ratio
        }
        return Tensor(storage: storage, offset: offset, shape: shape, strides: strides, dtype: newType)
    }
}
