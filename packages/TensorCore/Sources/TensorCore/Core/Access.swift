extension Tensor {
    /// The value of a one-element tensor as a number (`t.item()`).
    /// PyTorch: `torch.Tensor.item`.
    public func item() -> Scalar {
        torchCheck(numel == 1, "a Tensor with \(numel) elements cannot be converted to Scalar")
        switch dtype {
        case .bool:
            if _slowPath(autogradMeta != nil) { installedAutogradRecorder?.readScalar(self) }
            return .bool(pointer(Bool.self).pointee)
        case .float16, .bfloat16, .float32, .float64: return .double(item(Double.self))
        default: return .int(item(Int64.self))
        }
    }

    /// The value of a one-element tensor converted to `T` (`t.item()` then a cast).
    /// PyTorch: `torch.Tensor.item`, as C++'s `item<T>()`.
    public func item<T: TensorElement>(_: T.Type) -> T {
        torchCheck(numel == 1, "a Tensor with \(numel) elements cannot be converted to Scalar")
        if _slowPath(autogradMeta != nil) { installedAutogradRecorder?.readScalar(self) }
        // The one element sits at the storage offset whatever the strides: read it without a copy (every
        // training loop's `loss.item()`); the same conversion `to(T.dtype)` applies.
        switch dtype {
        case .float32: return withExtendedLifetime(self) { convertElement(pointer(Float.self).pointee, to: T.self) }
        case .float64: return withExtendedLifetime(self) { convertElement(pointer(Double.self).pointee, to: T.self) }
        case .int64: return withExtendedLifetime(self) { convertElement(pointer(Int64.self).pointee, to: T.self) }
        default: break
        }
        let source = contiguous().to(T.dtype)
        return withExtendedLifetime(source) { source.pointer(T.self).pointee }
    }

    /// The elements in row-major order as a Swift array of `T` (`t.tolist()` flattened / `t.numpy()`);
    /// converts when `T` differs from the dtype.
    /// PyTorch: `torch.Tensor.tolist` / `torch.Tensor.numpy`.
    public func toArray<T: TensorElement>(_: T.Type = T.self) -> [T] {
        let source = to(T.dtype).contiguous()
        // The pointer is valid only while `source` lives; the optimizer may end its life after `pointer`.
        return withExtendedLifetime(source) {
            Array(UnsafeBufferPointer(start: source.pointer(T.self), count: numel))
        }
    }

    /// Reads the elements in place when contiguous (no copy), else from a contiguous copy.
    /// No PyTorch counterpart: Swift's scoped buffer access, for what `numpy()` views serve in Python.
    public func withUnsafeBufferPointer<T: TensorElement, R>(
        _: T.Type, _ body: (UnsafeBufferPointer<T>) throws -> R
    ) rethrows -> R {
        let source = contiguous()
        return try withExtendedLifetime(source) {
            try body(UnsafeBufferPointer(start: source.pointer(T.self), count: numel))
        }
    }
}
