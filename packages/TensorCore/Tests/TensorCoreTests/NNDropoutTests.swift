import Testing

@testable import TensorCore

/// Seeded dropout draws the same masks as torch (bernoulli_ on TensorCore's generator).
@Suite(.serialized) struct NNDropoutTests {
    nonisolated(unsafe) static let fixture = try! Fixture("nn_dropout")

    @Test(arguments: Self.fixture.cases.keys.sorted())
    func dropoutMatchesTorch(_ name: String) throws {
        let c = try NNCase(Self.fixture, name)
        let x = try c.tensor("x"), p = c.double("p")!
        let gen = Generator().manualSeed(123)
        expectEqual(NNOps.dropout(x, p: p, generator: gen), try c.tensor("dropout"), "\(name) dropout")
        _ = gen.manualSeed(123)
        let (o, m) = NNOps.nativeDropout(x, p: p, generator: gen)
        expectEqual(o, try c.tensor("native"), "\(name) native_dropout")
        expectEqual(m, try c.tensor("mask"), "\(name) mask")
        expectEqual(
            NNOps.nativeDropoutBackward(try c.tensor("g"), mask: m, scale: 1 / (1 - p)),
            try c.tensor("native_backward"), "\(name) backward")
        _ = gen.manualSeed(7)
        expectEqual(
            NNOps.featureDropout(try c.tensor("x4"), p: p, generator: gen).output, try c.tensor("dropout2d"),
            "\(name) dropout2d")
    }

    @Test func evalIsIdentity() {
        let x = Tensor([[1.0, 2.0], [3.0, 4.0]])
        #expect(NNOps.dropout(x, p: 0.5, training: false) === x)
        #expect(NNOps.nativeDropout(x, p: 0.5, train: false).mask.toArray(Bool.self) == [true, true, true, true])
    }
}
