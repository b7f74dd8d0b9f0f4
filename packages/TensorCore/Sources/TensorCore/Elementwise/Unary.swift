/// Unary elementwise ops as Tensor methods, each with its in-place `_` variant. Integer inputs to the
/// float functions compute in the default float dtype (`exp(int tensor)` is float32), so their in-place
/// form on an integer tensor stops with PyTorch's cast error.

extension Tensor {
    public func neg() -> Tensor { unary(NegOp(), inPlace: false).recorded(.neg, self) }
    @discardableResult public func neg_() -> Tensor { recordedInPlace(nil) { $0.neg() } ?? unary(NegOp(), inPlace: true) }
    public func negative() -> Tensor { neg() }
    public func abs() -> Tensor { unary(AbsOp(), inPlace: false).recorded(.abs, self) }
    @discardableResult public func abs_() -> Tensor { recordedInPlace(nil) { $0.abs() } ?? unary(AbsOp(), inPlace: true) }
    public func sign() -> Tensor { unary(SignOp(), inPlace: false).recorded(.sign, self) }
    @discardableResult public func sign_() -> Tensor { recordedInPlace(nil) { $0.sign() } ?? unary(SignOp(), inPlace: true) }
    /// For real tensors `sgn` is `sign`.
    public func sgn() -> Tensor { sign() }
    @discardableResult public func sgn_() -> Tensor { sign_() }

    public func exp() -> Tensor { unary(ExpOp(), inPlace: false).recorded(.exp, self) }
    @discardableResult public func exp_() -> Tensor { recordedInPlace(nil, readsOldValue: false) { $0.exp() } ?? unary(ExpOp(), inPlace: true) }
    public func exp2() -> Tensor { unary(Exp2Op(), inPlace: false).recorded(.exp2, self) }
    @discardableResult public func exp2_() -> Tensor { recordedInPlace(nil, readsOldValue: false) { $0.exp2() } ?? unary(Exp2Op(), inPlace: true) }
    public func expm1() -> Tensor { unary(Expm1Op(), inPlace: false).recorded(.expm1, self) }
    @discardableResult public func expm1_() -> Tensor { recordedInPlace(nil, readsOldValue: false) { $0.expm1() } ?? unary(Expm1Op(), inPlace: true) }
    public func log() -> Tensor { unary(LogOp(), inPlace: false).recorded(.log, self) }
    @discardableResult public func log_() -> Tensor { recordedInPlace(nil) { $0.log() } ?? unary(LogOp(), inPlace: true) }
    public func log2() -> Tensor { unary(Log2Op(), inPlace: false).recorded(.log2, self) }
    @discardableResult public func log2_() -> Tensor { recordedInPlace(nil) { $0.log2() } ?? unary(Log2Op(), inPlace: true) }
    public func log10() -> Tensor { unary(Log10Op(), inPlace: false).recorded(.log10, self) }
    @discardableResult public func log10_() -> Tensor { recordedInPlace(nil) { $0.log10() } ?? unary(Log10Op(), inPlace: true) }
    public func log1p() -> Tensor { unary(Log1pOp(), inPlace: false).recorded(.log1p, self) }
    @discardableResult public func log1p_() -> Tensor { recordedInPlace(nil) { $0.log1p() } ?? unary(Log1pOp(), inPlace: true) }
    public func sqrt() -> Tensor { unary(SqrtOp(), inPlace: false).recorded(.sqrt, self) }
    @discardableResult public func sqrt_() -> Tensor { recordedInPlace(nil, readsOldValue: false) { $0.sqrt() } ?? unary(SqrtOp(), inPlace: true) }
    public func rsqrt() -> Tensor { unary(RsqrtOp(), inPlace: false).recorded(.rsqrt, self) }
    @discardableResult public func rsqrt_() -> Tensor { recordedInPlace(nil, readsOldValue: false) { $0.rsqrt() } ?? unary(RsqrtOp(), inPlace: true) }
    public func reciprocal() -> Tensor { unary(ReciprocalOp(), inPlace: false).recorded(.reciprocal, self) }
    @discardableResult public func reciprocal_() -> Tensor { recordedInPlace(nil, readsOldValue: false) { $0.reciprocal() } ?? unary(ReciprocalOp(), inPlace: true) }

