import Autodiff
import Foundation
import Layers
import TensorCore
import Testing
import TorchTestSupport

@testable import VisionModels

extension SerializedSuites {
    /// The guide's section 14 as written there, against torchvision's numbers (transfer_learning.json).
    @Suite struct TransferLearningTests {
        /// Method 1: freeze every backbone parameter, replace `fc` with a 5-class head.
        static func freezeAndSwapHead(_ model: ResNet, classes: Int = 5) -> ResNet {
            for param in model.parameters() { param.requiresGrad = false }
            model.fc = Linear(model.fc.inFeatures, classes)
            return model
        }

        @Test func countsAndParameterGroupsOfResNet50() throws {
            let fixture = try Fixture("transfer_learning")
            // Structure only: the seeded values are InitTests' subject.
            let model = Self.freezeAndSwapHead(Init.withoutInitialization { resnet50() })
            #expect(model.parameterCount(trainableOnly: true) == fixture["resnet50_trainable"] as? Int)  // 10,245
            #expect(model.parameterCount() == fixture["resnet50_total"] as? Int)

            // Method 2: per-layer learning rates take `model.layer1.parameters()` ... `model.fc.parameters()`.
            let ft = Init.withoutInitialization { resnet50() }
            ft.fc = Linear(ft.fc.inFeatures, 5)
            let groups = [ft.layer1, ft.layer2, ft.layer3, ft.layer4, ft.fc].map {
                $0.parameters().reduce(0) { $0 + $1.numel }
            }
            #expect(groups == fixture["resnet50_group_sizes"] as? [Int])
            #expect(ft.fc.description == fixture["resnet50_fc_repr"] as? String)
            #expect(ft.fc.parameters().allSatisfy { $0.requiresGrad })
        }

        @Test func featureExtractionStepOfSeededResNet18() throws {
            let fixture = try Fixture("transfer_learning")
            manualSeed(11)
            let model = Self.freezeAndSwapHead(resnet18())
            let initial = try #require(fixture["fc_init"] as? [String: Any])
            #expect(Checksum(model.fc.weight).matches(try Checksum(fixture: initial["weight"]!)))
            expectEqual(model.fc.bias!.detach(), try Fixture.decodeTensor(initial["bias"]!))

            let x = Tensor.randn(2, 3, 64, 64)
            let loss = F.crossEntropy(model(x), Tensor([1, 4] as [Int64]))
            loss.backward()
            let torchLoss = try #require((fixture["loss"] as? NSNumber)?.doubleValue)
            #expect(abs(loss.item(Double.self) - torchLoss) < 1e-5)
            let grads = try #require(fixture["fc_grad"] as? [String: Any])
            #expect(
                Checksum(model.fc.weight.grad!).matches(
                    try Checksum(fixture: grads["weight"]!), rtol: 1e-4, leadingExact: false))
            expectClose(model.fc.bias!.grad!, try Fixture.decodeTensor(grads["bias"]!), rtol: 1e-4, atol: 1e-6)
            // The frozen backbone gets no gradients at all.
            #expect(model.namedParameters().filter { !$0.0.hasPrefix("fc.") }.allSatisfy { $0.1.grad == nil })
        }
    }
}
