import Testing
@testable import TensorCore

@Suite struct ElementwiseOperatorTests {
    @Test func longExpressionTypeChecks() {
        let x = Tensor([1.0, 2.0, 3.0])
        let noise = Tensor([0.5, -0.5, 1.0])
        let y = 3 * x + 2 + noise * 0.5
        #expect(y.toArray(Float.self) == [5.25, 7.75, 11.5])
        let k = 2
        let d = 1.5
        let z = (x - k) / d * x + 1 - (noise * k + d) / 2
        #expect(z.shape == [3])
        let mask = (x > 1) & (x <= 3) | (noise == 1.0)
        #expect(mask.dtype == .bool)
        #expect((-x).toArray(Float.self) == [-1, -2, -3])
    }
}
