import Foundation
import Testing

@testable import TensorCore

/// Summation accuracy and the multi-threaded paths, on inputs both sides can rebuild bit for bit:
/// x[i] = Float(((i * 7919) % 10007) / 10007) (torch: (arange(n, float64) * 7919 % 10007 / 10007).float()).
@Suite struct ReductionAccuracyTests {
    static func data(_ n: Int) -> [Float] { (0..<n).map { Float(Double(($0 * 7919) % 10007) / 10007) } }
    static let million = Tensor(copying: data(1_000_000), shape: [1_000_000])

    @Test func millionFloatSumMatchesTorchCascade() {
        let s = Self.million.sum()
        // torch.float32 sum: 499950.75; exact (float64) sum: 499950.7552564646. A naive float32 loop
        // is off by hundreds here; pairwise summation stays within an ulp or two (ulp = 0.03125).
        #expect(abs(s.reducedValue(Double.self) - 499950.75) <= 0.0625)
        #expect(abs(Self.million.mean().reducedValue(Double.self) - 0.49995073676109314) <= 1e-7)
        #expect(abs(Self.million.double().sum().reducedValue(Double.self) - 499950.7552564646) < 1e-7)
    }

    @Test func outerSumIsPairwise() {
        // Sum over dim 0 of [250000, 4]: torch gives these float32 values.
        let expected = Tensor([124989.9140625, 124986.421875, 124985.9453125, 124988.453125], dtype: .float32)
        expectClose(Self.million.asStrided([250_000, 4], [4, 1]).sum(dim: 0), expected, rtol: 2e-7, atol: 0)
        let rows = Self.million.asStrided([1000, 1000], [1000, 1]).sum(dim: 1)
        expectClose(
            rows.asStrided([3], [1]), Tensor([500.3558654785156, 500.4136047363281, 499.47137451171875]), rtol: 2e-7,
            atol: 0)
    }

    @Test func halfAccumulatesInFloat() {
        let h = Self.million.asStrided([100_000], [1]).half()
        #expect(h.sum().dtype == .float16)
        #expect(h.sum().reducedValue(Double.self) == 49984)  // float32 accumulation, then rounded
        #expect(abs(Self.million.var().reducedValue(Double.self) - 0.08333341032266617) < 1e-8)
    }

    @Test func parallelExtremaKeepFirstOccurrenceAndNaN() {
        var values = Self.data(300_001)
        values[123_456] = 5
        values[250_000] = 5  // a tie in another thread's part: the first one wins
        values[7] = -3
        values[299_999] = -3
        let x = Tensor(copying: values, shape: [values.count])
        #expect(x.argmax().reducedValue(Int64.self) == 123_456)
        #expect(x.argmin().reducedValue(Int64.self) == 7)
        #expect(x.max().reducedValue(Double.self) == 5)
        let rows = x.asStrided([100_000, 3], [3, 1])  // outer reduction over many rows, few columns
        let m = rows.max(dim: 0)
        #expect(Array(m.indices.toArray(Int64.self).prefix(2)) == [41_152, 83_333])
        #expect(Array(m.values.toArray(Float.self).prefix(2)) == [5, 5])
        #expect(rows.argmin(dim: 0).toArray(Int64.self)[1] == 2)  // values[7] = -3 is row 2, column 1
        values[200_000] = .nan
        values[280_000] = .nan
        let withNaN = Tensor(copying: values, shape: [values.count])
        #expect(withNaN.max().reducedValue(Double.self).isNaN)
        #expect(withNaN.argmax().reducedValue(Int64.self) == 200_000)
        #expect(withNaN.asStrided([100_000, 3], [3, 1]).argmin(dim: 0).toArray(Int64.self)[2] == 66_666)
    }

    @Test func parallelLogicalAndCounts() {
        let n = 500_000
        var bits = [Bool](repeating: true, count: n)
        #expect(Tensor(copying: bits, shape: [n]).all().reducedValue(Bool.self))
        bits[n - 1] = false
        let b = Tensor(copying: bits, shape: [n])
        #expect(!b.all().reducedValue(Bool.self))
        #expect(b.any().reducedValue(Bool.self))
        #expect(b.countNonzero().reducedValue(Int64.self) == Int64(n - 1))
        #expect(b.sum().reducedValue(Int64.self) == Int64(n - 1))
        expectEqual(b.asStrided([n / 2, 2], [2, 1]).sum(dim: 0), Tensor([250_000, 249_999]))
    }

    @Test func parallelLogSumExpAndVariance() {
        let x = Self.million
        // logsumexp = log(sum(exp(x))): compare with a float64 reference.
        var reference = 0.0
        for v in Self.data(1_000_000) { reference += exp(Double(v)) }
        #expect(abs(x.logsumexp(dims: []).reducedValue(Double.self) - log(reference)) < 1e-5)
        let cols = x.asStrided([250_000, 4], [4, 1])
        let (v, m) = cols.varMean(dim: 0)
        expectClose(m, cols.double().mean(dim: 0).float(), rtol: 1e-6, atol: 0)
        expectClose(v, cols.double().var(dim: 0).float(), rtol: 1e-6, atol: 0)
    }
}
