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
            #expect(
                Checksum(x).matches(try Checksum(fixture: fixture["input"]!)),
                "the input differs: the draws went astray")

            // Eval: torch takes its fused attention path, this the composed one. Train: dropout 0 (torchvision's
            // default), so the same function, through autograd.
            try expectForwardBackwardMatches(model, input: x, target: [5, 901], fixture)
        }

        /// torchvision's `_process_input` checks: an image of another size is an error, not a silent resize.
        @Test func wrongImageSizeStops() async {
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                let model = Init.withoutInitialization { vitB32(imageSize: 64) }
                _ = model(Tensor.zeros([1, 3, 32, 32]))
            }.map {
                #expect(
                    String(decoding: $0.standardErrorContent, as: UTF8.self).contains(
                        "Wrong image height! Expected 64 but got 32!"))
            }
        }
    }
}
