import Testing

@testable import TensorCore

/// Fixture comparisons treat -0.0 == 0.0, so the sign of zero is checked here bit for bit
/// (expected signs taken from torch 2.15).
@Suite struct ElementwiseSignedZeroTests {
    static func negative(_ t: Tensor) -> [Bool] { t.toArray(Float.self).map { $0.sign == .minus } }

    @Test func unarySignsOfZero() {
        let z = Tensor([-0.0, 0.0, -0.5, -0.4, 0.3])
        #expect(Self.negative(z.relu()) == [true, false, false, false, false])
        #expect(Self.negative(z.neg()) == [false, true, false, false, true])
        #expect(Self.negative(z.floor()) == [true, false, true, true, false])
        #expect(Self.negative(z.ceil()) == [true, false, true, true, false])
        #expect(Self.negative(z.round()) == [true, false, true, true, false])
        #expect(Self.negative(z.trunc()) == [true, false, true, true, false])
        #expect(Self.negative(z.sign()) == [false, false, true, true, false])
        #expect(Self.negative(z.abs()) == [false, false, false, false, false])
        #expect(Self.negative(z * 0) == [true, false, true, true, false])
        #expect(Self.negative(z.clamp(min: 0)) == [true, false, false, false, false])
        #expect(Self.negative(z.tanh()) == [true, false, true, true, false])
    }

    @Test func binarySignsOfZero() {
        #expect(Self.negative(Tensor([-2.0, 2.0, -0.0]).remainder(1.0)) == [true, false, true])
        #expect(Self.negative(Tensor([-0.0, 0.5, -0.5]).floorDivide(Tensor([1.0, -2.0, 2.0]))) == [true, true, true])
        #expect(Self.negative(Tensor([-0.0, 0.0]).maximum(Tensor([0.0, -0.0]))) == [true, false])
        #expect(Self.negative(Tensor([-0.0, 0.0]).minimum(Tensor([0.0, -0.0]))) == [true, false])
    }
}
