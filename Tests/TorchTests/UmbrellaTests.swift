import Testing
import Torch

/// `import Torch` alone reaches every module's API.
@Suite struct UmbrellaTests {
    @Test func everyModuleIsReexported() {
        manualSeed(0)
        let model = Sequential(Linear(4, 3), ReLU())
        let optimizer = SGD(model.parameters(), lr: 0.1)
        _ = StepLR(optimizer, stepSize: 1)
        let batch = TensorDataset([Tensor.ones([2, 4])])
        #expect(batch.count == 2)
        #expect(CheckpointFormat.hdf5 != CheckpointFormat.torch)
        #expect(SummaryWriter.defaultLogDir(root: "r").hasPrefix("r/"))
        #expect(ResNet50Weights.default.weights.transforms.resizeSize == 232)
        let loss = model(Tensor.ones([2, 4])).sum()
        loss.backward()
        #expect(model.parameters()[0].grad != nil)
    }
}
