import Foundation
import Testing

@testable import TensorCore

/// Creation ops against creation.json (real torch): dtypes, sizes and every element bit for bit.
@Suite struct CreationTests {
    let fixture: Fixture
    init() throws { fixture = try loadFixture("creation") }

    /// Large cases are stored as bit-pattern sums (see creation.py).
    func expectChecksum(_ actual: Tensor, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let record = try #require(fixture[name] as? [String: Any])
        let count = try #require(record["count"] as? Int)
        #expect(actual.numel == count, sourceLocation: sourceLocation)
        var low: Int64 = 0, high: Int64 = 0, weighted: Int64 = 0
        let bits: [UInt64] =
            actual.dtype == .float32
            ? actual.toArray(Float.self).map { UInt64(bitPattern: Int64(Int32(bitPattern: $0.bitPattern))) }  // Python sign-extends
            : actual.toArray(Double.self).map { $0.bitPattern }
        for (i, b) in bits.enumerated() {
            low += Int64(b & 0xFFFF_FFFF)
            high += Int64((b >> 32) & 0xFFFF_FFFF)
            weighted += Int64(b & 0xFFFF) * Int64(i % 1000)
        }
        let sample = try Fixture.decodeTensor(try #require(record["sample"]))
        let strided = actual.asStrided([sample.numel], [97])
        expectEqual(strided.contiguous(), sample, name, sourceLocation: sourceLocation)
        #expect(
            low == record["low"] as? Int64 ?? Int64(record["low"] as? Int ?? -1), "\(name) low",
            sourceLocation: sourceLocation)
        #expect(high == Int64(record["high"] as? Int ?? -1), "\(name) high", sourceLocation: sourceLocation)
        #expect(weighted == Int64(record["weighted"] as? Int ?? -1), "\(name) weighted", sourceLocation: sourceLocation)
    }

    @Test func arange() throws {
        let cases: [(String, Tensor)] = [
            ("0_10", Tensor.arange(10)),
            ("5_f", Tensor.arange(5.0)),
            ("1_2p5_0p5", Tensor.arange(1, 2.5, 0.5)),
            ("0_1_0p1", Tensor.arange(0, 1, 0.1)),
            ("m3p7_100p3_0p37", Tensor.arange(-3.7, 100.3, 0.37)),
            ("1p1_50p3_0p013", Tensor.arange(1.1, 50.3, 0.013)),
            ("10_0_m1", Tensor.arange(10, 0, -1)),
            ("1_0_m0p3", Tensor.arange(1.0, 0.0, -0.3)),
            ("0_20_3", Tensor.arange(0, 20, 3)),
            ("m5_5_2_i32", Tensor.arange(-5, 5, 2, dtype: .int32)),
            ("0p5_3_1_i64", Tensor.arange(0.5, 3, 1, dtype: .int64)),
            ("0_10_f64", Tensor.arange(0, 10, dtype: .float64)),
            ("m3p7_100p3_0p37_f64", Tensor.arange(-3.7, 100.3, 0.37, dtype: .float64)),
            ("1p1_50p3_0p013_f64", Tensor.arange(1.1, 50.3, 0.013, dtype: .float64)),
            ("0_5_0p1_f16", Tensor.arange(0, 5, 0.1, dtype: .float16)),
            ("0_5_0p1_bf16", Tensor.arange(0, 5, 0.1, dtype: .bfloat16)),
            ("0_3_u8", Tensor.arange(0, 3, dtype: .uint8)),
            ("empty", Tensor.arange(3, 3)),
            ("0_1_0p3", Tensor.arange(0, 1, 0.3)),
        ]
        for (name, actual) in cases {
            expectEqual(actual, try fixture.tensor("arange_" + name), "arange_" + name)
        }
    }

    /// Above the grain size torch splits the work per thread and each chunk restarts its vector
    /// alignment; the fixture was made with 2 threads, so only a 2-thread run can match every bit.
    @Test(.enabled(if: Threads.get() == 2)) func largeRangesMatchTorchsChunking() throws {
        try expectChecksum(Tensor.arange(0.3, 10000.3, 0.1003), "arange_big_f32")
        try expectChecksum(Tensor.arange(0.3, 10000.3, 0.1003, dtype: .float64), "arange_big_f64")
        try expectChecksum(Tensor.linspace(0, 1, 100_001), "linspace_big")
        try expectChecksum(Tensor.linspace(-5, 3, 70_001, dtype: .float64), "linspace_big_f64")
    }

