/// Element functions of the bitwise ops (integers and bool only; floats stop with PyTorch's message).

struct BitwiseAndOp: BinaryArithmetic {
    var kernelName: String { "bitwise_and_cpu" }
    var supportsFloat: Bool { false }
    func float<T: MathFloat>(_ a: T, _ b: T) -> T { torchFail("unreachable") }
    @inline(__always) func integer<T: IntegerTensorElement>(_ a: T, _ b: T) -> T { a & b }
    @inline(__always) func bool(_ a: Bool, _ b: Bool) -> Bool { a && b }
}

struct BitwiseOrOp: BinaryArithmetic {
    var kernelName: String { "bitwise_or_cpu" }
    var supportsFloat: Bool { false }
    func float<T: MathFloat>(_ a: T, _ b: T) -> T { torchFail("unreachable") }
    @inline(__always) func integer<T: IntegerTensorElement>(_ a: T, _ b: T) -> T { a | b }
    @inline(__always) func bool(_ a: Bool, _ b: Bool) -> Bool { a || b }
}

struct BitwiseXorOp: BinaryArithmetic {
    var kernelName: String { "bitwise_xor_cpu" }
    var supportsFloat: Bool { false }
    func float<T: MathFloat>(_ a: T, _ b: T) -> T { torchFail("unreachable") }
    @inline(__always) func integer<T: IntegerTensorElement>(_ a: T, _ b: T) -> T { a ^ b }
    @inline(__always) func bool(_ a: Bool, _ b: Bool) -> Bool { a != b }
}

/// Shifts by a negative amount or by the bit width or more give 0 (left) or the sign fill (right),
/// as PyTorch defines them, instead of C's undefined behaviour.
struct LeftShiftOp: BinaryArithmetic {
    var kernelName: String { "lshift_cpu" }
    var supportsFloat: Bool { false }
    var supportsBool: Bool { false }
    func float<T: MathFloat>(_ a: T, _ b: T) -> T { torchFail("unreachable") }
    @inline(__always) func integer<T: IntegerTensorElement>(_ a: T, _ b: T) -> T {
        if b < 0 || b >= T.bitWidth { return 0 }
        return a &<< b
    }
}

struct RightShiftOp: BinaryArithmetic {
    var kernelName: String { "rshift_cpu" }
    var supportsFloat: Bool { false }
    var supportsBool: Bool { false }
    func float<T: MathFloat>(_ a: T, _ b: T) -> T { torchFail("unreachable") }
    @inline(__always) func integer<T: IntegerTensorElement>(_ a: T, _ b: T) -> T {
        if b < 0 || b >= T.bitWidth { return (a >> (T.bitWidth - 1)) >> 1 }
        return a &>> b
    }
}

// MARK: Predicates

struct EqOp: BinaryPredicate {
    @inline(__always) func float<T: MathFloat>(_ a: T, _ b: T) -> Bool { a == b }
    @inline(__always) func integer<T: IntegerTensorElement>(_ a: T, _ b: T) -> Bool { a == b }
    @inline(__always) func bool(_ a: Bool, _ b: Bool) -> Bool { a == b }
}
struct NeOp: BinaryPredicate {
    @inline(__always) func float<T: MathFloat>(_ a: T, _ b: T) -> Bool { a != b }
    @inline(__always) func integer<T: IntegerTensorElement>(_ a: T, _ b: T) -> Bool { a != b }
    @inline(__always) func bool(_ a: Bool, _ b: Bool) -> Bool { a != b }
}
struct LtOp: BinaryPredicate {
    @inline(__always) func float<T: MathFloat>(_ a: T, _ b: T) -> Bool { a < b }
    @inline(__always) func integer<T: IntegerTensorElement>(_ a: T, _ b: T) -> Bool { a < b }
    @inline(__always) func bool(_ a: Bool, _ b: Bool) -> Bool { !a && b }
}
struct LeOp: BinaryPredicate {
    @inline(__always) func float<T: MathFloat>(_ a: T, _ b: T) -> Bool { a <= b }
    @inline(__always) func integer<T: IntegerTensorElement>(_ a: T, _ b: T) -> Bool { a <= b }
    @inline(__always) func bool(_ a: Bool, _ b: Bool) -> Bool { !a || b }
}
struct GtOp: BinaryPredicate {
    @inline(__always) func float<T: MathFloat>(_ a: T, _ b: T) -> Bool { a > b }
    @inline(__always) func integer<T: IntegerTensorElement>(_ a: T, _ b: T) -> Bool { a > b }
    @inline(__always) func bool(_ a: Bool, _ b: Bool) -> Bool { a && !b }
}
struct GeOp: BinaryPredicate {
    @inline(__always) func float<T: MathFloat>(_ a: T, _ b: T) -> Bool { a >= b }
    @inline(__always) func integer<T: IntegerTensorElement>(_ a: T, _ b: T) -> Bool { a >= b }
    @inline(__always) func bool(_ a: Bool, _ b: Bool) -> Bool { a || !b }
}

struct LogicalAndOp: BinaryPredicate {
    @inline(__always) func float<T: MathFloat>(_ a: T, _ b: T) -> Bool { a != 0 && b != 0 }
    @inline(__always) func integer<T: IntegerTensorElement>(_ a: T, _ b: T) -> Bool { a != 0 && b != 0 }
    @inline(__always) func bool(_ a: Bool, _ b: Bool) -> Bool { a && b }
}
struct LogicalOrOp: BinaryPredicate {
    @inline(__always) func float<T: MathFloat>(_ a: T, _ b: T) -> Bool { a != 0 || b != 0 }
    @inline(__always) func integer<T: IntegerTensorElement>(_ a: T, _ b: T) -> Bool { a != 0 || b != 0 }
    @inline(__always) func bool(_ a: Bool, _ b: Bool) -> Bool { a || b }
}
struct LogicalXorOp: BinaryPredicate {
    @inline(__always) func float<T: MathFloat>(_ a: T, _ b: T) -> Bool { (a != 0) != (b != 0) }
    @inline(__always) func integer<T: IntegerTensorElement>(_ a: T, _ b: T) -> Bool { (a != 0) != (b != 0) }
    @inline(__always) func bool(_ a: Bool, _ b: Bool) -> Bool { a != b }
}
