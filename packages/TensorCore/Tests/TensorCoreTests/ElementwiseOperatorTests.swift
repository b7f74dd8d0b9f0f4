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
        let lr: Float = 0.1
        let w = x - lr * noise * 2 + x.pow(2) / 10 - x.exp().log()
        #expect(w.dtype == .float32)
    }

    @Test func compoundAssignmentIsInPlace() {
        let x = Tensor([1.0, 2.0])
        let alias = x
        x += 1
        x *= Tensor([2.0, 3.0])
        x -= 0.5
        x /= 2
        #expect(alias.toArray(Float.self) == [1.75, 4.25])
        let i = Tensor([5, -7])
        #expect((i % 3).toArray(Int64.self) == [2, 2])
        #expect((i / 2).dtype == .float32)
        #expect((-7 % Tensor([3])).toArray(Int64.self) == [2])
        #expect((1 - Tensor([0.25])).toArray(Float.self) == [0.75])
        #expect((2 / Tensor([4])).toArray(Float.self) == [0.5])
        #expect((~Tensor([true, false])).toArray(Bool.self) == [false, true])
        #expect((Tensor([6, 3]) & 3).toArray(Int64.self) == [2, 3])
        #expect((2 < Tensor([1, 3])).toArray(Bool.self) == [false, true])
    }

    @Test func scalarOperandsKeepTensorDtype() {
        let h = Tensor([1.0, 2.0], dtype: .float16)
        #expect((h * 2.5).dtype == .float16)
        #expect((h + 1).dtype == .float16)
        let i8 = Tensor([100, -100], dtype: .int8)
        #expect((i8 + 300).toArray(Int8.self) == [-112, -56])
        #expect((i8 * 2.5).dtype == .float32)
        #expect((Tensor([1, 2]) + Tensor(2.5)).dtype == .float32)
        #expect((Tensor([1.0, 2.0]) + Tensor(2.5, dtype: .float64)).dtype == .float32)
        #expect(Tensor([1, 2]).exp().dtype == .float32)
    }
}