    public func sin() -> Tensor { unary(SinOp(), inPlace: false).recorded(.sin, self) }
    @discardableResult public func sin_() -> Tensor { recordedInPlace(nil) { $0.sin() } ?? unary(SinOp(), inPlace: true) }
    public func cos() -> Tensor { unary(CosOp(), inPlace: false).recorded(.cos, self) }
    @discardableResult public func cos_() -> Tensor { recordedInPlace(nil) { $0.cos() } ?? unary(CosOp(), inPlace: true) }
    public func tan() -> Tensor { unary(TanOp(), inPlace: false).recorded(.tan, self) }
    @discardableResult public func tan_() -> Tensor { recordedInPlace(nil, readsOldValue: false) { $0.tan() } ?? unary(TanOp(), inPlace: true) }
    public func asin() -> Tensor { unary(AsinOp(), inPlace: false).recorded(.asin, self) }
    @discardableResult public func asin_() -> Tensor { recordedInPlace(nil) { $0.asin() } ?? unary(AsinOp(), inPlace: true) }
    public func acos() -> Tensor { unary(AcosOp(), inPlace: false).recorded(.acos, self) }
    @discardableResult public func acos_() -> Tensor { recordedInPlace(nil) { $0.acos() } ?? unary(AcosOp(), inPlace: true) }
    public func atan() -> Tensor { unary(AtanOp(), inPlace: false).recorded(.atan, self) }
    @discardableResult public func atan_() -> Tensor { recordedInPlace(nil) { $0.atan() } ?? unary(AtanOp(), inPlace: true) }
    public func sinh() -> Tensor { unary(SinhOp(), inPlace: false).recorded(.sinh, self) }
    @discardableResult public func sinh_() -> Tensor { recordedInPlace(nil) { $0.sinh() } ?? unary(SinhOp(), inPlace: true) }
    public func cosh() -> Tensor { unary(CoshOp(), inPlace: false).recorded(.cosh, self) }
    @discardableResult public func cosh_() -> Tensor { recordedInPlace(nil) { $0.cosh() } ?? unary(CoshOp(), inPlace: true) }
    public func tanh() -> Tensor { unary(TanhOp(), inPlace: false).recorded(.tanh, self) }
    @discardableResult public func tanh_() -> Tensor { recordedInPlace(nil, readsOldValue: false) { $0.tanh() } ?? unary(TanhOp(), inPlace: true) }
    public func asinh() -> Tensor { unary(AsinhOp(), inPlace: false).recorded(.asinh, self) }
    @discardableResult public func asinh_() -> Tensor { recordedInPlace(nil) { $0.asinh() } ?? unary(AsinhOp(), inPlace: true) }
    public func acosh() -> Tensor { unary(AcoshOp(), inPlace: false).recorded(.acosh, self) }
    @discardableResult public func acosh_() -> Tensor { recordedInPlace(nil) { $0.acosh() } ?? unary(AcoshOp(), inPlace: true) }
    public func atanh() -> Tensor { unary(AtanhOp(), inPlace: false).recorded(.atanh, self) }
    @discardableResult public func atanh_() -> Tensor { recordedInPlace(nil) { $0.atanh() } ?? unary(AtanhOp(), inPlace: true) }

    public func sigmoid() -> Tensor { unary(SigmoidOp(), inPlace: false).recorded(.sigmoid, self) }
    @discardableResult public func sigmoid_() -> Tensor { recordedInPlace(nil, readsOldValue: false) { $0.sigmoid() } ?? unary(SigmoidOp(), inPlace: true) }
    /// `log(x / (1 - x))`; with `eps`, x is first clamped to [eps, 1 - eps].
    public func logit(eps: Double? = nil) -> Tensor { unary(LogitOp(eps: eps), inPlace: false).recorded(.logit(eps: eps), self) }
    @discardableResult public func logit_(eps: Double? = nil) -> Tensor { recordedInPlace(nil) { $0.logit(eps: eps) } ?? unary(LogitOp(eps: eps), inPlace: true) }
    public func erf() -> Tensor { unary(ErfOp(), inPlace: false).recorded(.erf, self) }
    @discardableResult public func erf_() -> Tensor { recordedInPlace(nil) { $0.erf() } ?? unary(ErfOp(), inPlace: true) }
    public func erfc() -> Tensor { unary(ErfcOp(), inPlace: false).recorded(.erfc, self) }
    @discardableResult public func erfc_() -> Tensor { recordedInPlace(nil) { $0.erfc() } ?? unary(ErfcOp(), inPlace: true) }
    public func erfinv() -> Tensor { unary(ErfinvOp(), inPlace: false).recorded(.erfinv, self) }
    @discardableResult public func erfinv_() -> Tensor { recordedInPlace(nil) { $0.erfinv() } ?? unary(ErfinvOp(), inPlace: true) }
    /// Degrees to radians (integers and bools become float32, torch's default dtype).
    public func deg2rad() -> Tensor { (dtype.isFloatingPoint ? self : to(.float32)).mul(.double(Double.pi / 180)) }
    /// Radians to degrees.
    public func rad2deg() -> Tensor { (dtype.isFloatingPoint ? self : to(.float32)).mul(.double(180 / Double.pi)) }
    /// `torch.positive`: the tensor itself (refused for bool, as torch's unary `+`).
    public func positive() -> Tensor {
        torchCheck(dtype != .bool, "The `+` operator, on a bool tensor is not supported.")
        return self
    }
    /// log |Γ(x)|.
    public func lgamma() -> Tensor { unary(LgammaOp(), inPlace: false).recorded(.lgamma, self) }
    @discardableResult public func lgamma_() -> Tensor { recordedInPlace(nil) { $0.lgamma() } ?? unary(LgammaOp(), inPlace: true) }
    /// ψ(x) = d/dx log Γ(x).
    public func digamma() -> Tensor { unary(DigammaOp(), inPlace: false).recorded(.digamma, self) }
    @discardableResult public func digamma_() -> Tensor { recordedInPlace(nil) { $0.digamma() } ?? unary(DigammaOp(), inPlace: true) }
    /// ψ⁽ⁿ⁾(x), the n-th derivative of the digamma function (`torch.polygamma(n, x)`).
    public func polygamma(_ n: Int) -> Tensor {
        torchCheck(n >= 0, "polygamma(n, x) does not support negative n.")
        return unary(PolygammaOp(n: n), inPlace: false).recorded(.polygamma(n: n), self)
    }
    @discardableResult public func polygamma_(_ n: Int) -> Tensor {
        torchCheck(n >= 0, "polygamma(n, x) does not support negative n.")
        return recordedInPlace(nil) { $0.polygamma(n) } ?? unary(PolygammaOp(n: n), inPlace: true)
    }
    /// `torch.polygamma(n, input)`.
    public static func polygamma(_ n: Int, _ input: Tensor) -> Tensor { input.polygamma(n) }

