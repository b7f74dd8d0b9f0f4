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
/// `conv1`/`bn1` belong to no group: they must not move.
@Suite struct FineTuneTests {
    @Test func perLayerLearningRatesAsTheGuide() throws {
        let fixture = try Fixture("finetune")
        manualSeed(11)
        let ft = resnet18()
        ft.fc = Linear(ft.fc.inFeatures, 5)
        let optimizer = AdamW([
            ParamGroup(ft.layer1.parameters(), ["lr": 1e-5]),
            ParamGroup(ft.layer2.parameters(), ["lr": 1e-5]),
            ParamGroup(ft.layer3.parameters(), ["lr": 1e-4]),
            ParamGroup(ft.layer4.parameters(), ["lr": 1e-4]),
            ParamGroup(ft.fc.parameters(), ["lr": 1e-3]),
        ], lr: 1e-4, weightDecay: 0.01)
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

        // Per tensor: float64 sum and sum of squares (relative to the tensor's norm), leading values.
        let parameters = Dictionary(uniqueKeysWithValues: ft.namedParameters())
        for (name, entry) in try #require(fixture["checksums"] as? [String: [Any]]) {
            let values = parameters[name]!.detach().to(.float64).contiguous().toArray(Double.self)
            let sum = (entry[0] as! NSNumber).doubleValue, squares = (entry[1] as! NSNumber).doubleValue
            let leading = (entry[2] as! [NSNumber]).map(\.doubleValue)
            let norm = squares.squareRoot()
            #expect(abs(values.reduce(0, +) - sum) <= 1e-5 * (norm + abs(sum)), "\(name) sum")
            #expect(abs(values.reduce(0) { $0 + $1 * $1 } - squares) <= 1e-5 * squares, "\(name) sum of squares")
            #expect(zip(values, leading).allSatisfy { abs($0 - $1) <= 1e-6 + 1e-5 * abs($1) }, "\(name) leading values")
        }
    }
}
