import Foundation
import Testing
import TorchTestSupport
@testable import TensorCore

/// add with alpha, lerp and addcmul on float16/bfloat16 equal torch bit for bit (fixture from
/// generate/elementwise_reduced_rounding.py): at inputs where the possible float32 formulas round
/// differently, at round-to-nearest-even ties, in ATen's vectorized blocks, its scalar tail and on
/// strided views — and in place as out of place.
@Suite struct ElementwiseReducedRoundingTests {
    static func cases() throws -> [[String: Any]] {
        try #require(Fixture("elementwise_reduced_rounding")["cases"] as? [[String: Any]])
    }

    static func apply(_ op: String, _ s: Double, _ x: Tensor, _ y: Tensor, _ z: Tensor, inPlace: Bool) -> Tensor {
        switch (op, inPlace) {
        case ("add", false): return x.add(y, alpha: .double(s))
        case ("add", true): return x.add_(y, alpha: .double(s))
        case ("lerp", false): return x.lerp(y, weight: .double(s))
        case ("lerp", true): return x.lerp_(y, weight: .double(s))
        case (_, false): return x.addcmul(y, z, value: .double(s))
        default: return x.addcmul_(y, z, value: .double(s))
        }
    }

    @Test func matchesTorchBitForBit() throws {
        for c in try Self.cases() {
            let op = try #require(c["op"] as? String), s = try #require(c["scalar"] as? Double)
            let label = "\(op) \(c["dtype"]!) \(s)"
            let inputs = try (try #require(c["inputs"] as? [Any])).map(Fixture.decodeTensor)
            let wide = try (try #require(c["wide_inputs"] as? [Any])).map(Fixture.decodeTensor)
            let strided = wide.map { $0.asStrided([$0.numel / 2], [2]) }
            let expected = try Fixture.decodeTensor(try #require(c["expected"]))
            let expectedStrided = try Fixture.decodeTensor(try #require(c["expected_strided"]))
            for inPlace in [false, true] {
                let flat = Self.apply(op, s, inputs[0].clone(), inputs[1], inputs[2], inPlace: inPlace)
                expectBits(flat, expected, "\(label) contiguous inPlace=\(inPlace)")
            }
            expectBits(Self.apply(op, s, strided[0], strided[1], strided[2], inPlace: false), expectedStrided,
                       "\(label) strided")
            // In place into a strided view (the scalar path writes through the view).
            let target = wide[0].clone()
            _ = Self.apply(op, s, target.asStrided([target.numel / 2], [2]), strided[1], strided[2], inPlace: true)
            expectBits(target.asStrided([target.numel / 2], [2]), expectedStrided, "\(label) strided in place")
        }
    }

    private func expectBits(_ actual: Tensor, _ expected: Tensor, _ label: String) {
        #expect(actual.dtype == expected.dtype, "\(label): dtype")
        let a = actual.to(.float32).contiguous().toArray(Float.self).map(\.bitPattern)
        let e = expected.to(.float32).toArray(Float.self).map(\.bitPattern)
        let wrong = a.indices.filter { a[$0] != e[$0] }
        #expect(wrong.isEmpty, "\(label): elements \(wrong) differ")
    }
}
