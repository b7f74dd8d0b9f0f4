import Foundation
import TensorCore
import Testing

@testable import Autodiff

@Suite struct BehaviourTests {
    @Test func gradFnNamesAndNextFunctions() {
        let x = Tensor([1.0, 2.0, 3.0], requiresGrad: true)
        #expect((x + 1).gradFn?.name == "AddBackward0")
        #expect(x.pow(2).gradFn?.name == "PowBackward0")
        #expect(x.sum().gradFn?.name == "SumBackward0")
        #expect(x.mean().gradFn?.name == "MeanBackward0")
        #expect(x.view([3, 1]).gradFn?.name == "ViewBackward0")
        #expect(x.select(dim: 0, index: 0).gradFn?.name == "SelectBackward0")
        #expect(x.narrow(dim: 0, start: 1, length: 2).gradFn?.name == "SliceBackward0")
        #expect(x.unsqueeze(0).gradFn?.name == "UnsqueezeBackward0")
        #expect(x.exp().gradFn?.name == "ExpBackward0")
        #expect(x.div(.double(2)).gradFn?.name == "DivBackward0")
        #expect(x.div(.double(2), roundingMode: "floor").gradFn?.name == "DivBackward2")
        #expect(x.double().gradFn?.name == "ToCopyBackward0")
        let m = Tensor.ones([3, 3], dtype: .float32).requiresGrad_()
        #expect(m.mm(m).gradFn?.name == "MmBackward0")
        #expect(m.relu().gradFn?.name == "ReluBackward0")
        let z = x * Tensor([2.0, 2.0, 2.0])
        let next = z.gradFn!.nextFunctions
        #expect(next.count == 2 && next[0].node?.name == "AccumulateGrad" && next[1].node == nil)
        #expect(x.gradFn == nil && x.isLeaf && !z.isLeaf && z.requiresGrad)
    }

    @Test func retainGradOnNonLeaf() {
        let x = Tensor([1.0, 2.0], requiresGrad: true)
        let y = x * 3
        y.retainGrad()
        (y * y).sum().backward()
        expectValues(y.grad, [6, 12])
        expectValues(x.grad, [18, 36])
    }

    @Test func retainGraphAllowsSecondBackward() {
        let x = Tensor([1.0, 2.0], requiresGrad: true)
        let y = (x * x).sum()
        y.backward(retainGraph: true)
        y.backward()
        expectValues(x.grad, [4, 8])
    }

