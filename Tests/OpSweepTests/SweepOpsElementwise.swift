import Layers
import TensorCore

extension SweepOps {
    static let unary: [String: SweepOp] = [
        "neg": u { $0.neg() }, "abs": u { $0.abs() }, "sign": u { $0.sign() }, "sgn": u { $0.sgn() },
        "exp": u { $0.exp() }, "exp2": u { $0.exp2() }, "expm1": u { $0.expm1() }, "log": u { $0.log() },
        "log2": u { $0.log2() }, "log10": u { $0.log10() }, "log1p": u { $0.log1p() }, "sqrt": u { $0.sqrt() },
        "rsqrt": u { $0.rsqrt() }, "reciprocal": u { $0.reciprocal() }, "sin": u { $0.sin() }, "cos": u { $0.cos() },
        "tan": u { $0.tan() }, "asin": u { $0.asin() }, "acos": u { $0.acos() }, "atan": u { $0.atan() },
        "sinh": u { $0.sinh() }, "cosh": u { $0.cosh() }, "tanh": u { $0.tanh() }, "asinh": u { $0.asinh() },
        "acosh": u { $0.acosh() }, "atanh": u { $0.atanh() }, "sigmoid": u { $0.sigmoid() }, "logit": u { $0.logit() },
        "relu": u { $0.relu() }, "erf": u { $0.erf() }, "erfc": u { $0.erfc() }, "erfinv": u { $0.erfinv() },
        "floor": u { $0.floor() }, "ceil": u { $0.ceil() }, "round": u { $0.round() }, "trunc": u { $0.trunc() },
        "frac": u { $0.frac() }, "square": u { $0.square() }, "isnan": u { $0.isnan() }, "isinf": u { $0.isinf() },
        "isfinite": u { $0.isfinite() }, "isposinf": u { $0.isposinf() }, "isneginf": u { $0.isneginf() },
        "signbit": u { $0.signbit() }, "nan_to_num": u { $0.nanToNum() }, "bitwise_not": u { $0.bitwiseNot() },
        "logical_not": u { $0.logicalNot() }, "gelu": u { $0.gelu() }, "silu": u { $0.silu() },
        "softplus": u { $0.softplus() }, "lgamma": u { $0.lgamma() }, "digamma": u { $0.digamma() },
        "deg2rad": u { $0.deg2rad() }, "rad2deg": u { $0.rad2deg() }, "positive": u { $0.positive() },
        "hardtanh": u { F.hardtanh($0) }, "relu6": u { F.relu6($0) }, "elu": u { F.elu($0) }, "selu": u { F.selu($0) },
        "leaky_relu": u { F.leakyRelu($0) }, "mish": u { F.mish($0) }, "hardsigmoid": u { F.hardsigmoid($0) },
        "hardswish": u { F.hardswish($0) }, "logsigmoid": u { F.logsigmoid($0) }, "tanhshrink": u { F.tanhshrink($0) },
        "softsign": u { F.softsign($0) },
    ]

    static let binary: [String: SweepOp] = [
        "add": b({ $0.add($1) }, { $0.add($1) }), "sub": b({ $0.sub($1) }, { $0.sub($1) }),
        "mul": b({ $0.mul($1) }, { $0.mul($1) }), "div": b({ $0.div($1) }, { $0.div($1) }),
        "remainder": b({ $0.remainder($1) }, { $0.remainder($1) }), "fmod": b({ $0.fmod($1) }, { $0.fmod($1) }),
        "floor_divide": b({ $0.floorDivide($1) }, { $0.floorDivide($1) }), "pow": b({ $0.pow($1) }, { $0.pow($1) }),
        "atan2": b { $0.atan2($1) }, "maximum": b { $0.maximum($1) }, "minimum": b { $0.minimum($1) },
        "fmax": b { $0.fmax($1) }, "fmin": b { $0.fmin($1) }, "hypot": b { $0.hypot($1) },
        "logaddexp": b { $0.logaddexp($1) }, "logaddexp2": b { $0.logaddexp2($1) },
        "copysign": b({ $0.copysign($1) }, { $0.copysign($1) }), "xlogy": b({ $0.xlogy($1) }, { $0.xlogy($1) }),
        "eq": b({ $0.eq($1) }, { $0.eq($1) }), "ne": b({ $0.ne($1) }, { $0.ne($1) }),
        "lt": b({ $0.lt($1) }, { $0.lt($1) }),
        "le": b({ $0.le($1) }, { $0.le($1) }), "gt": b({ $0.gt($1) }, { $0.gt($1) }),
        "ge": b({ $0.ge($1) }, { $0.ge($1) }),
        "logical_and": b { $0.logicalAnd($1) }, "logical_or": b { $0.logicalOr($1) },
        "logical_xor": b { $0.logicalXor($1) },
        "bitwise_and": b({ $0.bitwiseAnd($1) }, { $0.bitwiseAnd($1) }),
        "bitwise_or": b({ $0.bitwiseOr($1) }, { $0.bitwiseOr($1) }),
        "bitwise_xor": b({ $0.bitwiseXor($1) }, { $0.bitwiseXor($1) }),
        "bitwise_left_shift": b({ $0.bitwiseLeftShift($1) }, { $0.bitwiseLeftShift($1) }),
        "bitwise_right_shift": b({ $0.bitwiseRightShift($1) }, { $0.bitwiseRightShift($1) }),
        "div_floor": b({ $0.div($1, roundingMode: "floor") }, { $0.div($1, roundingMode: "floor") }),
        "div_trunc": b({ $0.div($1, roundingMode: "trunc") }, { $0.div($1, roundingMode: "trunc") }),
    ]

    static let ternary: [String: SweepOp] = [
        "where": { c in [Tensor.where(c.tensors[0], c.tensors[1], c.tensors[2])] },
        "lerp": { c in [c.tensors[0].lerp(c.tensors[1], weight: c.tensors[2])] },
        "addcmul": { c in [c.tensors[0].addcmul(c.tensors[1], c.tensors[2], value: .double(0.5))] },
        "addcdiv": { c in [c.tensors[0].addcdiv(c.tensors[1], c.tensors[2], value: .int(2))] },
        "clamp": { c in [c.tensors[0].clamp(min: c.tensors[1], max: c.tensors[2])] },
    ]
}