    // MARK: Activations (torch.relu, torch.nn.functional.*)

    public func relu() -> Tensor { unary(ReluOp(), inPlace: false).recorded(.relu, self) }
    @discardableResult public func relu_() -> Tensor { recordedInPlace(nil, readsOldValue: false) { $0.relu() } ?? unary(ReluOp(), inPlace: true) }
    public func silu() -> Tensor { unary(SiluOp(), inPlace: false).recorded(.silu, self) }
    @discardableResult public func silu_() -> Tensor { recordedInPlace(nil) { $0.silu() } ?? unary(SiluOp(), inPlace: true) }
    /// `approximate: "none"` (erf form) or `"tanh"`.
    public func gelu(approximate: String = "none") -> Tensor {
        switch approximate {
        case "none": return unary(GeluOp(), inPlace: false).recorded(.gelu(approximate: approximate), self)
        case "tanh": return unary(GeluTanhOp(), inPlace: false).recorded(.gelu(approximate: approximate), self)
        default: torchFail("approximate argument must be either none or tanh.")
        }
    }
    public func softplus(beta: Double = 1, threshold: Double = 20) -> Tensor {
        unary(SoftplusOp(beta: beta, threshold: threshold), inPlace: false)
            .recorded(.softplus(beta: beta, threshold: threshold), self)
    }

    // MARK: Rounding

    public func floor() -> Tensor { unary(RoundingOp(mode: .down, name: "floor_vml_cpu"), inPlace: false).recorded(.stepFunction(name: "Floor"), self) }
    @discardableResult public func floor_() -> Tensor { recordedInPlace(nil) { $0.floor() } ?? unary(RoundingOp(mode: .down, name: "floor_vml_cpu"), inPlace: true) }
    public func ceil() -> Tensor { unary(RoundingOp(mode: .up, name: "ceil_vml_cpu"), inPlace: false).recorded(.stepFunction(name: "Ceil"), self) }
    @discardableResult public func ceil_() -> Tensor { recordedInPlace(nil) { $0.ceil() } ?? unary(RoundingOp(mode: .up, name: "ceil_vml_cpu"), inPlace: true) }
    public func trunc() -> Tensor { unary(RoundingOp(mode: .towardZero, name: "trunc_vml_cpu"), inPlace: false).recorded(.stepFunction(name: "Trunc"), self) }
    @discardableResult public func trunc_() -> Tensor { recordedInPlace(nil) { $0.trunc() } ?? unary(RoundingOp(mode: .towardZero, name: "trunc_vml_cpu"), inPlace: true) }
    public func fix() -> Tensor { trunc() }
    /// Rounds half to even; `decimals` rounds to that many decimal places (negative: to tens, hundreds...).
    public func round(decimals: Int = 0) -> Tensor {
        if decimals == 0 {
            return unary(RoundingOp(mode: .toNearestOrEven, name: "round_vml_cpu"), inPlace: false)
                .recorded(.stepFunction(name: "Round"), self)
        }
        return unary(RoundDecimalsOp(decimals: decimals), inPlace: false).recorded(.stepFunction(name: "Round"), self)
    }
    @discardableResult public func round_(decimals: Int = 0) -> Tensor {
        if let tracked = recordedInPlace(nil, { $0.round(decimals: decimals) }) { return tracked }
        if decimals == 0 { return unary(RoundingOp(mode: .toNearestOrEven, name: "round_vml_cpu"), inPlace: true) }
        return unary(RoundDecimalsOp(decimals: decimals), inPlace: true)
    }
    public func frac() -> Tensor { unary(FracOp(), inPlace: false).recorded(.frac, self) }
    @discardableResult public func frac_() -> Tensor { recordedInPlace(nil) { $0.frac() } ?? unary(FracOp(), inPlace: true) }

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
        unary(nanToNumOp(nan, posinf, neginf), inPlace: false).recorded(.nanToNum, self)
    }
    @discardableResult
    public func nanToNum_(nan: Double = 0, posinf: Double? = nil, neginf: Double? = nil) -> Tensor {
        recordedInPlace(nil) { $0.nanToNum(nan: nan, posinf: posinf, neginf: neginf) }
            ?? unary(nanToNumOp(nan, posinf, neginf), inPlace: true)
    }
}
