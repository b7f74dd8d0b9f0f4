import Foundation
import Layers
import TensorCore
import Testing
import TorchTestSupport

@testable import VisionModels

extension SerializedSuites {
    /// `manualSeed(s); resnet18()` holds the very weights of `torch.manual_seed(s); torchvision.models.resnet18()`:
    /// every state-dict tensor's checksums (init_checksums.json) and the generator's next draw afterwards.
    /// A debug build checks the resnet18, mobilenet_v3_small and efficientnet_b0 variants (seconds); an
    /// optimized build (`make test-release`) checks every variant in the fixture, VGG's 138 million draws
    /// included (minutes in debug, where `VISIONMODELS_ALL_INITS=1` asks for them).
    @Suite(.serialized) struct InitTests {
        static let builders: [String: @Sendable (_ options: [String]) -> Module] = [
            "resnet18": { resnet18(numClasses: classes($0), zeroInitResidual: $0.contains("zero_init_residual=True")) },
            "resnet34": { _ in resnet34() },
            "resnet50": { resnet50(numClasses: classes($0), zeroInitResidual: $0.contains("zero_init_residual=True")) },
            "resnet101": { _ in resnet101() }, "resnet152": { _ in resnet152() },
            "vgg11": { _ in vgg11() }, "vgg11_bn": { _ in vgg11BN() }, "vgg13": { _ in vgg13() },
            "vgg13_bn": { _ in vgg13BN() },
            "vgg16": { _ in vgg16() }, "vgg16_bn": { _ in vgg16BN() }, "vgg19": { _ in vgg19() },
            "vgg19_bn": { _ in vgg19BN() },
            "mobilenet_v2": { mobilenetV2(widthMult: $0.contains("width_mult=0.5") ? 0.5 : 1.0) },
            "mobilenet_v3_small": { _ in mobilenetV3Small() },
            "mobilenet_v3_large": {
                mobilenetV3Large(reducedTail: $0.contains("reduced_tail=True"), dilated: $0.contains("dilated=True"))
            },
            "efficientnet_b0": { efficientnetB0(numClasses: classes($0)) },
            "efficientnet_b1": { _ in efficientnetB1() }, "efficientnet_b2": { _ in efficientnetB2() },
            "efficientnet_b3": { _ in efficientnetB3() }, "efficientnet_b4": { _ in efficientnetB4() },
            "efficientnet_b5": { _ in efficientnetB5() }, "efficientnet_b6": { _ in efficientnetB6() },
            "efficientnet_b7": { _ in efficientnetB7() },
            "vit_b_16": { vitB16(imageSize: option($0, "image_size") ?? 224) }, "vit_b_32": { _ in vitB32() },
            "vit_l_16": { _ in vitL16() },
            // generate/models.py's VIT_TINY: every ViT init path (pre_logits too), drawn in a blink.
            "vit_tiny": { _ in
                VisionTransformer(
                    imageSize: 32, patchSize: 16, numLayers: 2, numHeads: 2, hiddenDim: 64, mlpDim: 128,
                    numClasses: 10, representationSize: 32)
            },
        ]

        static func classes(_ options: [String]) -> Int { option(options, "num_classes") ?? 1000 }

        /// The value of `name=value` among the variant's options.
        static func option(_ options: [String], _ name: String) -> Int? {
            options.first { $0.hasPrefix(name + "=") }.map { Int($0.dropFirst(name.count + 1))! }
        }

        /// The fixture's keys (`resnet18/seed1/zero_init_residual=True`), the fast models' alone in a debug build.
        static var variants: [String] {
            guard let fixture = try? Fixture("init_checksums") else { return [] }
            let all = fixture.cases.keys.filter { !$0.hasSuffix("/next") }.sorted()
            let everything =
                !_isDebugAssertConfiguration() || ProcessInfo.processInfo.environment["VISIONMODELS_ALL_INITS"] == "1"
            let fast = ["resnet18/", "mobilenet_v3_small/", "efficientnet_b0/", "vit_tiny/"]
            return everything ? all : all.filter { variant in fast.contains { variant.hasPrefix($0) } }
        }

        @Test(arguments: variants)
        func seededInitEqualsTorchvision(_ variant: String) throws {
            let fixture = try Fixture("init_checksums")
            let expected = try #require(fixture[variant] as? [Any])
            let parts = variant.split(separator: "/").map(String.init)
            manualSeed(UInt64(parts[1].dropFirst(4))!)
            let state = Self.builders[parts[0]]!(Array(parts.dropFirst(2))).stateDict().tensors
            #expect(state.count == expected.count)
            for ((key, tensor), entry) in zip(state, expected) {
                let want = try Checksum(fixture: entry)
                let got = Checksum(tensor)
                #expect(got.matches(want), "\(variant) \(key): \(got) vs \(want)")
            }
            let next = try #require((fixture[variant + "/next"] as? NSNumber)?.doubleValue)
            #expect(
                sameFloat32(Tensor.rand(1).item(Double.self), next), "the generator did not end where torchvision's did"
            )
        }
    }
}
