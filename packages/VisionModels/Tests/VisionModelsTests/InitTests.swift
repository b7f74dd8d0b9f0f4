import Foundation
import Layers
import TensorCore
import Testing
import TorchTestSupport
@testable import VisionModels

/// `manualSeed(s); resnet18()` holds the very weights of `torch.manual_seed(s); torchvision.models.resnet18()`:
/// every state-dict tensor's checksums (init_checksums.json) and the generator's next draw afterwards.
@Suite(.serialized) struct InitTests {
    struct Variant: Sendable, CustomStringConvertible {
        let key: String
        let build: @Sendable () -> Module
        var description: String { key }
    }

    static let variants: [Variant] = [
        .init(key: "resnet18/seed0") { resnet18() },
        .init(key: "resnet18/seed1/zero_init_residual=True") { resnet18(zeroInitResidual: true) },
        .init(key: "resnet18/seed3/num_classes=5") { resnet18(numClasses: 5) },
        .init(key: "resnet34/seed0") { resnet34() },
        .init(key: "resnet50/seed0") { resnet50() },
        .init(key: "resnet50/seed2/zero_init_residual=True") { resnet50(zeroInitResidual: true) },
        .init(key: "vgg11/seed0") { vgg11() },
        .init(key: "vgg11_bn/seed0") { vgg11BN() },
    ]

    @Test(arguments: variants)
    func seededInitEqualsTorchvision(_ variant: Variant) throws {
        let fixture = try Fixture("init_checksums")
        let expected = try #require(fixture[variant.key] as? [Any])
        let seed = UInt64(variant.key.split(separator: "/")[1].dropFirst(4))!
        manualSeed(seed)
        let state = variant.build().stateDict().tensors
        #expect(state.count == expected.count)
        for ((key, tensor), entry) in zip(state, expected) {
            let want = try Checksum(fixture: entry)
            let got = Checksum(tensor)
            #expect(got.matches(want), "\(variant.key) \(key): \(got) vs \(want)")
        }
        let next = try #require((fixture[variant.key + "/next"] as? NSNumber)?.doubleValue)
        #expect(Tensor.rand(1).item(Double.self) == next, "the generator did not end where torchvision's did")
    }
}
