/// float16 and bfloat16 in the NN ops. torch's CPU kernels for them load each value, compute in float32
/// ("opmath") and round each result once; here such an op runs on float32 copies of its reduced-precision
/// operands and rounds its results back — the same numbers up to float32 summation order. The casts are
/// recorded, so gradients reach half-precision leaves and arrive in their dtype. Dtype rules (which mixes
/// torch accepts, and its messages) are checked before the copies are made.
extension DType {
    var isReducedFloat: Bool { self == .float16 || self == .bfloat16 }
}

extension Tensor {
    /// A float32 copy of a float16/bfloat16 tensor; any other tensor as it is.
    var opmath: Tensor { dtype.isReducedFloat ? to(.float32) : self }
}

/// True when any of `tensors` is float16 or bfloat16: the op takes its float32 route.
func nnAnyReduced(_ tensors: Tensor?...) -> Bool {
    tensors.contains { $0?.dtype.isReducedFloat == true }
}

/// torch's CPU rule for the normalization ops' parameters (weight, bias, running stats) when float16 or
/// bfloat16 is involved: all of the input's dtype, or a reduced-precision input with all parameters float32
/// ("mixed type"). Returns the dtype of the saved statistics (float32 when mixed, else the input's).
func nnNormParametersDType(_ input: Tensor, _ parameters: [Tensor?]) -> DType {
    let given = parameters.compactMap { $0?.dtype }
    if given.allSatisfy({ $0 == input.dtype }) { return input.dtype }
    torchCheck(
        input.dtype.isReducedFloat && given.allSatisfy({ $0 == .float32 }),
        "mixed dtype (CPU): expect parameter to have scalar type of Float")
    return .float32
}

/// A normalization backward's float32 gradients rounded back: the input's to the input's dtype, the
/// parameters' to the parameters' dtype (the input's when there were none).
func nnNormGradients(
    _ g: (gradInput: Tensor?, gradWeight: Tensor?, gradBias: Tensor?), input: Tensor, weight: Tensor?, bias: Tensor?
) -> (gradInput: Tensor?, gradWeight: Tensor?, gradBias: Tensor?) {
    let parameters = (weight ?? bias)?.dtype ?? input.dtype
    return (g.gradInput?.to(input.dtype), g.gradWeight?.to(parameters), g.gradBias?.to(parameters))
}

extension Tensor {
    /// `opmath` for a kernel's operand when the caller records the op itself: the copy is not recorded.
    var kernelOpmath: Tensor {
        guard dtype.isReducedFloat else { return self }
        let copy = Tensor(uninitializedShape: sizes, dtype: .float32)
        copy.copyElements(self)
        return copy
    }
}

/// A kernel that can run its float16/bfloat16 operands as float32 copies (checking first the dtype
/// agreement the float32 copies would hide).
protocol ReducedPrecisionKernel: NNKernel {
    func inFloat32() -> Self
}

extension ReducedPrecisionKernel where Output == Tensor {
    /// `dispatch`; float16/bfloat16 compute in float32 and the result is rounded back to `dtype`.
    func dispatchRounding(_ dtype: DType, _ name: String) -> Tensor {
        dtype.isReducedFloat ? inFloat32().dispatch(.float32, name).to(dtype) : dispatch(dtype, name)
    }
}
