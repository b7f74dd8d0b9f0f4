/// Unary elementwise ops as Tensor methods, each with its in-place `_` variant. Integer inputs to the
/// float functions compute in the default float dtype (`exp(int tensor)` is float32), so their in-place
/// form on an integer tensor stops with PyTorch's cast error.

extension Tensor {
    /// Elementwise negation; integers wrap (the minimum stays the minimum) and bools are refused (PyTorch:
    /// `Tensor.neg`, `torch.neg`).
    public func neg() -> Tensor { unary(NegOp(), inPlace: false).recorded(.neg, self) }
    /// In-place `neg` (PyTorch: `Tensor.neg_`).
    @discardableResult public func neg_() -> Tensor {
        recordedInPlace(nil) { $0.neg() } ?? unary(NegOp(), inPlace: true)
    }
    /// `neg` under NumPy's name (PyTorch: `Tensor.negative`, `torch.negative`).
    public func negative() -> Tensor { neg() }
    /// Absolute value; integers keep their dtype, bools are refused (PyTorch: `Tensor.abs`, `torch.abs`).
    public func abs() -> Tensor { unary(AbsOp(), inPlace: false).recorded(.abs, self) }
    /// In-place `abs` (PyTorch: `Tensor.abs_`).
    @discardableResult public func abs_() -> Tensor {
        recordedInPlace(nil) { $0.abs() } ?? unary(AbsOp(), inPlace: true)
    }
    /// -1, 0 or 1 by each element's sign (NaN gives 0); integers keep their dtype (PyTorch: `Tensor.sign`,
    /// `torch.sign`).
    public func sign() -> Tensor { unary(SignOp(), inPlace: false).recorded(.sign, self) }
    /// In-place `sign` (PyTorch: `Tensor.sign_`).
    @discardableResult public func sign_() -> Tensor {
        recordedInPlace(nil) { $0.sign() } ?? unary(SignOp(), inPlace: true)
    }
    /// For real tensors `sgn` is `sign`.
    /// PyTorch: `Tensor.sgn` (`torch.sgn`).
    public func sgn() -> Tensor { sign() }
    /// In-place `sgn` (PyTorch: `Tensor.sgn_`).
    @discardableResult public func sgn_() -> Tensor { sign_() }

