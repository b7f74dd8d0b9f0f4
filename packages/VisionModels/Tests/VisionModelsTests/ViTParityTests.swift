import Autodiff
import Foundation
import Layers
import TensorCore
import Testing
import TorchTestSupport
@testable import VisionModels

extension SerializedSuites {
    /// vit_b_16 at image size 64 (16 patches) against torchvision's for the same state dict: the seeded
    /// init (equal to torchvision's, InitTests) with the zero class token and head drawn from the same seed,
    /// and the same 2×3×64×64 input (vit_b_16_parity.json). The weights are never stored.
    @Suite struct ViTB16ParityTests {
        /// generate/models.py's `perturb_vit`, draw for draw.
        static func perturb(_ model: VisionTransformer) {
            noGrad {
                model.classToken.normal_(0, 0.02)
                let head = model.heads.child("head") as! Linear
                head.weight.normal_(0, 0.02)
                head.bias!.normal_(0, 0.1)
            }
        }

        @Test func evalTrainAndBackwardMatchTorchvision() throws {
            let fixture = try Fixture("vit_b_16_parity")
            manualSeed(12)
            let model = vitB16(imageSize: 64)
            Self.perturb(model)
            let x = Tensor.randn(2, 3, 64, 64)
            #expect(Checksum(x).matches(try Checksum(fixture: fixture["input"]!)), "the input differs: the draws went astray")

            // Eval: torch takes its fused attention path, this the composed one; 12 blocks of float32 sums.
            model.eval()
            let evalOut = noGrad { model(x) }
            expectClose(evalOut, try fixture.tensor("eval_output"), rtol: 0, atol: 1e-4)

            // Train: dropout 0 (torchvision's default), so the same function, through autograd.
            model.train()
            let out = model(x)
            let loss = F.crossEntropy(out, Tensor([5, 901] as [Int64]))
            loss.backward()
            expectClose(out.detach(), try fixture.tensor("train_output"), rtol: 0, atol: 1e-4)
            let torchLoss = try #require((fixture["train_loss"] as? NSNumber)?.doubleValue)
            #expect(abs(loss.item(Double.self) - torchLoss) < 1e-5)

            let parameters = Dictionary(uniqueKeysWithValues: model.namedParameters())
            let grads = try #require(fixture["grads"] as? [String: Any])
            for (name, value) in grads {
                expectClose(parameters[name]!.grad!, try Fixture.decodeTensor(value), rtol: 1e-3, atol: 1e-6, name)
            }
            let checksums = try #require(fixture["grad_checksums"] as? [String: Any])
            #expect(checksums.count == parameters.count)
            for (name, value) in checksums {
                let got = Checksum(parameters[name]!.grad!), want = try Checksum(fixture: value)
                #expect(got.matches(want, rtol: 2e-3, leadingExact: false), "\(name): \(got) vs \(want)")
            }
        }

        /// torchvision's `_process_input` checks: an image of another size is an error, not a silent resize.
        @Test func wrongImageSizeStops() async {
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                let model = Init.withoutInitialization { vitB32(imageSize: 64) }
                _ = model(Tensor.zeros([1, 3, 32, 32]))
            }.map { #expect(String(decoding: $0.standardErrorContent, as: UTF8.self).contains("Wrong image height! Expected 64 but got 32!")) }
        }
    }
}
