import Foundation
import Testing
@testable import TensorCore

/// The vectorized exp behind softmax/logsumexp: within 2 ulp of libm over the float range, exact
/// 0 for -inf (masked softmax), inf for +inf and overflow, NaN for NaN.
@Suite struct ReductionVectorExpTests {
    @Test func closeToLibm() {
        var worst: Float = 0
        var x: Float = -87
        while x < 88 {
            let lanes = SIMD8<Float>((0..<8).map { x + Float($0) * 0.0137 })
            let got = softmaxExp8(lanes)
            for i in 0..<8 {
                let want = Foundation.exp(lanes[i])
                worst = Swift.max(worst, abs(got[i] - want) / want.ulp)
            }
            x += 0.1093
        }
        #expect(worst <= 2, "worst error \(worst) ulp")
    }

    @Test func specialValues() {
        let got = softmaxExp8(SIMD8<Float>(-.infinity, .infinity, .nan, -200, 200, 0, -0.0, 1))
        #expect(got[0] == 0)
        #expect(got[1] == .infinity)
        #expect(got[2].isNaN)
        #expect(got[3] == 0)
        #expect(got[4] == .infinity)
        #expect(got[5] == 1 && got[6] == 1)
        #expect(abs(got[7] - Float(M_E)) <= Float(M_E).ulp)
    }
}