    /// torch records `relu_` as one ReluBackward0 straight on the previous node (no copy of the old value).
    @Test func reluInPlaceRecordsOneNode() {
        let x = Tensor([-1.0, 2.0, 3.0], requiresGrad: true)
        let y = x * 2
        y.relu_()
        #expect(y.gradFn?.name == "ReluBackward0")
        #expect(y.gradFn?.nextFunctions.map { $0.node?.name } == ["MulBackward0"])
        y.sum().backward()
        expectValues(x.grad, [0, 2, 2])
        // The other output-only in-place ops record the same way.
        let z = Tensor([0.5, 1.0], requiresGrad: true)
        let e = z * 1
        e.exp_()
        let s = z * 1
        s.sigmoid_()
        #expect(e.gradFn?.name == "ExpBackward0" && e.gradFn?.nextFunctions.map { $0.node?.name } == ["MulBackward0"])
        #expect(
            s.gradFn?.name == "SigmoidBackward0" && s.gradFn?.nextFunctions.map { $0.node?.name } == ["MulBackward0"])
        (e + s).sum().backward()
        let expected = [0.5, 1.0].map { v -> Double in
            let sg = 1 / (1 + Foundation.exp(-v))
            return Foundation.exp(v) + sg * (1 - sg)
        }
        expectValues(z.grad, expected)
    }

    @Test func hooksReplaceAndObserveGradients() {
        let x = Tensor([1.0, 2.0], requiresGrad: true)
        var seen: [Double] = []
        x.registerHook { g in
            seen = values(g)
            return g * 10
        }
        var accumulated = 0
        x.registerPostAccumulateGradHook { t in
            accumulated += 1
            #expect(t.grad != nil)
        }
        let y = x * 2
        y.registerHook { g in g + 1 }
        y.sum().backward()
        #expect(seen == [4, 4])
        expectValues(x.grad, [40, 40])
        #expect(accumulated == 1)
    }

    @Test func backwardInputsAccumulateOnlyThose() {
        let a = Tensor([1.0], requiresGrad: true)
        let b = Tensor([2.0], requiresGrad: true)
        (a * b).sum().backward(inputs: [a])
        expectValues(a.grad, [2])
        #expect(b.grad == nil)
    }

    @Test func freezingAndDetach() {
        let w = Tensor([1.0, 2.0], requiresGrad: true)
        w.requiresGrad = false
        #expect(!(w * 2).requiresGrad)
        let x = Tensor([1.0], requiresGrad: true)
        let y = x * 2
        y.detach_()
        #expect(!y.requiresGrad && y.isLeaf)
    }

    @Test func versionCounterAcceptsUnrelatedInPlace() {
        let x = Tensor([1.0, 2.0], requiresGrad: true)
        let a = x * 1
        let y = a + 1  // add saves nothing
        a.mul_(5)
        y.sum().backward()
        expectValues(x.grad, [1, 1])  // y used a before a.mul_; a's rebased history is not involved
    }

    @Test func inPlaceOnUntrackedTargetWithTrackedSource() {
        let w = Tensor([1.0, 2.0], requiresGrad: true)
        let buffer = Tensor.zeros([2], dtype: .float64)
        buffer.add_(w * 3)
        #expect(buffer.requiresGrad)
        buffer.sum().backward()
        expectValues(w.grad, [3, 3])
    }

    @Test func noGradUpdatesOfLeavesAreAllowed() {
        let w = Tensor([1.0, 2.0], requiresGrad: true)
        (w * w).sum().backward()
        noGrad { w.sub_(w.grad! * 0.5) }
        expectValues(w, [0, 0])
        #expect(w.isLeaf && w.requiresGrad)
    }

    @Test func graphIsFreedAfterBackward() {
        weak var node: Node?
        weak var saved: Tensor?
        let x = Tensor([1.0, 2.0], requiresGrad: true)
        do {
            let hidden = x * 3
            let y = (hidden.exp() * hidden).sum()
            node = y.gradFn
            saved = hidden
            y.backward()
        }
        #expect(node == nil)
        #expect(saved == nil)
        expectValues(
            x.grad,
            [
                3 * (3 * 1.0 * Foundation.exp(3.0) + Foundation.exp(3.0)),
                3 * (6 * Foundation.exp(6.0) + Foundation.exp(6.0)),
            ], tolerance: 1e-4)
    }

    @Test func graphWithoutBackwardHasNoCycles() {
        weak var node: Node?
        weak var output: Tensor?
        let x = Tensor([1.0, 2.0], requiresGrad: true)
        do {
            let y = x.exp()  // saves its own output: must not form a cycle
            node = y.gradFn
            output = y
        }
        #expect(node == nil)
        #expect(output == nil)
    }

    @Test func trainingLoopDoesNotGrowTheGraph() {
        let w = Tensor([0.5, -0.5], dtype: .float64, requiresGrad: true)
        let x = uniform([16, 2], seed: 7)
        weak var lastNode: Node?
        for _ in 0..<1000 {
            let loss = (x.matmul(w) - 1).pow(2).mean()
            lastNode = loss.gradFn
            loss.backward()
            noGrad { w.sub_(w.grad! * 0.1) }
            w.grad = nil
        }
        #expect(lastNode == nil)
        #expect(w.gradFn == nil && w.grad == nil)
    }

    @Test func customFunction() {
        enum Cube: Autograd.Function {
            static func forward(_ ctx: FunctionContext, _ inputs: [Tensor]) -> [Tensor] {
                ctx.saveForBackward(inputs[0])
                ctx.values["k"] = 3.0
                return [inputs[0].pow(3)]
            }
            static func backward(_ ctx: FunctionContext, _ grads: [Tensor?]) -> [Tensor?] {
                let x = ctx.savedTensors[0]
                #expect(ctx.needsInputGrad == [true, false])
                return [grads[0]! * (ctx.values["k"] as! Double) * x * x, nil]
            }
        }
        let x = Tensor([1.0, 2.0], requiresGrad: true)
        let y = Cube.apply(x, Tensor([1.0, 1.0]))[0]
        #expect(y.gradFn?.name.hasPrefix("Cube") == true)
        y.sum().backward()
        expectValues(x.grad, [3, 12])
    }

    @Test func customFunctionTwiceDifferentiable() {
        enum Square: Autograd.Function {
            static func forward(_ ctx: FunctionContext, _ inputs: [Tensor]) -> [Tensor] {
                ctx.saveForBackward(inputs[0])
                return [inputs[0] * inputs[0]]
            }
            static func backward(_ ctx: FunctionContext, _ grads: [Tensor?]) -> [Tensor?] {
                [grads[0]! * 2 * ctx.savedTensors[0]]
            }
        }
        let x = leaf([3])
        #expect(gradcheck({ Square.apply($0[0])[0] }, inputs: [x], raiseException: false))
        #expect(gradgradcheck({ Square.apply($0[0])[0] }, inputs: [x], raiseException: false))
    }

    @Test func functionalHelpers() {
        let x = Tensor([1.0, 2.0], dtype: .float64)
        let jac = Autograd.Functional.jacobian({ $0 * $0 }, x)
        expectValues(jac, [2, 0, 0, 4])
        let hess = Autograd.Functional.hessian({ ($0 * $0 * $0).sum() }, x)
        expectValues(hess, [6, 0, 0, 12])
        let (out, vjp) = Autograd.Functional.vjp({ ($0[0] * $0[1]).sum() }, [x, x * 3])
        expectValues(out, [15])
        expectValues(vjp[0], [3, 6])
        let (_, jvp) = Autograd.Functional.jvp({ $0[0] * $0[0] }, [x], v: [Tensor([1.0, 1.0], dtype: .float64)])
        expectValues(jvp, [2, 4])
        let (_, hvp) = Autograd.Functional.hvp({ ($0 * $0 * $0).sum() }, x, v: Tensor([1.0, 0.0], dtype: .float64))
        expectValues(hvp, [6, 0])
    }

    @Test func dtypeCastsAreDifferentiable() {
        let x = Tensor([1.0, 2.0], requiresGrad: true)
        let y = x.double() * Tensor([3.0, 4.0], dtype: .float64)
        y.sum().backward()
        #expect(x.grad!.dtype == .float32)
        expectValues(x.grad, [3, 4])
    }

    @Test func randomFillInPlace() {
        let w = Tensor.zeros([3]).requiresGrad_()
        noGrad { _ = w.normal_(0, 1) }  // initialization under no_grad, as nn.init does
        #expect(w.isLeaf && w.requiresGrad)
        let h = w * 2
        h.uniform_(0, 1)  // overwrites: no gradient flows to w through h anymore
        #expect(!h.requiresGrad)
    }

    @Test func gradModeIsThreadLocal() {
        final class Box: @unchecked Sendable {
            var tracked = false
            let x = Tensor([1.0], requiresGrad: true)
        }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        noGrad {
            Thread.detachNewThread {
                box.tracked = (box.x * 2).requiresGrad
                done.signal()
            }
            done.wait()
            #expect(!(box.x * 2).requiresGrad)
        }
        #expect(box.tracked)
    }

    @Test func broadcastGradientsSumBack() {
        let a = Tensor([[1.0], [2.0]], requiresGrad: true)
        let b = Tensor([1.0, 2.0, 3.0], requiresGrad: true)
        (a * b).sum().backward()
        expectValues(a.grad, [6, 6])
        expectValues(b.grad, [3, 3, 3])
        #expect(a.grad!.shape == [2, 1])
    }
}
