/// `clamp` / `clip` with number or tensor bounds, and `clampMin` / `clampMax`. NaN inputs stay NaN, a NaN
/// bound makes every element NaN, and when min > max every element becomes max, as in PyTorch.

struct ClampOp: UnaryElementOp {
    let low: Scalar?
    let high: Scalar?
    var kernelName: String { "clamp_scalar_cpu" }
    var rule: UnaryInputRule { .keepIntegers }
    var boolFailure: String? { "\"clamp_scalar_cpu\" not implemented for 'Bool'" }

    @inline(__always) func float<T: MathFloat>(_ x: T) -> T {
        var r = x
        // A NaN bound makes every element NaN, as torch's clamp fills the result with NaN.
        if let low {
            let l = T(low.doubleValue)
            r = r < l || l.isNaN ? l : r
        }
        if let high {
            let h = T(high.doubleValue)
            r = h < r || h.isNaN ? h : r
        }
        return r
    }
    /// A bound beyond the type's range clamps nothing (clampScalar refused the ones that would clamp all).
    @inline(__always) func integer<T: IntegerTensorElement>(_ x: T) -> T {
        var r = x
        if let low, low.int64Value > Int64(T.min) { r = Swift.max(r, T(truncatingIfNeeded: low.int64Value)) }
        if let high, high.int64Value < Int64(T.max) { r = Swift.min(r, T(truncatingIfNeeded: high.int64Value)) }
        return r
    }
}

extension DType {
    /// The values an integer dtype holds (nil for bool and floating types).
    fileprivate var integerRange: ClosedRange<Int64>? {
        switch self {
        case .uint8: 0...255
        case .int8: -128...127
        case .int16: Int64(Int16.min)...Int64(Int16.max)
        case .int32: Int64(Int32.min)...Int64(Int32.max)
        case .int64: Int64.min...Int64.max
        default: nil
        }
    }

    /// The C++ type name PyTorch's scalar clamp_ prints in its cast error.
    fileprivate var cTypeName: String {
        switch self {
        case .bool: return "bool"
        case .uint8: return "unsigned char"
        case .int8: return "signed char"
        case .int16: return "short int"
        case .int32: return "int"
        case .int64: return "long int"
        case .float16: return "c10::Half"
        case .bfloat16: return "c10::BFloat16"
        case .float32: return "float"
        case .float64: return "double"
        }
    }
}

extension Tensor {
    private func clampScalar(_ low: Scalar?, _ high: Scalar?, inPlace: Bool) -> Tensor {
        torchCheck(low != nil || high != nil, "torch.clamp: At least one of 'min' or 'max' must not be None")
        var operands: [PromotionOperand] = [.tensor(dtype, ndim: sizes.count)]
        if let low { operands.append(.scalar(low)) }
        if let high { operands.append(.scalar(high)) }
        let type = DType.resultType(operands)
        if let range = type.integerRange {
            // torch refuses a bound no element of the type can reach from the clamped side.
            if let low, low.int64Value > range.upperBound {
                torchFail(
                    "Clamp min value \(low.int64Value) is outside the representable range of \(type.scalarTypeName)")
            }
            if let high, high.int64Value < range.lowerBound {
                torchFail(
                    "Clamp max value \(high.int64Value) is outside the representable range of \(type.scalarTypeName)")
            }
        }
        if inPlace {
            torchCheck(
                DType.canCast(from: type, to: dtype),
                "result type \(type.scalarTypeName) can't be cast to the desired output type \(dtype.cTypeName)")
            if let tracked = recordedInPlace(nil, { $0.clampScalar(low, high, inPlace: false) }) { return tracked }
            return unary(ClampOp(low: low, high: high), inPlace: true)
        }
        return to(type).unary(ClampOp(low: low, high: high), inPlace: false).recorded(.clamp(min: low, max: high), self)
    }

