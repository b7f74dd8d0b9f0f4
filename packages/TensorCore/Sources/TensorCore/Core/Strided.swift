extension Tensor {
    /// A view with an explicit layout over the same storage (`torch.as_strided`). Every view op
    /// (view, transpose, narrow, expand, subscripts, ...) ends here; bounds are checked against the storage.
    public func asStrided(_ shape: [Int], _ strides: [Int], offset: Int? = nil) -> Tensor {
        torchCheck(
            shape.count == strides.count,
            "mismatch in length of strides and shape (\(strides.count) vs \(shape.count))")
        let offset = offset ?? storageOffset
        if !shape.contains(0) {
            var maxOffset = offset
            for (size, stride) in zip(shape, strides) {
                torchCheck(size >= 0, "as_strided: Negative size \(size) in \(shapeString(shape))")
                torchCheck(
                    stride >= 0,
                    "as_strided: Negative strides are not supported at the moment, got strides: \(shapeString(strides))"
                )
                maxOffset += (size - 1) * stride
            }
            torchCheck(
                (maxOffset + 1) * dtype.itemSize <= storage.byteCount,
                "setStorage: sizes \(shapeString(shape)), strides \(shapeString(strides)), storage offset \(offset), and itemsize \(dtype.itemSize) requiring a storage size of \((maxOffset + 1) * dtype.itemSize) are out of bounds for storage of size \(storage.byteCount)"
            )
        }
        return Tensor(storage: storage, offset: offset, shape: shape, strides: strides, dtype: dtype)
            .recorded(.asStrided, self)
    }
}
