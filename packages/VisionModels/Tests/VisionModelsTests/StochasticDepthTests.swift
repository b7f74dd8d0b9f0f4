import Foundation
import Layers
import TensorCore
import Testing
import TorchTestSupport

@testable import VisionModels

extension SerializedSuites {
    /// `stochasticDepth` draws torchvision's masks from the default generator (stochastic_depth.json), and
    /// `StochasticDepth` is the identity in eval mode.
    @Suite struct StochasticDepthTests {
        @Test func trainingMasksAreTorchs() throws {
            let fixture = try Fixture("stochastic_depth")
            manualSeed(3)
            let x = Tensor.randn(6, 2, 3, 3)
            expectClose(x, try fixture.tensor("input"), rtol: 0, atol: 0)
            expectClose(stochasticDepth(x, p: 0.5, mode: .row), try fixture.tensor("row"), rtol: 1e-6, atol: 0)
            expectClose(stochasticDepth(x, p: 0.3, mode: .batch), try fixture.tensor("batch"), rtol: 1e-6, atol: 0)
            let next = try #require((fixture["next"] as? NSNumber)?.doubleValue)
            #expect(sameFloat32(Tensor.rand(1).item(Double.self), next))
        }

        @Test func evalIsIdentityAndReprIsTorchvisions() {
            let layer = StochasticDepth(0.0125, mode: .row)
            #expect(layer.description == "StochasticDepth(p=0.0125, mode=row)")
            let x = Tensor.randn(4, 3)
            #expect(layer.eval()(x).equal(x))
        }
    }
}
