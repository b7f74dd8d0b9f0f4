/// Unary elementwise ops as Tensor methods, each with its in-place `_` variant. Integer inputs to the
/// float functions compute in the default float dtype (`exp(int tensor)` is float32), so their in-place
/// form on an integer tensor stops with PyTorch's cast error.

extension Tensor {
    public func neg() -> Tensor { unary(NegOp(), inPlace: false) }
    @discardableResult public func neg_() -> Tensor { unary(NegOp(), inPlace: true) }
    public func negative() -> Tensor { neg() }
    public func abs() -> Tensor { unary(AbsOp(), inPlace: false) }
    @discardableResult public func abs_() -> Tensor { unary(AbsOp(), inPlace: true) }
    public func sign() -> Tensor { unary(SignOp(), inPlace: false) }
    @discardableResult public func sign_() -> Tensor { unary(SignOp(), inPlace: true) }
    /// For real tensors `sgn` is `sign`.
    public func sgn() -> Tensor { sign() }
    @discardableResult public func sgn_() -> Tensor { sign_() }

    public func exp() -> Tensor { unary(ExpOp(), inPlace: false) }
    @discardableResult public func exp_() -> Tensor { unary(ExpOp(), inPlace: true) }
    public func exp2() -> Tensor { unary(Exp2Op(), inPlace: false) }
    @discardableResult public func exp2_() -> Tensor { unary(Exp2Op(), inPlace: true) }
    public func expm1() -> Tensor { unary(Expm1Op(), inPlace: false) }
    @discardableResult public func expm1_() -> Tensor { unary(Expm1Op(), inPlace: true) }
    public func log() -> Tensor { unary(LogOp(), inPlace: false) }
    @discardableResult public func log_() -> Tensor { unary(LogOp(), inPlace: true) }
    public func log2() -> Tensor { unary(Log2Op(), inPlace: false) }
    @discardableResult public func log2_() -> Tensor { unary(Log2Op(), inPlace: true) }
    public func log10() -> Tensor { unary(Log10Op(), inPlace: false) }
    @discardableResult public func log10_() -> Tensor { unary(Log10Op(), inPlace: true) }
    public func log1p() -> Tensor { unary(Log1pOp(), inPlace: false) }
    @discardableResult public func log1p_() -> Tensor { unary(Log1pOp(), inPlace: true) }
    public func sqrt() -> Tensor { unary(SqrtOp(), inPlace: false) }
    @discardableResult public func sqrt_() -> Tensor { unary(SqrtOp(), inPlace: true) }
    public func rsqrt() -> Tensor { unary(RsqrtOp(), inPlace: false) }
    @discardableResult public func rsqrt_() -> Tensor { unary(RsqrtOp(), inPlace: true) }
    public func reciprocal() -> Tensor { unary(ReciprocalOp(), inPlace: false) }
    @discardableResult public func reciprocal_() -> Tensor { unary(ReciprocalOp(), inPlace: true) }

    public func sin() -> Tensor { unary(SinOp(), inPlace: false) }
    @discardableResult public func sin_() -> Tensor { unary(SinOp(), inPlace: true) }
    public func cos() -> Tensor { unary(CosOp(), inPlace: false) }
    @discardableResult public func cos_() -> Tensor { unary(CosOp(), inPlace: true) }
    public func tan() -> Tensor { unary(TanOp(), inPlace: false) }
    @discardableResult public func tan_() -> Tensor { unary(TanOp(), inPlace: true) }
    public func asin() -> Tensor { unary(AsinOp(), inPlace: false) }
    @discardableResult public func asin_() -> Tensor { unary(AsinOp(), inPlace: true) }
    public func acos() -> Tensor { unary(AcosOp(), inPlace: false) }
    @discardableResult public func acos_() -> Tensor { unary(AcosOp(), inPlace: true) }
    public func atan() -> Tensor { unary(AtanOp(), inPlace: false) }
    @discardableResult public func atan_() -> Tensor { unary(AtanOp(), inPlace: true) }
    public func sinh() -> Tensor { unary(SinhOp(), inPlace: false) }
    @discardableResult public func sinh_() -> Tensor { unary(SinhOp(), inPlace: true) }
    public func cosh() -> Tensor { unary(CoshOp(), inPlace: false) }
    @discardableResult public func cosh_() -> Tensor { unary(CoshOp(), inPlace: true) }
    public func tanh() -> Tensor { unary(TanhOp(), inPlace: false) }
    @discardableResult public func tanh_() -> Tensor { unary(TanhOp(), inPlace: true) }
    public func asinh() -> Tensor { unary(AsinhOp(), inPlace: false) }
    @discardableResult public func asinh_() -> Tensor { unary(AsinhOp(), inPlace: true) }
    public func acosh() -> Tensor { unary(AcoshOp(), inPlace: false) }
    @discardableResult public func acosh_() -> Tensor { unary(AcoshOp(), inPlace: true) }
    public func atanh() -> Tensor { unary(AtanhOp(), inPlace: false) }
    @discardableResult public func atanh_() -> Tensor { unary(AtanhOp(), inPlace: true) }

