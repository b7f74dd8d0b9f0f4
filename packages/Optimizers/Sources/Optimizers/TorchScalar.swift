import Foundation

/// A scalar in torch's LBFGS code, which mixes Python floats with 0-dim tensors of the parameters'
/// dtype (dot products, and everything computed from them). With float32 parameters an operation
/// touching a tensor casts both operands to float32 and rounds its result to float32, while Python
/// floats stay double; `python / tensor` is `tensor.reciprocal() * python` (torch's `__rtruediv__`).
/// With float64 parameters only that last rule differs from plain doubles.
struct TorchScalar {
    var value: Double
    var isTensor: Bool
    /// The parameters are float32.
    let single: Bool

    /// A Python float.
    init(_ value: Double, single: Bool) { (self.value, isTensor, self.single) = (value, false, single) }
    /// A 0-dim tensor of the parameters' dtype.
    init(tensor value: Double, single: Bool) {
        (self.value, isTensor, self.single) = (single ? Double(Float(value)) : value, true, single)
    }

    private static func apply(
        _ a: TorchScalar, _ b: TorchScalar, _ double: (Double, Double) -> Double, _ float: (Float, Float) -> Float
    ) -> TorchScalar {
        let single = a.single || b.single
        guard a.isTensor || b.isTensor else { return TorchScalar(double(a.value, b.value), single: single) }
        if single { return TorchScalar(tensor: Double(float(Float(a.value), Float(b.value))), single: true) }
        return TorchScalar(tensor: double(a.value, b.value), single: false)
    }

    static func + (a: TorchScalar, b: TorchScalar) -> TorchScalar { apply(a, b, +, +) }
    static func - (a: TorchScalar, b: TorchScalar) -> TorchScalar { apply(a, b, -, -) }
    static func * (a: TorchScalar, b: TorchScalar) -> TorchScalar { apply(a, b, *, *) }
    static func / (a: TorchScalar, b: TorchScalar) -> TorchScalar {
        if b.isTensor && !a.isTensor { return apply(apply(TorchScalar(1, single: b.single), b, /, /), a, *, *) }
        return apply(a, b, /, /)
    }
    static prefix func - (a: TorchScalar) -> TorchScalar {
        var negated = a
        negated.value = -a.value
        return negated
    }

    static func + (a: TorchScalar, b: Double) -> TorchScalar { a + TorchScalar(b, single: a.single) }
    static func - (a: TorchScalar, b: Double) -> TorchScalar { a - TorchScalar(b, single: a.single) }
    static func * (a: Double, b: TorchScalar) -> TorchScalar { TorchScalar(a, single: b.single) * b }
    static func * (a: TorchScalar, b: Double) -> TorchScalar { a * TorchScalar(b, single: a.single) }
    static func / (a: TorchScalar, b: Double) -> TorchScalar { a / TorchScalar(b, single: a.single) }

    /// Comparisons involving a tensor happen in its dtype.
    private static func compared(_ a: TorchScalar, _ b: TorchScalar) -> (Double, Double) {
        (a.isTensor || b.isTensor) && (a.single || b.single)
            ? (Double(Float(a.value)), Double(Float(b.value))) : (a.value, b.value)
    }
    static func < (a: TorchScalar, b: TorchScalar) -> Bool {
        let (x, y) = compared(a, b)
        return x < y
    }
    static func <= (a: TorchScalar, b: TorchScalar) -> Bool {
        let (x, y) = compared(a, b)
        return x <= y
    }
    static func > (a: TorchScalar, b: TorchScalar) -> Bool { b < a }
    static func >= (a: TorchScalar, b: TorchScalar) -> Bool { b <= a }
    static func < (a: TorchScalar, b: Double) -> Bool { a < TorchScalar(b, single: a.single) }
    static func <= (a: TorchScalar, b: Double) -> Bool { a <= TorchScalar(b, single: a.single) }
    static func > (a: TorchScalar, b: Double) -> Bool { TorchScalar(b, single: a.single) < a }
    static func >= (a: TorchScalar, b: Double) -> Bool { TorchScalar(b, single: a.single) <= a }
}

/// Python's `abs`, `min(a, b)` and `max(a, b)` (the first argument wins ties), and `tensor.sqrt()`.
func abs(_ a: TorchScalar) -> TorchScalar { a.value < 0 ? -a : a }
func pyMin(_ a: TorchScalar, _ b: TorchScalar) -> TorchScalar { b < a ? b : a }
func pyMax(_ a: TorchScalar, _ b: TorchScalar) -> TorchScalar { b > a ? b : a }
func sqrt(_ a: TorchScalar) -> TorchScalar {
    a.single
        ? TorchScalar(tensor: Double(Float(a.value).squareRoot()), single: true)
        : TorchScalar(tensor: a.value.squareRoot(), single: false)
}