    @Test func linspaceAndLogspace() throws {
        let lin: [(String, Tensor)] = [
            ("0_1_5", Tensor.linspace(0, 1, 5)),
            ("m1_1_40", Tensor.linspace(-1, 1, 40)),
            ("0p1_0p9_1000", Tensor.linspace(0.1, 0.9, 1000)),
            ("m3p7_100p3_281", Tensor.linspace(-3.7, 100.3, 281)),
            ("2_3_7", Tensor.linspace(2, 3, 7)),
            ("5_5_1", Tensor.linspace(5, 5, 1)),
            ("0_1_0", Tensor.linspace(0, 1, 0)),
            ("3_m2_11", Tensor.linspace(3, -2, 11)),
            ("m1_1_40_f64", Tensor.linspace(-1, 1, 40, dtype: .float64)),
            ("0p1_0p9_1000_f64", Tensor.linspace(0.1, 0.9, 1000, dtype: .float64)),
            ("0_10_5_i64", Tensor.linspace(0, 10, 5, dtype: .int64)),
            ("m7_9_6_i32", Tensor.linspace(-7, 9, 6, dtype: .int32)),
            ("0_1_11_f16", Tensor.linspace(0, 1, 11, dtype: .float16)),
            ("m2_3_37_bf16", Tensor.linspace(-2, 3, 37, dtype: .bfloat16)),
        ]
        for (name, actual) in lin {
            expectEqual(actual, try fixture.tensor("linspace_" + name), "linspace_" + name)
        }
        let logs: [(String, Tensor)] = [
            ("0_2_3", Tensor.logspace(0, 2, 3)),
            ("m1_1_40", Tensor.logspace(-1, 1, 40)),
            ("0_3_4_b2", Tensor.logspace(0, 3, 4, base: 2)),
            ("m3p7_10p3_281", Tensor.logspace(-3.7, 10.3, 281)),
            ("0_2_3_i64_b2", Tensor.logspace(0, 2, 3, base: 2, dtype: .int64)),
            ("0_1_11_f64", Tensor.logspace(0, 1, 11, dtype: .float64)),
            ("2_2_1", Tensor.logspace(2, 2, 1)),
            ("0_1_9_f16", Tensor.logspace(0, 1, 9, dtype: .float16)),
        ]
        for (name, actual) in logs {
            expectEqual(actual, try fixture.tensor("logspace_" + name), "logspace_" + name)
        }
    }

    @Test func eyeScalarTensorAndTriangles() throws {
        expectEqual(Tensor.eye(3), try fixture.tensor("eye_3"))
        expectEqual(Tensor.eye(2, 4), try fixture.tensor("eye_2_4"))
        expectEqual(Tensor.eye(4, 2, dtype: .int64), try fixture.tensor("eye_4_2_i64"))
        expectEqual(Tensor.eye(0), try fixture.tensor("eye_0"))
        expectEqual(Tensor.scalarTensor(3), try fixture.tensor("scalar_tensor_3"))
        expectEqual(Tensor.scalarTensor(2.5, dtype: .float64), try fixture.tensor("scalar_tensor_2p5_f64"))
        expectEqual(Tensor.trilIndices(3, 3), try fixture.tensor("tril_3_3"))
        expectEqual(Tensor.trilIndices(4, 3, offset: -1), try fixture.tensor("tril_4_3_m1"))
        expectEqual(Tensor.triuIndices(3, 4, offset: 1), try fixture.tensor("triu_3_4_1"))
        expectEqual(Tensor.triuIndices(3, 3, offset: -1), try fixture.tensor("triu_3_3_m1"))
    }

    @Test func dtypeInference() {
        #expect(Tensor.arange(5).dtype == .int64)
        #expect(Tensor.arange(0, 5, 0.5).dtype == .float32)
        #expect(Tensor.linspace(0, 10, 5).dtype == .float32)
        #expect(Tensor.eye(2).dtype == .float32)
        #expect(Tensor.scalarTensor(3).ndim == 0)
    }
}