    public func sigmoid() -> Tensor { unary(SigmoidOp(), inPlace: false) }
    @discardableResult public func sigmoid_() -> Tensor { unary(SigmoidOp(), inPlace: true) }
    /// `log(x / (1 - x))`; with `eps`, x is first clamped to [eps, 1 - eps].
    public func logit(eps: Double? = nil) -> Tensor { unary(LogitOp(eps: eps), inPlace: false) }
    @discardableResult public func logit_(eps: Double? = nil) -> Tensor { unary(LogitOp(eps: eps), inPlace: true) }
    public func erf() -> Tensor { unary(ErfOp(), inPlace: false) }
    @discardableResult public func erf_() -> Tensor { unary(ErfOp(), inPlace: true) }
    public func erfc() -> Tensor { unary(ErfcOp(), inPlace: false) }
    @discardableResult public func erfc_() -> Tensor { unary(ErfcOp(), inPlace: true) }
    public func erfinv() -> Tensor { unary(ErfinvOp(), inPlace: false) }
    @discardableResult public func erfinv_() -> Tensor { unary(ErfinvOp(), inPlace: true) }

    // MARK: Activations (torch.relu, torch.nn.functional.*)

    public func relu() -> Tensor { unary(ReluOp(), inPlace: false) }
    @discardableResult public func relu_() -> Tensor { unary(ReluOp(), inPlace: true) }
    public func silu() -> Tensor { unary(SiluOp(), inPlace: false) }
    @discardableResult public func silu_() -> Tensor { unary(SiluOp(), inPlace: true) }
    /// `approximate: "none"` (erf form) or `"tanh"`.
    public func gelu(approximate: String = "none") -> Tensor {
        switch approximate {
        case "none": return unary(GeluOp(), inPlace: false)
        case "tanh": return unary(GeluTanhOp(), inPlace: false)
        default: torchFail("approximate argument must be either none or tanh.")
        }
    }
    public func softplus(beta: Double = 1, threshold: Double = 20) -> Tensor {
        unary(SoftplusOp(beta: beta, threshold: threshold), inPlace: false)
    }

    // MARK: Rounding

    public func floor() -> Tensor { unary(RoundingOp(mode: .down, name: "floor_vml_cpu"), inPlace: false) }
    @discardableResult public func floor_() -> Tensor { unary(RoundingOp(mode: .down, name: "floor_vml_cpu"), inPlace: true) }
    public func ceil() -> Tensor { unary(RoundingOp(mode: .up, name: "ceil_vml_cpu"), inPlace: false) }
    @discardableResult public func ceil_() -> Tensor { unary(RoundingOp(mode: .up, name: "ceil_vml_cpu"), inPlace: true) }
    public func trunc() -> Tensor { unary(RoundingOp(mode: .towardZero, name: "trunc_vml_cpu"), inPlace: false) }
    @discardableResult public func trunc_() -> Tensor { unary(RoundingOp(mode: .towardZero, name: "trunc_vml_cpu"), inPlace: true) }
    public func fix() -> Tensor { trunc() }
    /// Rounds half to even; `decimals` rounds to that many decimal places (negative: to tens, hundreds...).
    public func round(decimals: Int = 0) -> Tensor {
        if decimals == 0 { return unary(RoundingOp(mode: .toNearestOrEven, name: "round_vml_cpu"), inPlace: false) }
        return unary(RoundDecimalsOp(decimals: decimals), inPlace: false)
    }
    @discardableResult public func round_(decimals: Int = 0) -> Tensor {
        if decimals == 0 { return unary(RoundingOp(mode: .toNearestOrEven, name: "round_vml_cpu"), inPlace: true) }
        return unary(RoundDecimalsOp(decimals: decimals), inPlace: true)
    }
    public func frac() -> Tensor { unary(FracOp(), inPlace: false) }
    @discardableResult public func frac_() -> Tensor { unary(FracOp(), inPlace: true) }

    // MARK: nan_to_num

    private func nanToNumOp(_ nan: Double, _ posinf: Double?, _ neginf: Double?) -> NanToNumOp {
        let largest: Double =
            switch dtype {
            case .float16: Double(Float16.greatestFiniteMagnitude)
            case .bfloat16: Double(BFloat16(bitPattern: 0x7F7F).floatValue)
            case .float32: Double(Float.greatestFiniteMagnitude)
            default: Double.greatestFiniteMagnitude
            }
        return NanToNumOp(nan: nan, posinf: posinf ?? largest, neginf: neginf ?? -largest)
    }

    /// Replaces NaN by `nan`, +inf by `posinf`, -inf by `neginf` (defaults: the dtype's finite extremes).
    public func nanToNum(nan: Double = 0, posinf: Double? = nil, neginf: Double? = nil) -> Tensor {
        unary(nanToNumOp(nan, posinf, neginf), inPlace: false)
    }
    @discardableResult
    public func nanToNum_(nan: Double = 0, posinf: Double? = nil, neginf: Double? = nil) -> Tensor {
        unary(nanToNumOp(nan, posinf, neginf), inPlace: true)
    }
}
