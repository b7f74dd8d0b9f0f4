import Foundation

/// Strided copy with broadcasting and dtype conversion: the one kernel behind `copy_`, `contiguous`,
/// `clone`, `to(dtype)` and materializing expanded views.
private struct CopyKernel: ElementVisitor {
    let dst: Tensor
    let src: Tensor

    func visit<D: TensorElement>(_: D.Type) {
        switch src.dtype {
        case .bool: copy(Bool.self, D.self)
        case .uint8: copy(UInt8.self, D.self)
        case .int8: copy(Int8.self, D.self)
        case .int16: copy(Int16.self, D.self)
        case .int32: copy(Int32.self, D.self)
        case .int64: copy(Int64.self, D.self)
        case .float16: copy(Float16.self, D.self)
        case .bfloat16: copy(BFloat16.self, D.self)
        case .float32: copy(Float.self, D.self)
        case .float64: copy(Double.self, D.self)
        }
    }

    private func copy<S: TensorElement, D: TensorElement>(_: S.Type, _: D.Type) {
        let loop = StridedLoop(
            shape: dst.sizes, strides: [dst.strideValues, src.broadcastStrides(to: dst.sizes)])
        runUnary(loop, dst.mutablePointer(D.self), src.pointer(S.self), Convert<S, D>())
    }
}

/// `static_cast<D>(S)` as a functor, so the copy loop inlines it and vectorizes.
private struct Convert<S: TensorElement, D: TensorElement>: UnaryFunctor {
    @inline(__always) func callAsFunction(_ x: S) -> D { convertElement(x, to: D.self) }
}

extension Tensor {
    /// Copies `src` into this tensor in place, broadcasting and converting dtype (`Tensor.copy_`).
    @discardableResult
    public func copy_(_ src: Tensor) -> Tensor {
        if src === self { return self }
        _ = broadcastShapes(sizes, src.sizes)  // precise error first
        if src.dtype == dtype && src.isContiguous && isContiguous && src.sizes == sizes {
            memmove(rawPointer, src.rawPointer, numel * dtype.itemSize)
        } else {
            // A source that overlaps the destination is staged first, as PyTorch does for partial overlap.
            let source = src.storage === storage ? src.clone() : src
            dtype.visit(CopyKernel(dst: self, src: source))
        }
        bumpVersion()
        return self
    }

    /// A contiguous tensor with the same values: `self` when already contiguous, else a copy.
    public func contiguous() -> Tensor {
        isContiguous ? self : clone()
    }

    /// A copy with fresh contiguous storage (`torch.clone` with the default memory format for our layouts).
    public func clone() -> Tensor {
        let result = Tensor(uninitializedShape: sizes, dtype: dtype)
        result.copy_(self)
        return result
    }

    /// Converts to `dtype`; returns `self` when nothing changes and `copy` is false, as torch does.
    public func to(_ dtype: DType, copy: Bool = false) -> Tensor {
        if dtype == self.dtype && !copy { return self }
        let result = Tensor(uninitializedShape: sizes, dtype: dtype)
        result.copy_(self)
        return result
    }

    /// Moves to a device; only the CPU exists in this build (`t.to("cuda")` fails clearly).
    public func to(_ device: Device) -> Tensor {
        device.checkAvailable()
        return self
    }

    public func to(_ device: String) -> Tensor { to(Device(device)) }
    public func cpu() -> Tensor { self }
    public func cuda() -> Tensor { to(Device(kind: .cuda)) }

    public func float() -> Tensor { to(.float32) }
    public func double() -> Tensor { to(.float64) }
    public func half() -> Tensor { to(.float16) }
    public func bfloat16() -> Tensor { to(.bfloat16) }
    public func long() -> Tensor { to(.int64) }
    public func int() -> Tensor { to(.int32) }
    public func short() -> Tensor { to(.int16) }
    public func char() -> Tensor { to(.int8) }
    public func byte() -> Tensor { to(.uint8) }
    public func bool() -> Tensor { to(.bool) }
    /// `type_as`: converts to `other`'s dtype.
    public func typeAs(_ other: Tensor) -> Tensor { to(other.dtype) }
}
