import TensorCore
import Testing

@testable import Autodiff

/// Behaviours checked against torch 2.x: fill_/zero_ on tracked non-leaves, subscript node names, and
/// the ops torch records without a derivative.
@Suite struct TorchParityBehaviourTests {
    @Test func fillAndZeroKeepRequiresGrad() {
        let x = leaf([3])
        let y = x * 2
        y.fill_(3)
        #expect(y.requiresGrad && y.gradFn?.name == "FillBackward2")
        let z = x * 2
        z.zero_()
        #expect(z.requiresGrad && z.gradFn?.name == "ZeroBackward0")
        // The old values no longer matter: x gets a zero gradient through y and 1 through x itself.
        (y.sum() + z.sum() + x.sum()).backward()
        expectValues(x.grad, [1, 1, 1])
    }

    /// torch's mm_mat1/mat2_backward: a column-major operand (a linear layer's `weight.t()`) gets its
    /// gradient computed transposed, so the leaf behind the transpose receives a contiguous `.grad` with no
    /// transposed copy; factors of 1 (addmm's beta and alpha) pass the gradient through unscaled.
    @Test func matrixProductGradientsKeepTheOperandsLayout() {
        let weight = leaf([5, 3]), input = leaf([4, 3], seed: 2), bias = leaf([5], seed: 3)
        let y = bias.addmm(input, weight.t())
        let g = leaf([4, 5], seed: 4).detach()
        y.backward(gradient: g)
        #expect(weight.grad!.isContiguous)
        expectValues(weight.grad, values(g.t().mm(input.detach())))
        expectValues(input.grad, values(g.mm(weight.detach())))
        expectValues(bias.grad, values(g.sum(dim: 0)))
        let a = leaf([3, 4]), b = leaf([3, 2], seed: 2)
        let product = a.t().mm(b)  // a.t() is column-major: its gradient is produced as (b·gᵀ)ᵀ
        let gp = leaf([4, 2], seed: 5).detach()
        product.backward(gradient: gp)
        #expect(a.grad!.isContiguous)
        expectValues(a.grad, values(b.detach().mm(gp.t())))
    }

    @Test func subscriptViewsAreNamedAsTorch() {
        let m = leaf([3, 4])
        #expect(m[1].gradFn?.name == "SelectBackward0")
        #expect(m[.all, 1].gradFn?.name == "SelectBackward0")
        #expect(m[1..<3].gradFn?.name == "SliceBackward0")
        #expect(m[1, 2].gradFn?.name == "SelectBackward0")
        #expect(m[..., 1...].gradFn?.name == "SliceBackward0")
        #expect(m[.newAxis].gradFn?.name == "UnsqueezeBackward0")
        #expect(m[1..., 2].gradFn?.name == "SelectBackward0")
        #expect(m[2, 1...].gradFn?.name == "SliceBackward0")
        (m[1..., 2].sum() * 2 + m[0, 1...].sum()).backward()
        expectValues(m.grad, [0, 1, 1, 1, 0, 0, 2, 0, 0, 0, 2, 0])
    }

    @Test func opsWithoutDerivativeStillRequireGrad() {
        let x = leaf([2, 3])
        let index = Tensor(copying: [Int64(0), 2], shape: [2, 1])
        let y = x.scatter(dim: 1, index: index, src: leaf([2, 1], seed: 2), reduce: "multiply")
        #expect(y.requiresGrad && y.gradFn?.name == "NotImplemented")
        #expect(x.scatter(dim: 1, index: index, value: 2, reduce: "add").gradFn?.name == "NotImplemented")
        #expect(Tensor.remainder(5, leaf([3], 1, 2)).gradFn?.name == "NotImplemented")
    }

    @Test func scatterWithReduceHasNoDerivative() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x = Tensor([1.0, 2.0, 3.0], requiresGrad: true)
            x.scatter(dim: 0, index: Tensor(copying: [Int64(1)], shape: [1]), src: x, reduce: "multiply").sum()
                .backward()
        }.map { expectMessage($0.standardErrorContent, "derivative for aten::scatter is not implemented") }
    }

    @Test func remainderOfNumberByTensorHasNoDerivative() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            Tensor.remainder(5, Tensor([1.5, 2.0], requiresGrad: true)).sum().backward()
        }.map { expectMessage($0.standardErrorContent, "derivative for aten::remainder is not implemented") }
    }

    /// An in-place op whose formula keeps its result, then another in-place op on it: torch's error.
    @Test func chainedInPlaceOnSavedResultFails() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x = Tensor([1.0, 2.0, 3.0], requiresGrad: true)
            let a = x * 2
            a.exp_()
            a.add_(1)
            a.sum().backward()
        }.map {
            expectMessage(
                $0.standardErrorContent,
                "one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor [3]], which is output 0 of Exp, is at version 2; expected version 1 instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True, check_nan=False)."
            )
        }
    }

    /// Chains torch accepts stay accepted (the in-place formulas' own inputs are kept as snapshots).
    @Test func chainedInPlaceTorchAccepts() {
        let x = leaf([3]), b = leaf([3], seed: 2)
        let a = x * 2
        a.mul_(b)
        a.mul_(b)
        a.pow_(2)
        a.sum().backward()
        let reference = ((x * 2) * b * b).pow(2).sum()
        let want = Autograd.grad(outputs: [reference], inputs: [x])[0]
        expectValues(x.grad, values(want), tolerance: 1e-12)
    }
}

/// `copy_` from a tracked result must not take over that result's saved value: modifying the copy's
/// target afterwards is fine (torch too), modifying the source is the error.
@Suite struct CopyIntoTargetTests {
    @Test func copyFromSavedResultThenModifyTarget() {
        let x = leaf([3])
        let source = x.exp()
        let target = Tensor.zeros([3]) * x
        target.copy_(source)
        target.add_(1)
        (source.sum() + target.sum()).backward()
        expectValues(x.grad, values(x.exp() * 2), tolerance: 1e-12)
    }
}
