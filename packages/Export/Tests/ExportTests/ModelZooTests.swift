import Autodiff
import Foundation
import Layers
import TensorCore
import Testing
import VisionModels

@testable import Export

/// torchvision's resnet18 (VisionModels, random init, 10 classes, 32×32 input): exported with a dynamic
/// batch, it passes onnx's full check and onnxruntime gives our outputs (1e-4: convolutions) at batch 1 and 7.
@Suite struct ModelZooTests {
    @Test func resnet18() throws {
        _ = manualSeed(0)
        let model = VisionModels.resnet18(numClasses: 10)
        warmBatchNorm(model, [3, 32, 32])
        _ = model.eval()
        let url = try temporaryFolder().appendingPathComponent("resnet18.onnx")
        try export(
            model, Tensor.randn([1, 3, 32, 32]), to: url,
            dynamicAxes: ["input": [0: "batch_size"], "output": [0: "batch_size"]])
        let inputs = [1, 7].map { Tensor.randn([$0, 3, 32, 32]) }
        for (x, theirs) in zip(inputs, try OnnxRuntime.run(url, inputs)) {
            let diff = (theirs - noGrad { model(x) }).abs().max().item(Double.self)
            #expect(diff <= 1e-4, "batch \(x.size(0)): \(diff)")
        }
    }
}