    /// `e^x`; integer and bool inputs compute in the default float dtype (PyTorch: `Tensor.exp`, `torch.exp`).
    public func exp() -> Tensor { unary(ExpOp(), inPlace: false).recorded(.exp, self) }
    /// In-place `exp` (PyTorch: `Tensor.exp_`).
    @discardableResult public func exp_() -> Tensor {
        recordedInPlace(nil, readsOldValue: false) { $0.exp() } ?? unary(ExpOp(), inPlace: true)
    }
    /// `2^x` (PyTorch: `Tensor.exp2`, `torch.exp2`).
    public func exp2() -> Tensor { unary(Exp2Op(), inPlace: false).recorded(.exp2, self) }
    /// In-place `exp2` (PyTorch: `Tensor.exp2_`).
    @discardableResult public func exp2_() -> Tensor {
        recordedInPlace(nil, readsOldValue: false) { $0.exp2() } ?? unary(Exp2Op(), inPlace: true)
    }
    /// `e^x - 1`, accurate near 0 (PyTorch: `Tensor.expm1`, `torch.expm1`).
    public func expm1() -> Tensor { unary(Expm1Op(), inPlace: false).recorded(.expm1, self) }
    /// In-place `expm1` (PyTorch: `Tensor.expm1_`).
    @discardableResult public func expm1_() -> Tensor {
        recordedInPlace(nil, readsOldValue: false) { $0.expm1() } ?? unary(Expm1Op(), inPlace: true)
    }
    /// Natural logarithm; 0 gives -inf and negative inputs NaN (PyTorch: `Tensor.log`, `torch.log`).
    public func log() -> Tensor { unary(LogOp(), inPlace: false).recorded(.log, self) }
    /// In-place `log` (PyTorch: `Tensor.log_`).
    @discardableResult public func log_() -> Tensor {
        recordedInPlace(nil) { $0.log() } ?? unary(LogOp(), inPlace: true)
    }
    /// Base-2 logarithm (PyTorch: `Tensor.log2`, `torch.log2`).
    public func log2() -> Tensor { unary(Log2Op(), inPlace: false).recorded(.log2, self) }
    /// In-place `log2` (PyTorch: `Tensor.log2_`).
    @discardableResult public func log2_() -> Tensor {
        recordedInPlace(nil) { $0.log2() } ?? unary(Log2Op(), inPlace: true)
    }
    /// Base-10 logarithm (PyTorch: `Tensor.log10`, `torch.log10`).
    public func log10() -> Tensor { unary(Log10Op(), inPlace: false).recorded(.log10, self) }
    /// In-place `log10` (PyTorch: `Tensor.log10_`).
    @discardableResult public func log10_() -> Tensor {
        recordedInPlace(nil) { $0.log10() } ?? unary(Log10Op(), inPlace: true)
    }
    /// `log(1 + x)`, accurate near 0 (PyTorch: `Tensor.log1p`, `torch.log1p`).
    public func log1p() -> Tensor { unary(Log1pOp(), inPlace: false).recorded(.log1p, self) }
    /// In-place `log1p` (PyTorch: `Tensor.log1p_`).
    @discardableResult public func log1p_() -> Tensor {
        recordedInPlace(nil) { $0.log1p() } ?? unary(Log1pOp(), inPlace: true)
    }
    /// Square root; negative inputs give NaN (PyTorch: `Tensor.sqrt`, `torch.sqrt`).
    public func sqrt() -> Tensor { unary(SqrtOp(), inPlace: false).recorded(.sqrt, self) }
    /// In-place `sqrt` (PyTorch: `Tensor.sqrt_`).
    @discardableResult public func sqrt_() -> Tensor {
        recordedInPlace(nil, readsOldValue: false) { $0.sqrt() } ?? unary(SqrtOp(), inPlace: true)
    }
    /// `1 / sqrt(x)`, as normalization layers scale by (PyTorch: `Tensor.rsqrt`, `torch.rsqrt`).
    public func rsqrt() -> Tensor { unary(RsqrtOp(), inPlace: false).recorded(.rsqrt, self) }
    /// In-place `rsqrt` (PyTorch: `Tensor.rsqrt_`).
    @discardableResult public func rsqrt_() -> Tensor {
        recordedInPlace(nil, readsOldValue: false) { $0.rsqrt() } ?? unary(RsqrtOp(), inPlace: true)
    }
    /// `1 / x`; integer inputs give the default float dtype (PyTorch: `Tensor.reciprocal`, `torch.reciprocal`).
    public func reciprocal() -> Tensor { unary(ReciprocalOp(), inPlace: false).recorded(.reciprocal, self) }
    /// In-place `reciprocal` (PyTorch: `Tensor.reciprocal_`).
    @discardableResult public func reciprocal_() -> Tensor {
        recordedInPlace(nil, readsOldValue: false) { $0.reciprocal() } ?? unary(ReciprocalOp(), inPlace: true)
    }

