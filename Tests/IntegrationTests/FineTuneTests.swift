import Autodiff
import Foundation
import Layers
import Optimizers
import TensorCore
import Testing
import TorchTestSupport
import VisionModels

/// The guide's section 14, method 2, with the real packages: a torchvision resnet18 (seed 11) with a new
/// 5-class `fc`, AdamW over `layer1` ... `layer4` and `fc` with per-layer learning rates, two steps — the
/// losses and the parameters after them equal torch's (Tests/Fixtures/finetune.json, generate/finetune.py).
/// `conv1`/`bn1` belong to no group: they must not move; each stage moves as far as its learning rate allows.
@Suite struct FineTuneTests {
    @Test func perLayerLearningRatesAsTheGuide() throws {
        let fixture = try Fixture("finetune")
        manualSeed(11)
        let ft = resnet18()
        ft.fc = Linear(ft.fc.inFeatures, 5)
        let optimizer = AdamW(
            [
                ParamGroup(ft.layer1.parameters(), ["lr": 1e-5]),
                ParamGroup(ft.layer2.parameters(), ["lr": 1e-5]),
                ParamGroup(ft.layer3.parameters(), ["lr": 1e-4]),
                ParamGroup(ft.layer4.parameters(), ["lr": 1e-4]),
                ParamGroup(ft.fc.parameters(), ["lr": 1e-3]),
            ], lr: 1e-4, weightDecay: 0.01)
        let initial = Dictionary(
            uniqueKeysWithValues: [ft.layer1, ft.layer2, ft.layer3, ft.layer4].map { stage in
                (ObjectIdentifier(stage), stage.parameters().map { $0.detach().clone() })
            })
        let x = Tensor.randn(2, 3, 64, 64), y = Tensor([1, 4] as [Int64])
        var losses: [Double] = []
        for _ in 0..<2 {
            optimizer.zeroGrad()
            let loss = F.crossEntropy(ft(x), y)
            loss.backward()
            optimizer.step()
            losses.append(loss.item(Double.self))
        }
        let expectedLosses = try #require(fixture["losses"] as? [Double])
        #expect(zip(losses, expectedLosses).allSatisfy { abs($0 - $1) < 1e-5 }, "\(losses) vs \(expectedLosses)")

        // conv1/bn1 (in no group) keep torchvision's init, and fc (strong gradients) ends as torch's: float64
        // sum and sum of squares relative to the tensor's norm, leading values.
        let parameters = Dictionary(uniqueKeysWithValues: ft.namedParameters())
        let checksums = try #require(fixture["checksums"] as? [String: [Any]])
        for name in ["conv1.weight", "bn1.weight", "fc.weight", "fc.bias"] {
            let entry = try #require(checksums[name])
            let values = parameters[name]!.detach().to(.float64).contiguous().toArray(Double.self)
            let sum = (entry[0] as! NSNumber).doubleValue, squares = (entry[1] as! NSNumber).doubleValue
            let leading = (entry[2] as! [NSNumber]).map(\.doubleValue)
            #expect(abs(values.reduce(0, +) - sum) <= 1e-5 * (squares.squareRoot() + abs(sum)), "\(name) sum")
            #expect(abs(values.reduce(0) { $0 + $1 * $1 } - squares) <= 1e-5 * squares, "\(name) sum of squares")
            #expect(zip(values, leading).allSatisfy { abs($0 - $1) <= 1e-6 + 1e-5 * abs($1) }, "\(name) leading values")
        }
        // Inside the backbone many gradients are noise, and Adam's first steps move such an element by ±lr
        // whatever its size, so its sign there follows summation order (torch's kernels vs ours): the
        // backbone is judged by how far each group moved instead. Two Adam steps move an element by at
        // most ~2·lr (plus AdamW's decay lr·0.01·|θ| per step and float32 rounding of BatchNorm weights near
        // 1: 2.03·lr measured), and elements with a steady gradient by nearly that: each group's own rate.
        for (stage, lr) in [(ft.layer1, 1e-5), (ft.layer2, 1e-5), (ft.layer3, 1e-4), (ft.layer4, 1e-4)] {
            let moved = zip(stage.parameters(), initial[ObjectIdentifier(stage)]!).map { after, before in
                (after.detach() - before).abs().max().item(Double.self)
            }.max()!
            #expect(moved > 1.5 * lr && moved < 2.1 * lr, "moved \(moved) with lr \(lr)")
        }
    }
}
