import Autodiff
import Layers
import TensorCore
import Testing
import TorchTestSupport

@testable import VisionModels

extension SerializedSuites {
    /// `copy.deepcopy(model)` of every family: the same keys, values, repr and outputs in new tensors, with
    /// a replaced head kept (the guide's section 14 copies its best model this way).
    @Suite struct DeepCopyTests {
        static let builders: [(name: String, build: @Sendable () -> Module)] = [
            ("resnet18", { resnet18() }),
            ("resnet_bottleneck", { ResNet(block: Bottleneck.self, layers: [1, 1, 1, 1], numClasses: 10) }),
            ("mobilenet_v2", { mobilenetV2() }),
            ("mobilenet_v3_small", { mobilenetV3Small() }), ("efficientnet_b0", { efficientnetB0() }),
            (
                "vit_small",
                {
                    VisionTransformer(
                        imageSize: 32, patchSize: 16, numLayers: 2, numHeads: 2, hiddenDim: 64, mlpDim: 128,
                        numClasses: 10, representationSize: 32)
                }
            ),
        ]

        @Test(arguments: builders.map(\.name))
        func copyHoldsTheSameModelInNewTensors(_ name: String) throws {
            manualSeed(3)
            let model = Self.builders.first { $0.name == name }!.build()
            // ViT's head starts at zero: give it values so the outputs compare something.
            noGrad { for p in model.parameters() where p.abs().max().item(Double.self) == 0 { p.normal_(0, 0.1) } }
            model.eval()
            let copy = model.deepCopy()
            #expect(copy.description == model.description)
            let original = model.stateDict().tensors, copied = copy.stateDict().tensors
            #expect(copied.map(\.0) == original.map(\.0))
            for ((key, a), (_, b)) in zip(original, copied) {
                #expect(a.equal(b), "\(name) \(key)")
                #expect(a.storage !== b.storage, "\(name) \(key) is shared")
            }
            let x = Tensor.randn(1, 3, 32, 32)
            let (y, z) = noGrad { (model(x), copy(x)) }
            #expect(y.equal(z), "\(name): the copy computes something else")
        }

        @Test func aReplacedHeadIsCopied() throws {
            manualSeed(4)
            let model = resnet18()
            model.fc = Linear(model.fc.inFeatures, 5)
            for p in model.layer1.parameters() { p.requiresGrad = false }
            let copy = model.deepCopy()
            #expect(copy.fc.outFeatures == 5 && copy.fc.weight.equal(model.fc.weight))
            #expect(copy.layer1.parameters().allSatisfy { !$0.requiresGrad } && copy.fc.weight.requiresGrad)
            noGrad { _ = copy.fc.weight.fill_(0) }
            #expect(model.fc.weight.abs().sum().item(Double.self) > 0, "the copy shares the original's head")
        }

        @Test func vggCopiesItsStructure() throws {
            let model = Init.withoutInitialization { vgg11BN() }
            noGrad { for p in model.parameters() { p.fill_(0.25) } }
            let copy = model.deepCopy()
            #expect(copy.description == model.description)
            #expect(copy.stateDict().tensors.map(\.0) == model.stateDict().tensors.map(\.0))
            #expect(copy.parameters().allSatisfy { $0.eq(0.25).all().item(Bool.self) })
        }
    }
}
