import Autodiff
import Foundation
import TensorCore
import Testing

/// Gradients of composite expressions against real PyTorch (Tests/Fixtures/composite.json, written by
/// Tests/Fixtures/generate/composite.py): broadcasting, views, in-place writes into views, reductions,
/// matmul broadcasting, indexing, sorting, linalg, casts.
struct CompositeFixture {
    let cases: [String: Any]

    init(filePath: String = #filePath) throws {
        let url = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/composite.json")
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        cases = root["cases"] as! [String: Any]
    }

    /// Rebuilds the inputs, runs `expression`, backpropagates and compares value and gradients.
    func check(
        _ name: String, tolerance: Double = 1e-9, sourceLocation: SourceLocation = #_sourceLocation,
        _ expression: ([Tensor]) -> Tensor
    ) {
        let entry = cases[name] as! [String: Any]
        let inputs = (entry["inputs"] as! [[String: Any]]).map { record in
            Tensor(copying: record["data"] as! [Double], shape: record["shape"] as! [Int]).requiresGrad_()
        }
        let out = expression(inputs)
        expectValues(out, [entry["value"] as! Double], tolerance: tolerance, sourceLocation: sourceLocation)
        out.backward()
        for (input, expected) in zip(inputs, entry["grads"] as! [Any]) {
            guard let expected = expected as? [Double] else {
                #expect(input.grad == nil, sourceLocation: sourceLocation)
                continue
            }
            expectValues(input.grad, expected, tolerance: tolerance, sourceLocation: sourceLocation)
        }
    }
}

func arangeDouble(_ shape: [Int]) -> Tensor {
    Tensor(copying: (0..<shape.reduce(1, *)).map(Double.init), shape: shape)
}

@Suite struct AutodiffFixtureTests {
    let fixture: CompositeFixture
    init() throws { fixture = try CompositeFixture() }

    @Test func broadcasting() {
        fixture.check("broadcast") { x in (x[0] * x[1] + x[2]).sin().sum() }
        fixture.check("broadcast_div_pow") { x in (x[0] / x[1]).pow(1.5).mean() }
    }

    @Test func views() {
        fixture.check("views") { x in
            let a = x[0]
            return (a.t()[1..<3] * a.t()[1..<3]).sum() + a.reshape([12])[TensorIndex.slice(step: 3)].sum() * 2
                + a.unsqueeze(0).expand([2, 3, 4]).sum()
        }
        fixture.check("permute_flip") { x in
            (x[0].permute([2, 0, 1]).flip([0]) * arangeDouble([24]).view([4, 2, 3])).sum()
        }
    }

    @Test func inPlaceIntoViewsOfANonLeaf() {
        fixture.check("inplace_views") { x in
            let a = x[0]
            let y = a.clone()
            y[0] = Tensor(5.0, dtype: .float64)
            y.narrow(dim: 0, start: 1, length: 1).mul_(2)
            y[2..., 1] += a[0, ..<2]
            return (y * y).sum()
        }
        #expect(fixture.cases["inplace_views"] != nil)
    }

    @Test func inPlaceChain() {
        fixture.check("inplace_chain") { x in
            let y = x[0] * 2
            y.add_(x[1])
            y.mul_(3)
            y.sub_(x[1], alpha: 0.5)
            y.exp_()
            return y.sum()
        }
    }

    @Test func reductions() {
        fixture.check("reductions") { x in
            let a = x[0]
            let parts =
                (a.sum(dim: 1, keepdim: true) * a.mean(dim: 2, keepdim: true)).sum() + a.amax(dim: 0).sum()
                + a.std(dim: 2).sum() + a.var(dims: [0, 2]).sum() + a.logsumexp(dim: 1).sum()
            return parts + (a.softmax(dim: 2) * a).sum() + a.max(dim: 1).values.sum() + a.prod(dim: 2).sum() + a.norm()
        }
    }

    @Test func matmulBroadcasting() {
        fixture.check("matmul_broadcast") { x in x[0].matmul(x[1]).pow(2).sum() }
        fixture.check("matmul_vectors") { x in x[0].matmul(x[1]).matmul(x[2]).sum() + x[1].matmul(x[2]).sum() }
    }