    private func clampTensor(_ low: Tensor?, _ high: Tensor?, inPlace: Bool) -> Tensor {
        torchCheck(low != nil || high != nil, "torch.clamp: At least one of 'min' or 'max' must not be None")
        var result = self
        if let low { result = result.maximum(low) }
        if let high { result = result.minimum(high) }
        // torch's two-bound kernel has no bool version (one bound is maximum/minimum, which has).
        torchCheck(low == nil || high == nil || result.dtype != .bool, "\"clamp_cpu\" not implemented for 'Bool'")
        guard inPlace else { return result }
        checkInPlace(self, resultType: result.dtype, shape: result.sizes)
        return copy_(result)
    }

    /// Limits every element to [min, max]; either bound may be nil (not both).
    /// PyTorch: `Tensor.clamp` (`torch.clamp`).
    public func clamp(min: Scalar? = nil, max: Scalar? = nil) -> Tensor { clampScalar(min, max, inPlace: false) }
    /// In-place `clamp`; the bounds must cast to this tensor's dtype (PyTorch: `Tensor.clamp_`).
    @discardableResult
    public func clamp_(min: Scalar? = nil, max: Scalar? = nil) -> Tensor { clampScalar(min, max, inPlace: true) }
    /// Elementwise bounds, broadcast against this tensor; NaN bounds give NaN.
    /// PyTorch: `Tensor.clamp` with tensor `min`/`max`.
    public func clamp(min: Tensor?, max: Tensor? = nil) -> Tensor { clampTensor(min, max, inPlace: false) }
    /// An elementwise upper bound only (PyTorch: `Tensor.clamp(max=t)`).
    public func clamp(max: Tensor) -> Tensor { clampTensor(nil, max, inPlace: false) }
    /// In-place `clamp` with tensor bounds (PyTorch: `Tensor.clamp_`).
    @discardableResult
    public func clamp_(min: Tensor?, max: Tensor? = nil) -> Tensor { clampTensor(min, max, inPlace: true) }
    /// In-place `clamp` with an elementwise upper bound only (PyTorch: `Tensor.clamp_(max=t)`).
    @discardableResult
    public func clamp_(max: Tensor) -> Tensor { clampTensor(nil, max, inPlace: true) }

    /// `clamp` under NumPy's name (PyTorch: `Tensor.clip`, `torch.clip`).
    public func clip(min: Scalar? = nil, max: Scalar? = nil) -> Tensor { clamp(min: min, max: max) }
    /// In-place `clip` (PyTorch: `Tensor.clip_`).
    @discardableResult
    public func clip_(min: Scalar? = nil, max: Scalar? = nil) -> Tensor { clamp_(min: min, max: max) }

    /// A lower bound only: every element at least `min` (PyTorch: `Tensor.clamp_min`, `torch.clamp_min`).
    public func clampMin(_ min: Scalar) -> Tensor { clampScalar(min, nil, inPlace: false) }
    /// An upper bound only: every element at most `max` (PyTorch: `Tensor.clamp_max`, `torch.clamp_max`).
    public func clampMax(_ max: Scalar) -> Tensor { clampScalar(nil, max, inPlace: false) }
    /// An elementwise lower bound, broadcast (PyTorch: `Tensor.clamp_min` with a tensor).
    public func clampMin(_ min: Tensor) -> Tensor { clampTensor(min, nil, inPlace: false) }
    /// An elementwise upper bound, broadcast (PyTorch: `Tensor.clamp_max` with a tensor).
    public func clampMax(_ max: Tensor) -> Tensor { clampTensor(nil, max, inPlace: false) }
    /// In-place `clampMin` (PyTorch: `Tensor.clamp_min_`).
    @discardableResult public func clampMin_(_ min: Scalar) -> Tensor { clampScalar(min, nil, inPlace: true) }
    /// In-place `clampMax` (PyTorch: `Tensor.clamp_max_`).
    @discardableResult public func clampMax_(_ max: Scalar) -> Tensor { clampScalar(nil, max, inPlace: true) }
    /// In-place `clampMin` with an elementwise bound (PyTorch: `Tensor.clamp_min_`).
    @discardableResult public func clampMin_(_ min: Tensor) -> Tensor { clampTensor(min, nil, inPlace: true) }
    /// In-place `clampMax` with an elementwise bound (PyTorch: `Tensor.clamp_max_`).
    @discardableResult public func clampMax_(_ max: Tensor) -> Tensor { clampTensor(nil, max, inPlace: true) }
}