    /// Sine of an angle in radians (PyTorch: `Tensor.sin`, `torch.sin`).
    public func sin() -> Tensor { unary(SinOp(), inPlace: false).recorded(.sin, self) }
    /// In-place `sin` (PyTorch: `Tensor.sin_`).
    @discardableResult public func sin_() -> Tensor {
        recordedInPlace(nil) { $0.sin() } ?? unary(SinOp(), inPlace: true)
    }
    /// Cosine of an angle in radians (PyTorch: `Tensor.cos`, `torch.cos`).
    public func cos() -> Tensor { unary(CosOp(), inPlace: false).recorded(.cos, self) }
    /// In-place `cos` (PyTorch: `Tensor.cos_`).
    @discardableResult public func cos_() -> Tensor {
        recordedInPlace(nil) { $0.cos() } ?? unary(CosOp(), inPlace: true)
    }
    /// Tangent of an angle in radians (PyTorch: `Tensor.tan`, `torch.tan`).
    public func tan() -> Tensor { unary(TanOp(), inPlace: false).recorded(.tan, self) }
    /// In-place `tan` (PyTorch: `Tensor.tan_`).
    @discardableResult public func tan_() -> Tensor {
        recordedInPlace(nil, readsOldValue: false) { $0.tan() } ?? unary(TanOp(), inPlace: true)
    }
    /// Arcsine in radians; inputs outside [-1, 1] give NaN (PyTorch: `Tensor.asin`, `torch.asin`).
    public func asin() -> Tensor { unary(AsinOp(), inPlace: false).recorded(.asin, self) }
    /// In-place `asin` (PyTorch: `Tensor.asin_`).
    @discardableResult public func asin_() -> Tensor {
        recordedInPlace(nil) { $0.asin() } ?? unary(AsinOp(), inPlace: true)
    }
    /// Arccosine in radians; inputs outside [-1, 1] give NaN (PyTorch: `Tensor.acos`, `torch.acos`).
    public func acos() -> Tensor { unary(AcosOp(), inPlace: false).recorded(.acos, self) }
    /// In-place `acos` (PyTorch: `Tensor.acos_`).
    @discardableResult public func acos_() -> Tensor {
        recordedInPlace(nil) { $0.acos() } ?? unary(AcosOp(), inPlace: true)
    }
    /// Arctangent in radians, in (-π/2, π/2) (PyTorch: `Tensor.atan`, `torch.atan`).
    public func atan() -> Tensor { unary(AtanOp(), inPlace: false).recorded(.atan, self) }
    /// In-place `atan` (PyTorch: `Tensor.atan_`).
    @discardableResult public func atan_() -> Tensor {
        recordedInPlace(nil) { $0.atan() } ?? unary(AtanOp(), inPlace: true)
    }
    /// Hyperbolic sine (PyTorch: `Tensor.sinh`, `torch.sinh`).
    public func sinh() -> Tensor { unary(SinhOp(), inPlace: false).recorded(.sinh, self) }
    /// In-place `sinh` (PyTorch: `Tensor.sinh_`).
    @discardableResult public func sinh_() -> Tensor {
        recordedInPlace(nil) { $0.sinh() } ?? unary(SinhOp(), inPlace: true)
    }
    /// Hyperbolic cosine (PyTorch: `Tensor.cosh`, `torch.cosh`).
    public func cosh() -> Tensor { unary(CoshOp(), inPlace: false).recorded(.cosh, self) }
    /// In-place `cosh` (PyTorch: `Tensor.cosh_`).
    @discardableResult public func cosh_() -> Tensor {
        recordedInPlace(nil) { $0.cosh() } ?? unary(CoshOp(), inPlace: true)
    }
    /// Hyperbolic tangent, in (-1, 1); also the `nn.Tanh` activation (PyTorch: `Tensor.tanh`, `torch.tanh`).
    public func tanh() -> Tensor { unary(TanhOp(), inPlace: false).recorded(.tanh, self) }
    /// In-place `tanh` (PyTorch: `Tensor.tanh_`).
    @discardableResult public func tanh_() -> Tensor {
        recordedInPlace(nil, readsOldValue: false) { $0.tanh() } ?? unary(TanhOp(), inPlace: true)
    }
    /// Inverse hyperbolic sine (PyTorch: `Tensor.asinh`, `torch.asinh`).
    public func asinh() -> Tensor { unary(AsinhOp(), inPlace: false).recorded(.asinh, self) }
    /// In-place `asinh` (PyTorch: `Tensor.asinh_`).
    @discardableResult public func asinh_() -> Tensor {
        recordedInPlace(nil) { $0.asinh() } ?? unary(AsinhOp(), inPlace: true)
    }
    /// Inverse hyperbolic cosine; inputs below 1 give NaN (PyTorch: `Tensor.acosh`, `torch.acosh`).
    public func acosh() -> Tensor { unary(AcoshOp(), inPlace: false).recorded(.acosh, self) }
    /// In-place `acosh` (PyTorch: `Tensor.acosh_`).
    @discardableResult public func acosh_() -> Tensor {
        recordedInPlace(nil) { $0.acosh() } ?? unary(AcoshOp(), inPlace: true)
    }
    /// Inverse hyperbolic tangent; ±1 give ±inf and inputs beyond them NaN (PyTorch: `Tensor.atanh`,
    /// `torch.atanh`).
    public func atanh() -> Tensor { unary(AtanhOp(), inPlace: false).recorded(.atanh, self) }
    /// In-place `atanh` (PyTorch: `Tensor.atanh_`).
    @discardableResult public func atanh_() -> Tensor {
        recordedInPlace(nil) { $0.atanh() } ?? unary(AtanhOp(), inPlace: true)
    }

