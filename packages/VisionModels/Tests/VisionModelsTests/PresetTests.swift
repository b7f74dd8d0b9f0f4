import DataPipeline
import Foundation
import TensorCore
import Testing
import TorchTestSupport

@testable import VisionModels

extension SerializedSuites {
    /// `weights.transforms()` on a bundled JPEG equals torchvision's preset through PIL (presets.json).
    @Suite struct PresetTests {
        @Test(arguments: [
            ("resnet50_v2", ResNet50Weights.imagenet1kV2.transforms),
            ("resnet18_v1", ResNet18Weights.imagenet1kV1.transforms),
            ("efficientnet_b0_v1", EfficientNetB0Weights.imagenet1kV1.transforms),  // bicubic, 224
            ("vit_b_16_swag_e2e", ViTB16Weights.imagenet1kSwagE2EV1.transforms),  // bicubic, 384
        ])
        func presetMatchesTorchvision(_ name: String, _ preset: ImageClassificationPreset) throws {
            let fixture = try Fixture("presets")
            var root = URL(fileURLWithPath: #filePath)
            for _ in 0..<5 { root.deleteLastPathComponent() }
            let image = try Image.open(root.appendingPathComponent(try #require(fixture["image"] as? String)).path)
            let out = try preset.transform(image).asTensor()
            let expected = try #require(fixture[name] as? [String: Any])
            #expect(out.sizes == expected["shape"] as? [Int])
            // PIL resamples in 8-bit with its own rounding, as DataPipeline's Resize does: equal up to float
            // rounding in ToTensor/Normalize.
            expectClose(out[.all, 100, 50..<60], try Fixture.decodeTensor(expected["row"]!), rtol: 1e-5, atol: 1e-5)
            let values = out.to(.float64).contiguous().toArray(Double.self)
            let sum = try #require((expected["sum"] as? NSNumber)?.doubleValue)
            #expect(abs(values.reduce(0, +) - sum) < 1e-6 * Double(values.count))
        }
    }
}
