import Autodiff
import Foundation
import Optimizers
import TensorCore
import Testing

/// The guide's section 5 (linear regression with SGD), with plain tensors for nn.Linear(1, 1):
/// same seed, same data, same initialization draws, same printed lines as PyTorch.
@Suite struct GuideTests {
    @Test func linearRegressionPrintsTorchLines() {
        manualSeed(42)
        let x = Tensor.linspace(-5, 5, 200).unsqueeze(1)  // [200, 1]
        let yTrue = 3 * x + 2
        let y = yTrue + Tensor.randnLike(yTrue) * 0.5
        // nn.Linear(1, 1): kaiming_uniform_(a=√5) for the weight, U(-1/√fan_in, 1/√fan_in) for the bias.
        let bound = 3.0.squareRoot() * ((2.0 / (1 + 5)).squareRoot() / 1.0.squareRoot())
        let w = Tensor.empty([1, 1]).uniform_(-bound, bound).requiresGrad_()
        let b = Tensor.empty([1]).uniform_(-1, 1).requiresGrad_()
        #expect(w.item(Float.self) == 0.14465749263763428 && b.item(Float.self) == -0.2589707374572754)

        let optimizer = SGD([w, b], lr: 0.01)
        var lines: [String] = []
        for epoch in 0..<1000 {
            let yPred = x.matmul(w.t()) + b
            let loss = (yPred - y).pow(2).mean()
            optimizer.zeroGrad()
            loss.backward()
            optimizer.step()
            if (epoch + 1) % 200 == 0 {
                lines.append(
                    String(
                        format: "Epoch %d: Loss=%.4f, w=%.4f, b=%.4f", epoch + 1,
                        loss.item(Double.self), w.item(Double.self), b.item(Double.self)))
            }
        }
        lines.append(String(format: "\n학습된 가중치: %.4f (정답: 3.0)", w.item(Double.self)))
        lines.append(String(format: "학습된 편향: %.4f (정답: 2.0)", b.item(Double.self)))
        #expect(
            lines == [
                "Epoch 200: Loss=0.2412, w=2.9915, b=1.9828",
                "Epoch 400: Loss=0.2395, w=2.9915, b=2.0223",
                "Epoch 600: Loss=0.2395, w=2.9915, b=2.0230",
                "Epoch 800: Loss=0.2395, w=2.9915, b=2.0230",
                "Epoch 1000: Loss=0.2395, w=2.9915, b=2.0230",
                "\n학습된 가중치: 2.9915 (정답: 3.0)",
                "학습된 편향: 2.0230 (정답: 2.0)",
            ])
    }

    /// Section 11: per-group learning rates (backbone low, head high) and the state-dict structure.
    @Test func paramGroupsWithOwnLearningRates() throws {
        let backbone = [Tensor.zeros([4, 3]).requiresGrad_()], head = [Tensor.zeros([2]).requiresGrad_()]
        let optimizer = Adam([ParamGroup(backbone, ["lr": 1e-4]), ParamGroup(head, ["lr": 1e-3])], lr: 1e-3)
        #expect(optimizer.paramGroups.map(\.lr) == [1e-4, 1e-3])
        for p in backbone + head { p.grad = Tensor.onesLike(p) }
        optimizer.step()
        let sd = optimizer.stateDict()
        #expect(sd["param_groups"]?[0]?["params"]?.items?.compactMap(\.int) == [0])
        #expect(sd["param_groups"]?[1]?["params"]?.items?.compactMap(\.int) == [1])
        #expect(sd["param_groups"]?[0]?["betas"]?.items?.compactMap(\.double) == [0.9, 0.999])
        let step = try #require(sd["state"]?[StateKey.int(1)]?["step"]?.tensor)
        #expect(step.dtype == .float32 && step.shape.dims == [] && step.item(Float.self) == 1)
        // Adam's first step moves every element by lr (the update is lr · sign(g) at step 1).
        #expect(abs(backbone[0].detach().toArray(Float.self)[0] + 1e-4) < 1e-9)
        #expect(abs(head[0].detach().toArray(Float.self)[0] + 1e-3) < 1e-8)
    }

    @Test func zeroGradSetsToNoneOrZeros() {
        let p = Tensor.zeros([3]).requiresGrad_()
        let o = SGD([p], lr: 0.1)
        p.grad = Tensor.onesLike(p)
        o.zeroGrad(setToNone: false)
        #expect(p.grad?.toArray(Float.self) == [0, 0, 0])
        o.zeroGrad()
        #expect(p.grad == nil)
        o.step()  // a parameter without a gradient is skipped
        #expect(p.detach().toArray(Float.self) == [0, 0, 0])
    }

    @Test func stepBumpsVersionAndReturnsClosureLoss() {
        let p = Tensor.ones([3]).requiresGrad_()
        let o = SGD([p], lr: 0.5)
        let before = p.storage.version
        let loss = o.step {
            o.zeroGrad()
            let l = (p * p).sum()
            l.backward()
            return l
        }
        #expect(loss?.item(Float.self) == 3)
        #expect(p.detach().toArray(Float.self) == [0, 0, 0])
        #expect(p.storage.version != before)
    }

    /// `add_param_group` fills the new group's missing hyper-parameters from the defaults.
    @Test func addParamGroupLater() {
        let a = Tensor.zeros([2]).requiresGrad_(), b = Tensor.zeros([2]).requiresGrad_()
        let o = SGD([a], lr: 0.1, momentum: 0.9)
        o.addParamGroup(ParamGroup([b], ["lr": 0.5]))
        #expect(o.paramGroups.count == 2)
        #expect(o.paramGroups[1].double("momentum") == 0.9 && o.paramGroups[1].lr == 0.5)
    }
}