    /// The logistic function `1 / (1 + e^-x)` (PyTorch: `Tensor.sigmoid`, `torch.sigmoid`).
    public func sigmoid() -> Tensor { unary(SigmoidOp(), inPlace: false).recorded(.sigmoid, self) }
    /// In-place `sigmoid` (PyTorch: `Tensor.sigmoid_`).
    @discardableResult public func sigmoid_() -> Tensor {
        recordedInPlace(nil, readsOldValue: false) { $0.sigmoid() } ?? unary(SigmoidOp(), inPlace: true)
    }
    /// `log(x / (1 - x))`; with `eps`, x is first clamped to [eps, 1 - eps].
    /// PyTorch: `Tensor.logit` (`torch.logit`).
    public func logit(eps: Double? = nil) -> Tensor {
        unary(LogitOp(eps: eps), inPlace: false).recorded(.logit(eps: eps), self)
    }
    /// In-place `logit` (PyTorch: `Tensor.logit_`).
    @discardableResult public func logit_(eps: Double? = nil) -> Tensor {
        recordedInPlace(nil) { $0.logit(eps: eps) } ?? unary(LogitOp(eps: eps), inPlace: true)
    }
    /// The Gauss error function (PyTorch: `Tensor.erf`, `torch.erf`).
    public func erf() -> Tensor { unary(ErfOp(), inPlace: false).recorded(.erf, self) }
    /// In-place `erf` (PyTorch: `Tensor.erf_`).
    @discardableResult public func erf_() -> Tensor {
        recordedInPlace(nil) { $0.erf() } ?? unary(ErfOp(), inPlace: true)
    }
    /// `1 - erf(x)`, accurate where erf is near 1 (PyTorch: `Tensor.erfc`, `torch.erfc`).
    public func erfc() -> Tensor { unary(ErfcOp(), inPlace: false).recorded(.erfc, self) }
    /// In-place `erfc` (PyTorch: `Tensor.erfc_`).
    @discardableResult public func erfc_() -> Tensor {
        recordedInPlace(nil) { $0.erfc() } ?? unary(ErfcOp(), inPlace: true)
    }
    /// The inverse of `erf` on (-1, 1); ±1 give ±inf and inputs beyond them NaN (PyTorch: `Tensor.erfinv`,
    /// `torch.erfinv`).
    public func erfinv() -> Tensor { unary(ErfinvOp(), inPlace: false).recorded(.erfinv, self) }
    /// In-place `erfinv` (PyTorch: `Tensor.erfinv_`).
    @discardableResult public func erfinv_() -> Tensor {
        recordedInPlace(nil) { $0.erfinv() } ?? unary(ErfinvOp(), inPlace: true)
    }
    /// Degrees to radians (integers and bools become float32, torch's default dtype).
    /// PyTorch: `Tensor.deg2rad` (`torch.deg2rad`).
    public func deg2rad() -> Tensor { (dtype.isFloatingPoint ? self : to(.float32)).mul(.double(Double.pi / 180)) }
    /// Radians to degrees.
    /// PyTorch: `Tensor.rad2deg` (`torch.rad2deg`); integers and bools become float32.
    public func rad2deg() -> Tensor { (dtype.isFloatingPoint ? self : to(.float32)).mul(.double(180 / Double.pi)) }
    /// `torch.positive`: the tensor itself (refused for bool, as torch's unary `+`).
    public func positive() -> Tensor {
        torchCheck(dtype != .bool, "The `+` operator, on a bool tensor is not supported.")
        return self
    }
    /// log |Γ(x)|.
    /// PyTorch: `Tensor.lgamma` (`torch.lgamma`).
    public func lgamma() -> Tensor { unary(LgammaOp(), inPlace: false).recorded(.lgamma, self) }
    /// In-place `lgamma` (PyTorch: `Tensor.lgamma_`).
    @discardableResult public func lgamma_() -> Tensor {
        recordedInPlace(nil) { $0.lgamma() } ?? unary(LgammaOp(), inPlace: true)
    }
    /// ψ(x) = d/dx log Γ(x).
    /// PyTorch: `Tensor.digamma` (`torch.digamma`).
    public func digamma() -> Tensor { unary(DigammaOp(), inPlace: false).recorded(.digamma, self) }
    /// In-place `digamma` (PyTorch: `Tensor.digamma_`).
    @discardableResult public func digamma_() -> Tensor {
        recordedInPlace(nil) { $0.digamma() } ?? unary(DigammaOp(), inPlace: true)
    }
    /// ψ⁽ⁿ⁾(x), the n-th derivative of the digamma function (`torch.polygamma(n, x)`).
    public func polygamma(_ n: Int) -> Tensor {
        torchCheck(n >= 0, "polygamma(n, x) does not support negative n.")
        return unary(PolygammaOp(n: n), inPlace: false).recorded(.polygamma(n: n), self)
    }
    /// In-place `polygamma` (PyTorch: `Tensor.polygamma_`).
    @discardableResult public func polygamma_(_ n: Int) -> Tensor {
        torchCheck(n >= 0, "polygamma(n, x) does not support negative n.")
        return recordedInPlace(nil) { $0.polygamma(n) } ?? unary(PolygammaOp(n: n), inPlace: true)
    }
    /// `torch.polygamma(n, input)`.
    public static func polygamma(_ n: Int, _ input: Tensor) -> Tensor { input.polygamma(n) }

