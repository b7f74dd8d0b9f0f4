/// Dtype conversion of an op's input before it runs. Same as `to(dtype)` (C++ static_cast semantics via
/// `convertElement`), but through the functor loops so the per-element conversion inlines; Core's
/// closure-based copy kernel pays an indirect call per element (see ElementLoops.swift).

private struct Convert<S: TensorElement, D: TensorElement>: UnaryFunctor {
    @inline(__always) func callAsFunction(_ x: S) -> D { convertElement(x, to: D.self) }
}

private struct ConvertKernel<D: TensorElement>: ElementVisitor {
    let out: Tensor
    let input: Tensor

    func visit<S: TensorElement>(_: S.Type) {
        let loop = StridedLoop(shape: out.sizes, strides: [out.strideValues, input.strideValues])
        runUnary(loop, out.mutablePointer(D.self), input.pointer(S.self), Convert<S, D>())
    }
}

private struct ConvertDispatch: ElementVisitor {
    let out: Tensor
    let input: Tensor
    func visit<D: TensorElement>(_: D.Type) { input.dtype.visit(ConvertKernel<D>(out: out, input: input)) }
}

extension Tensor {
    /// `self` when already of `dtype`, else a contiguous converted copy.
    package func promoted(to dtype: DType) -> Tensor {
        if dtype == self.dtype { return self }
        let result = Tensor(uninitializedShape: sizes, dtype: dtype)
        dtype.visit(ConvertDispatch(out: result, input: self))
        return result
    }

    /// Writes `source` (same shape, any dtype) into this tensor's elements, converting; no version bump.
    package func assignConverted(_ source: Tensor) {
        dtype.visit(ConvertDispatch(out: self, input: source))
    }
}
