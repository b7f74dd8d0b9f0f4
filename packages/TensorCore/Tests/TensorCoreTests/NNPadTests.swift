import Testing

@testable import TensorCore

/// F.pad in every mode (forward and backward) against torch.
@Suite struct NNPadTests {
    nonisolated(unsafe) static let fixture = try! Fixture("nn_pad")

    @Test(arguments: Self.fixture.cases.keys.sorted())
    func padMatchesTorch(_ name: String) throws {
        let c = try NNCase(Self.fixture, name)
        let x = try c.tensor("x"), pad = c.ints("pad"), mode = c.string("mode")!
        let value: Scalar? =
            c.values["value"] is Int ? .int(Int64(c.int("value")!)) : c.double("value").map { .double($0) }
        let out = NNOps.pad(x, pad: pad, mode: mode, value: value)
        expectEqual(out, try c.tensor("out"), name)
        guard let gy = try c.optionalTensor("gy") else { return }
        let gx = NNOps.padBackward(gy, inputSizes: x.sizes, pad: pad, mode: mode)
        let tol: Double = x.dtype == .float32 ? 1e-5 : 1e-12
        expectClose(gx, try c.tensor("gx"), rtol: tol, atol: tol, "\(name) grad")
    }
}
