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
            "resnet18": { resnet18() }, "mobilenet_v3_small": { mobilenetV3Small() }, "efficientnet_b0": { efficientnetB0() },
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
            #expect(Checksum(x).matches(try Checksum(fixture: fixture["input"]!)), "the input differs: the draws went astray")

            // Eval: running statistics. Convolutions sum in another order than torch's (im2col vs mkldnn):
            // 1e-4 absolute on logits of size ~1.
            model.eval()
            let evalOut = noGrad { model(x) }
            expectClose(evalOut, try fixture.tensor("eval_output"), rtol: 0, atol: 1e-4)

            model.train()
            let out = model(x)
            let loss = F.crossEntropy(out, Tensor([3, 777] as [Int64]))
            loss.backward()
            expectClose(out.detach(), try fixture.tensor("train_output"), rtol: 0, atol: 1e-4)
            let torchLoss = try #require((fixture["train_loss"] as? NSNumber)?.doubleValue)
            #expect(abs(loss.item(Double.self) - torchLoss) < 1e-5)

            let grads = try #require(fixture["grads"] as? [String: Any])
            let parameters = Dictionary(uniqueKeysWithValues: model.namedParameters())
            for (name, value) in grads {
                expectClose(parameters[name]!.grad!, try Fixture.decodeTensor(value), rtol: 1e-3, atol: 1e-6, name)
            }
            let checksums = try #require(fixture["grad_checksums"] as? [String: Any])
            #expect(checksums.count == parameters.count)
            for (name, value) in checksums {
                let got = Checksum(parameters[name]!.grad!), want = try Checksum(fixture: value)
                // The bias of a BatchNorm whose output reaches the next train-mode BatchNorm unchanged (a
                // MobileNet/EfficientNet projection without residual) has a zero gradient in exact arithmetic:
                // the next normalization removes any shift. Both sides hold rounding noise, equal in size only.
                if want.sumOfSquares.squareRoot() < 1e-5 {
                    #expect(got.sumOfSquares.squareRoot() < 1e-5, "\(name): \(got) is not rounding noise")
                    continue
                }
                #expect(got.matches(want, rtol: 2e-3, leadingExact: false), "\(name): \(got) vs \(want)")
            }
            let stats = try #require(fixture["running_stats"] as? [String: Any])
            let state = model.stateDict()
            for (name, value) in stats {
                guard case .tensor(let t)? = state[name] else { Issue.record("no \(name)"); continue }
                expectClose(t, try Fixture.decodeTensor(value), rtol: 1e-5, atol: 1e-6, name)
            }
        }
    }
}