    // MARK: Activations (torch.relu, torch.nn.functional.*)

    /// `max(x, 0)`; integers keep their dtype, bools are refused (PyTorch: `Tensor.relu`, `torch.relu`).
    public func relu() -> Tensor { unary(ReluOp(), inPlace: false).recorded(.relu, self) }
    /// In-place `relu`, what `nn.ReLU(inplace=True)` does (PyTorch: `Tensor.relu_`).
    @discardableResult public func relu_() -> Tensor {
        recordedInPlace(nil, readsOldValue: false) { $0.relu() } ?? unary(ReluOp(), inPlace: true)
    }
    /// `x * sigmoid(x)`, float inputs only (PyTorch: `torch.nn.functional.silu`).
    public func silu() -> Tensor { unary(SiluOp(), inPlace: false).recorded(.silu, self) }
    /// In-place `silu` (PyTorch: `torch.nn.functional.silu(x, inplace=True)`).
    @discardableResult public func silu_() -> Tensor {
        recordedInPlace(nil) { $0.silu() } ?? unary(SiluOp(), inPlace: true)
    }
    /// The Gaussian error linear unit `x Φ(x)` (PyTorch: `torch.nn.functional.gelu`).
    /// `approximate: "none"` (erf form) or `"tanh"`.
    public func gelu(approximate: String = "none") -> Tensor {
        switch approximate {
        case "none": return unary(GeluOp(), inPlace: false).recorded(.gelu(approximate: approximate), self)
        case "tanh": return unary(GeluTanhOp(), inPlace: false).recorded(.gelu(approximate: approximate), self)
        default: torchFail("approximate argument must be either none or tanh.")
        }
    }
    /// `log(1 + e^(beta x)) / beta`, a smooth relu, and `x` itself where `beta x > threshold`; float inputs only
    /// (PyTorch: `torch.nn.functional.softplus`).
    public func softplus(beta: Double = 1, threshold: Double = 20) -> Tensor {
        unary(SoftplusOp(beta: beta, threshold: threshold), inPlace: false)
            .recorded(.softplus(beta: beta, threshold: threshold), self)
    }

    // MARK: Rounding

