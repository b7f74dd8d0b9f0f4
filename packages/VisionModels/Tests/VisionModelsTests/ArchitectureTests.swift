import Foundation
import Layers
import TensorCore
import Testing
import TorchTestSupport

@testable import VisionModels

extension SerializedSuites {
    /// Keys, shapes, parameter counts and reprs of every architecture equal torchvision's
    /// (architectures.json, written by generate/models.py). Built without drawing their initial values (the
    /// seeded values are InitTests' subject): a debug build draws a VGG's 138 million numbers in minutes.
    @Suite struct ArchitectureTests {
        static let builders: [(name: String, build: @Sendable () -> Module)] = [
            ("resnet18", { resnet18() }), ("resnet34", { resnet34() }), ("resnet50", { resnet50() }),
            ("resnet101", { resnet101() }), ("resnet152", { resnet152() }),
            ("vgg11", { vgg11() }), ("vgg11_bn", { vgg11BN() }), ("vgg13", { vgg13() }), ("vgg13_bn", { vgg13BN() }),
            ("vgg16", { vgg16() }), ("vgg16_bn", { vgg16BN() }), ("vgg19", { vgg19() }), ("vgg19_bn", { vgg19BN() }),
            ("mobilenet_v2", { mobilenetV2() }), ("mobilenet_v3_small", { mobilenetV3Small() }),
            ("mobilenet_v3_large", { mobilenetV3Large() }),
            ("efficientnet_b0", { efficientnetB0() }), ("efficientnet_b1", { efficientnetB1() }),
            ("efficientnet_b2", { efficientnetB2() }), ("efficientnet_b3", { efficientnetB3() }),
            ("efficientnet_b4", { efficientnetB4() }), ("efficientnet_b5", { efficientnetB5() }),
            ("efficientnet_b6", { efficientnetB6() }), ("efficientnet_b7", { efficientnetB7() }),
            ("vit_b_16", { vitB16() }), ("vit_b_32", { vitB32() }), ("vit_l_16", { vitL16() }),
            ("vit_l_32", { vitL32() }),
            ("vit_h_14", { vitH14() }),
        ]

        @Test(arguments: builders.map { $0.name })
        func keysShapesCountsAndRepr(_ name: String) throws {
            let expected = try #require(Fixture("architectures")[name] as? [String: Any])
            let model = Init.withoutInitialization { Self.builders.first { $0.name == name }!.build() }
            let state = model.stateDict().tensors
            #expect(state.map { $0.0 } == expected["keys"] as? [String])
            #expect(state.map { $0.1.sizes } == expected["shapes"] as? [[Int]])
            #expect(model.parameterCount() == expected["num_params"] as? Int)
            #expect(model.description == expected["repr"] as? String)
        }
    }
}
