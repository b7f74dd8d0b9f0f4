import Foundation
import Testing

@testable import TensorCore

/// The SIMD float32 exp/log/tanh/sigmoid against Double libm rounded to float, on many points,
/// measured in ulps of the float result.
@Suite struct ElementwiseAccuracyTests {
    /// Points spread over the whole interesting range, plus a dense sweep near zero and powers of two.
    static func points(_ low: Float, _ high: Float, count: Int = 200_003) -> [Float] {
        var result = (0..<count).map { low + (high - low) * Float($0) / Float(count - 1) }
        var x: Float = 1e-30
        while x < high {
            result.append(x)
            result.append(-x)
            x *= 1.37
        }
        return result.filter { $0 >= low && $0 <= high }
    }

    static func ulpError(_ actual: Float, _ exact: Double) -> Double {
        if actual.isNaN && exact.isNaN { return 0 }
        if Double(actual) == exact { return 0 }
        let rounded = Float(exact)
        if rounded.isInfinite || actual.isInfinite { return actual == rounded ? 0 : .infinity }
        let ulp = Double(rounded.ulp == 0 ? Float.leastNonzeroMagnitude : rounded.ulp)
        return Swift.abs(Double(actual) - exact) / ulp
    }

    static func maxUlp(_ name: String, _ op: (Tensor) -> Tensor, _ exact: (Double) -> Double, _ xs: [Float]) -> Double {
        let input = Tensor(copying: xs, shape: [xs.count])
        let output = op(input).toArray(Float.self)
        var worst = 0.0
        for (x, y) in zip(xs, output) { worst = Swift.max(worst, ulpError(y, exact(Double(x)))) }
        print("\(name) max ulp error: \(worst)")
        return worst
    }

    @Test func expWithinTwoUlp() {
        let xs = Self.points(-104, 89) + [.infinity, -.infinity, .nan, 88.72, 88.73, -87.34, -103.97]
        #expect(Self.maxUlp("exp", { $0.exp() }, Foundation.exp, xs) <= 2)
    }

    @Test func logWithinTwoUlp() {
        var xs = Self.points(0, 1e6).filter { $0 > 0 }
        xs += [
            0, -1, .infinity, .nan, Float.leastNormalMagnitude / 1000, Float.leastNormalMagnitude,
            Float.greatestFiniteMagnitude, 1, 0.70710677,
        ]
        #expect(Self.maxUlp("log", { $0.log() }, Foundation.log, xs) <= 2)
    }

    @Test func tanhWithinThreeUlp() {
        let xs = Self.points(-20, 20) + [.infinity, -.infinity, .nan, 0.625, -0.625, 1e-30, -0.0]
        #expect(Self.maxUlp("tanh", { $0.tanh() }, Foundation.tanh, xs) <= 3)
    }

    @Test func sigmoidWithinThreeUlp() {
        let xs = Self.points(-88, 88) + [.infinity, -.infinity, .nan]
        #expect(Self.maxUlp("sigmoid", { $0.sigmoid() }, { 1 / (1 + Foundation.exp(-$0)) }, xs) <= 3)
    }

    @Test func vectorTailsAndStridedInputsAgree() {
        // Lengths around the 8-lane width and a strided view take the tail and scalar paths.
        for n in [1, 7, 8, 9, 17, 1001] {
            let xs = (0..<n).map { Float($0) * 0.37 - 3 }
            let y = Tensor(copying: xs, shape: [n]).exp().toArray(Float.self)
            for (x, v) in zip(xs, y) { #expect(Self.ulpError(v, Foundation.exp(Double(x))) <= 2) }
        }
        let base = Tensor(copying: (0..<40).map { Float($0) * 0.1 }, shape: [4, 10])
        let view = base.asStrided([10, 4], [1, 10])
        let viaView = view.tanh()
        let viaCopy = view.contiguous().tanh()
        expectClose(viaView, viaCopy, rtol: 3e-7, atol: 0)
    }

    @Test func largeTensorsUseEveryChunkCorrectly() {
        // Above the grain size the loop splits across threads; every element must still be right.
        let n = 300_001
        let a = Tensor(copying: (0..<n).map { Float($0 % 1000) }, shape: [n])
        let b = Tensor(copying: (0..<n).map { Float($0 % 7) }, shape: [n])
        let sum = (a + b).toArray(Float.self)
        let product = (a * 2).toArray(Float.self)
        for i in stride(from: 0, to: n, by: 997) {
            #expect(sum[i] == Float(i % 1000) + Float(i % 7))
            #expect(product[i] == Float(i % 1000) * 2)
        }
        let last: Float = Float((n - 1) % 1000) + Float((n - 1) % 7)
        #expect(sum[n - 1] == last)
    }
}
