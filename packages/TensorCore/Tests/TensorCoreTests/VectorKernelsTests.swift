import CVectorKernels
import Foundation
import Testing

@testable import TensorCore

/// The AVX2 kernels (used when the CPU has AVX2+FMA) and the Swift SIMD path compute the same functions:
/// both within a few ulp of the double-precision value, special values exactly as libm.
@Suite struct VectorKernelsTests {
    /// A sweep over the interesting range plus special values; 37 elements so the masked tail is used.
    static let inputs: [Float] =
        (0..<29).map { Float($0 - 14) * 0.73 } + [
            -.infinity, .infinity, .nan, -0.0, Float(bitPattern: 0x0001_0000), -100, 100, 0.0001,  // a subnormal
        ]

    static func reference(_ kind: cvk_unary_kind, _ x: Float) -> Float {
        let d = Double(x)
        switch kind {
        case CVK_EXP: return Float(Foundation.exp(d))
        case CVK_LOG: return Float(Foundation.log(d))
        case CVK_TANH: return Float(Foundation.tanh(d))
        default: return Float(1 / (1 + Foundation.exp(-d)))
        }
    }

    static func swiftSIMD(_ kind: cvk_unary_kind, _ x: Float) -> Float {
        let v = SIMD8<Float>(repeating: x)
        switch kind {
        case CVK_EXP: return VectorMath.exp(v)[0]
        case CVK_LOG: return VectorMath.log(v)[0]
        case CVK_TANH: return VectorMath.tanh(v)[0]
        default: return VectorMath.sigmoid(v)[0]
        }
    }

    static func close(_ a: Float, _ b: Float) -> Bool {
        if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
        if a.isInfinite || b.isInfinite || a == 0 || b == 0 { return a == b || abs(a - b) < 1e-37 }
        return abs(a - b) <= 4 * max(a.ulp, b.ulp)
    }

    @Test(arguments: [CVK_EXP, CVK_LOG, CVK_TANH, CVK_SIGMOID])
    func unaryMatchesReferenceAndSwiftPath(_ kind: cvk_unary_kind) {
        var out = [Float](repeating: 0, count: Self.inputs.count)
        cvk_unary_f32(kind, Self.inputs, &out, Self.inputs.count)
        for (x, y) in zip(Self.inputs, out) {
            #expect(
                Self.close(y, Self.reference(kind, x)),
                "kind \(kind.rawValue) at \(x): \(y) vs \(Self.reference(kind, x))")
            #expect(
                Self.close(y, Self.swiftSIMD(kind, x)),
                "kind \(kind.rawValue) at \(x): \(y) vs Swift \(Self.swiftSIMD(kind, x))")
        }
        // tanh is odd down to the sign of zero.
        if kind == CVK_TANH { #expect(out[32].sign == .minus && out[32] == 0) }
    }

    @Test func rowHelpers() {
        let x: [Float] = (0..<21).map { Float($0) * 0.5 - 3 }
        #expect(cvk_max_f32(x, x.count) == 7)
        #expect(cvk_max_f32(x + [.nan, 1], x.count + 2).isNaN)
        var e = [Float](repeating: 0, count: x.count)
        let sum = cvk_exp_shift_sum_f32(x, &e, x.count, 7)
        let expected = x.map { Foundation.exp(Double($0) - 7) }
        #expect(abs(Double(sum) - expected.reduce(0, +)) < 1e-5)
        for (a, b) in zip(e, expected) { #expect(abs(Double(a) - b) <= 4 * Double(Float(b).ulp)) }
        cvk_scale_f32(&e, e.count, 2)
        #expect(abs(Double(e[20]) - 2) < 1e-6)
        var d = [Float](repeating: 0, count: x.count)
        cvk_subtract2_f32(x, &d, x.count, 1, 0.5)
        #expect(d == x.map { ($0 - 1) - 0.5 })
    }
}