    /// Rounds down to an integral value; integers pass through unchanged, bools are refused (PyTorch:
    /// `Tensor.floor`, `torch.floor`).
    public func floor() -> Tensor {
        unary(RoundingOp(mode: .down, name: "floor_vml_cpu"), inPlace: false).recorded(
            .stepFunction(name: "Floor"), self)
    }
    /// In-place `floor` (PyTorch: `Tensor.floor_`).
    @discardableResult public func floor_() -> Tensor {
        recordedInPlace(nil) { $0.floor() } ?? unary(RoundingOp(mode: .down, name: "floor_vml_cpu"), inPlace: true)
    }
    /// Rounds up to an integral value; integers pass through unchanged, bools are refused (PyTorch:
    /// `Tensor.ceil`, `torch.ceil`).
    public func ceil() -> Tensor {
        unary(RoundingOp(mode: .up, name: "ceil_vml_cpu"), inPlace: false).recorded(.stepFunction(name: "Ceil"), self)
    }
    /// In-place `ceil` (PyTorch: `Tensor.ceil_`).
    @discardableResult public func ceil_() -> Tensor {
        recordedInPlace(nil) { $0.ceil() } ?? unary(RoundingOp(mode: .up, name: "ceil_vml_cpu"), inPlace: true)
    }
    /// Rounds toward zero; integers pass through unchanged, bools are refused (PyTorch: `Tensor.trunc`,
    /// `torch.trunc`).
    public func trunc() -> Tensor {
        unary(RoundingOp(mode: .towardZero, name: "trunc_vml_cpu"), inPlace: false).recorded(
            .stepFunction(name: "Trunc"), self)
    }
    /// In-place `trunc` (PyTorch: `Tensor.trunc_`).
    @discardableResult public func trunc_() -> Tensor {
        recordedInPlace(nil) { $0.trunc() }
            ?? unary(RoundingOp(mode: .towardZero, name: "trunc_vml_cpu"), inPlace: true)
    }
    /// `trunc` under NumPy's name (PyTorch: `Tensor.fix`, `torch.fix`).
    public func fix() -> Tensor { trunc() }
    /// Rounds half to even; `decimals` rounds to that many decimal places (negative: to tens, hundreds...).
    /// PyTorch: `Tensor.round` (`torch.round` with `decimals`).
    public func round(decimals: Int = 0) -> Tensor {
        if decimals == 0 {
            return unary(RoundingOp(mode: .toNearestOrEven, name: "round_vml_cpu"), inPlace: false)
                .recorded(.stepFunction(name: "Round"), self)
        }
        return unary(RoundDecimalsOp(decimals: decimals), inPlace: false).recorded(.stepFunction(name: "Round"), self)
    }
    /// In-place `round` (PyTorch: `Tensor.round_`).
    @discardableResult public func round_(decimals: Int = 0) -> Tensor {
        if let tracked = recordedInPlace(nil, { $0.round(decimals: decimals) }) { return tracked }
        if decimals == 0 { return unary(RoundingOp(mode: .toNearestOrEven, name: "round_vml_cpu"), inPlace: true) }
        return unary(RoundDecimalsOp(decimals: decimals), inPlace: true)
    }
    /// The fractional part `x - trunc(x)`, keeping x's sign; float inputs only (PyTorch: `Tensor.frac`,
    /// `torch.frac`).
    public func frac() -> Tensor { unary(FracOp(), inPlace: false).recorded(.frac, self) }
    /// In-place `frac` (PyTorch: `Tensor.frac_`).
    @discardableResult public func frac_() -> Tensor {
        recordedInPlace(nil) { $0.frac() } ?? unary(FracOp(), inPlace: true)
    }

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
    /// PyTorch: `Tensor.nan_to_num` (`torch.nan_to_num`).
    public func nanToNum(nan: Double = 0, posinf: Double? = nil, neginf: Double? = nil) -> Tensor {
        unary(nanToNumOp(nan, posinf, neginf), inPlace: false).recorded(.nanToNum, self)
    }
    /// In-place `nanToNum` (PyTorch: `Tensor.nan_to_num_`).
    @discardableResult
    public func nanToNum_(nan: Double = 0, posinf: Double? = nil, neginf: Double? = nil) -> Tensor {
        recordedInPlace(nil) { $0.nanToNum(nan: nan, posinf: posinf, neginf: neginf) }
            ?? unary(nanToNumOp(nan, posinf, neginf), inPlace: true)
    }
}
