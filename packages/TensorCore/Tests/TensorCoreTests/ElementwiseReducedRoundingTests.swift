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
            expectBits(
                Self.apply(op, s, strided[0], strided[1], strided[2], inPlace: false), expectedStrided,
                "\(label) strided")
            // In place into a strided view (the scalar path writes through the view).
            let target = wide[0].clone()
            _ = Self.apply(op, s, target.asStrided([target.numel / 2], [2]), strided[1], strided[2], inPlace: true)
            expectBits(target.asStrided([target.numel / 2], [2]), expectedStrided, "\(label) strided in place")
        }
    }

    /// Above GRAIN_SIZE each thread's chunk has its own scalar tail: torch with 1 and 2 threads.
    @Test func chunkTailsFollowTorchsThreadCount() throws {
        let chunks = try #require(Fixture("elementwise_reduced_rounding")["chunks"] as? [String: Any])
        let n = try #require(chunks["n"] as? Int), windows = try #require(chunks["windows"] as? [[Int]])
        let (x, y) = Self.hashed(n)
        for threads in [1, 2] {
            let out = try #require(
                x.reducedAddScaled(y, alpha: 0.01, dtype: .bfloat16, inPlace: false, threads: threads))
            let expected = try (try #require(chunks["threads_\(threads)"] as? [Any])).map(Fixture.decodeTensor)
            for (window, want) in zip(windows, expected) {
                expectBits(
                    out.narrow(dim: 0, start: window[0], length: window[1] - window[0]), want,
                    "\(threads) threads, elements \(window)")
            }
        }
    }

    /// The generator's integer-hash bfloat16 inputs (a around 0.005, b around 1.5, random signs).
    static func hashed(_ n: Int) -> (Tensor, Tensor) {
        var a = [UInt16](), b = [UInt16]()
        for i in 0..<UInt64(n) {
            let ha: UInt64 = (i &* 2654435761) & 0xFFFF_FFFF
            let hb: UInt64 = (i &* 40503 &+ 12345) & 0xFFFF_FFFF
            let aSign: UInt64 = (ha & 1) << 15, bSign: UInt64 = ((hb >> 3) & 1) << 15
            let aBits: UInt64 = 0x3B80 | ((ha >> 13) & 0x7F) | aSign
            let bBits: UInt64 = 0x3F80 | ((hb >> 7) & 0x7F) | bSign
            a.append(UInt16(aBits))
            b.append(UInt16(bBits))
        }
        func tensor(_ bits: [UInt16]) -> Tensor {
            bits.withUnsafeBytes { Tensor(bytes: $0, shape: [n], dtype: .bfloat16) }
        }
        return (tensor(a), tensor(b))
    }

    private func expectBits(_ actual: Tensor, _ expected: Tensor, _ label: String) {
        #expect(actual.dtype == expected.dtype, "\(label): dtype")
        let a = actual.to(.float32).contiguous().toArray(Float.self).map(\.bitPattern)
        let e = expected.to(.float32).toArray(Float.self).map(\.bitPattern)
        let wrong = a.indices.filter { a[$0] != e[$0] }
        #expect(wrong.isEmpty, "\(label): elements \(wrong) differ")
    }
}
