import Foundation
import Testing

@testable import TensorCore

/// The vectorized exp behind softmax/logsumexp must give exact 0 for -inf (masked softmax), inf for
/// +inf and overflow, NaN for NaN. (Its accuracy is tested with the elementwise family.)
@Suite struct ReductionExpSpecialValueTests {
    @Test func specialValues() {
        let got = VectorMath.exp(SIMD8<Float>(-.infinity, .infinity, .nan, -200, 200, 0, -0.0, 1))
        #expect(got[0] == 0)
        #expect(got[1] == .infinity)
        #expect(got[2].isNaN)
        #expect(got[3] == 0)
        #expect(got[4] == .infinity)
        #expect(got[5] == 1 && got[6] == 1)
        #expect(abs(got[7] - Float(M_E)) <= Float(M_E).ulp)
    }
}
