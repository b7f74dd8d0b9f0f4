import Autodiff
import Foundation
import Layers
import TensorCore
import Testing
import TorchTestSupport

@testable import VisionModels

extension SerializedSuites {
    /// resnet18's, mobilenet_v3_small's and efficientnet_b0's numbers against torchvision's for the same
    /// state dict: the seeded init (equal to torchvision's, InitTests) with BatchNorm state drawn from the
    /// same seed, and the same 2×3×64×64 input (<name>_parity.json). The weights are never stored: both sides
    /// rebuild them from seed 7. Train mode draws the dropout and stochastic-depth masks in torch's order.
    @Suite struct ParityTests {
        static let builders: [String: @Sendable () -> Module] = [
            "resnet18": { resnet18() }, "mobilenet_v3_small": { mobilenetV3Small() },
            "efficientnet_b0": { efficientnetB0() },
        ]

        /// generate/models.py's `perturb_batchnorms`, draw for draw.
        static func perturbBatchNorms(_ model: Module) {
            noGrad {
                for m in model.modules() {
                    guard let bn = m as? BatchNorm2d else { continue }
                    bn.weight!.uniform_(0.5, 1.5)
                    bn.bias!.normal_(0, 0.1)
                    bn.runningMean!.normal_(0, 0.1)
                    bn.runningVar!.uniform_(0.5, 1.5)
                }
            }
        }

        @Test(arguments: ["resnet18", "mobilenet_v3_small", "efficientnet_b0"])
        func evalTrainAndBackwardMatchTorchvision(_ name: String) throws {
            let fixture = try Fixture("\(name)_parity")
            manualSeed(7)
            let model = Self.builders[name]!()
            Self.perturbBatchNorms(model)
            let x = Tensor.randn(2, 3, 64, 64)
            #expect(
                Checksum(x).matches(try Checksum(fixture: fixture["input"]!)),
                "the input differs: the draws went astray")

            try expectForwardBackwardMatches(model, input: x, target: [3, 777], fixture)

            let stats = try #require(fixture["running_stats"] as? [String: Any])
            let state = model.stateDict()
            for (name, value) in stats {
                guard case .tensor(let t)? = state[name] else {
                    Issue.record("no \(name)")
                    continue
                }
                expectClose(t, try Fixture.decodeTensor(value), rtol: 1e-5, atol: 1e-6, name)
            }
        }
    }
}