    @Test func indexing() {
        let mask = Tensor([[true, false, true], [false, false, true], [true, true, false], [false, true, true]])
        fixture.check("indexing") { x in
            let a = x[0]
            return (a[Tensor(copying: [Int64(0), 2, 0], shape: [3])] * 2).sum() + a.maskedFill(mask, 0).pow(2).sum()
                + a.gather(dim: 1, index: Tensor(copying: [Int64(0), 0, 2, 1, 1, 1, 0, 2], shape: [4, 2])).exp().sum()
                + a[mask].sum() * 3
        }
    }

    @Test func sortTopkCumulative() {
        fixture.check("sort_topk_cum") { x in
            let a = x[0]
            return (a.sort(dim: 1).values * arangeDouble([5])).sum() + a.topk(2, dim: 0).values.pow(2).sum()
                + a.cumsum(dim: 1).sum() + a.cumprod(dim: 0).sum()
        }
    }

    @Test func linearAlgebra() {
        fixture.check("linalg", tolerance: 1e-8) { x in
            let a = x[0]
            let eye = Tensor.eye(3, dtype: .float64)
            return Linalg.inv(a + eye * 3).sum() + Linalg.det(a + eye) + Linalg.eigvalsh(a + a.T).pow(2).sum()
                + Linalg.svdvals(a).sum()
        }
    }

    @Test func whereClampRelu() {
        fixture.check("where_clamp_relu") { x in
            let (a, b) = (x[0], x[1])
            return Tensor.where(a.gt(0), a, b).pow(2).sum() + a.clamp(min: -0.3, max: 0.4).sum() + (a - b).relu().sum()
                + a.maximum(b).sum()
        }
    }

    @Test func mixedDtypes() {
        fixture.check("cast_mixed", tolerance: 1e-6) { x in
            (x[0].float() * x[1].float()).double().sum() + (x[0].float() + x[1]).sum()
        }
    }

    @Test func catStackSplit() {
        fixture.check("cat_stack_split") { x in
            let (a, b) = (x[0], x[1])
            var total =
                (Tensor.cat([a, b], dim: 0) * arangeDouble([6, 3])).sum()
                + Tensor.stack([a, b[..<2]], dim: 2).pow(2).sum()
            for (i, piece) in b.split(3).enumerated() { total = total + piece.sum() * Double(i + 1) }
            return total
        }
    }

    @Test func guideNumbersMatchTorch() {
        let guide = fixture.cases["guide"] as! [String: [Double]]
        #expect(guide["poly"] == [49, 14, 14])
        #expect(guide["higher"] == [108, 108])
    }
}

/// WGAN-GP's gradient penalty through a conv critic: the penalty's gradient is a second-order gradient
/// through conv2d, leaky ReLU, conv1d, average pooling and matmul; values and every gradient match torch.
@Suite struct GradientPenaltyFixtureTests {
    @Test func wganGradientPenaltyMatchesTorch() throws {
        try CompositeFixture().check("gradient_penalty") { x in
            let (real, fake, w1, b1, w2, b2, w3) = (x[0], x[1], x[2], x[3], x[4], x[5], x[6])
            let alpha = Tensor(copying: [0.3, 0.8], shape: [2, 1, 1, 1])
            let xhat = alpha * real + (1 - alpha) * fake
            func critic(_ input: Tensor) -> Tensor {
                var h = NNOps.conv2d(input, w1, b1, stride: 2, padding: 1)
                h = Tensor.where(h.gt(0), h, h * 0.2)
                h = NNOps.conv1d(h.flatten(startDim: 2), w3, padding: 1).view([2, 4, 3, 3])
                h = NNOps.avgPool2d(h, kernelSize: 2, stride: 1)
                return h.flatten(startDim: 1).matmul(w2) + b2
            }
            let g = Autograd.grad(outputs: [critic(xhat).sum()], inputs: [xhat], createGraph: true)[0]!
            let penalty = (Linalg.vectorNorm(g.flatten(startDim: 1), ord: 2, dim: [1]) - 1).pow(2).mean()
            return critic(fake).mean() - critic(real).mean() + penalty * 10
        }
    }
}
