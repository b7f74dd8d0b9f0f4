import Autodiff
import TensorCore
import Testing

/// The guide's section 3 statements, with PyTorch's numbers.
@Suite struct GuideTests {
    @Test func polynomialGradient() {
        let x = Tensor(3.0, requiresGrad: true)
        let y = Tensor(4.0, requiresGrad: true)
        let z = x * x + 2 * x * y + y * y
        #expect(z.item(Double.self) == 49)
        z.backward()
        #expect(x.grad!.item(Double.self) == 14)
        #expect(y.grad!.item(Double.self) == 14)
        #expect(z.gradFn?.name == "AddBackward0")
        #expect(x.isLeaf && !z.isLeaf)
    }

    @Test func sumOfSquares() {
        let x = Tensor([1.0, 2.0, 3.0], requiresGrad: true)
        let y = (x * x).sum()
        #expect(y.gradFn?.name == "SumBackward0")
        y.backward()
        #expect(x.grad!.toArray(Float.self) == [2, 4, 6])
    }

    @Test func gradientArgument() {
        let x = Tensor([1.0, 2.0, 3.0], requiresGrad: true)
        let y = x * x
        #expect(y.gradFn?.name == "MulBackward0")
        y.backward(gradient: Tensor.onesLike(y))
        #expect(x.grad!.toArray(Float.self) == [2, 4, 6])
    }

    @Test func accumulation() {
        let x = Tensor([1.0, 2.0, 3.0], requiresGrad: true)
        var seen: [[Float]] = []
        for _ in 0..<3 {
            (x * 4).sum().backward()
            seen.append(x.grad!.toArray(Float.self))
        }
        #expect(seen == [[4, 4, 4], [8, 8, 8], [12, 12, 12]])
        x.grad!.zero_()
        (x * 4).sum().backward()
        #expect(x.grad!.toArray(Float.self) == [4, 4, 4])
        x.grad = nil
        #expect(x.grad == nil)
    }

    @Test func noGradAndDetach() {
        let x = Tensor([1.0, 2.0], requiresGrad: true)
        let y = noGrad { x * 2 }
        #expect(!y.requiresGrad)
        #expect((x * 2).requiresGrad)
        let d = x.detach()
        #expect(!d.requiresGrad && d.isLeaf)
        #expect(isGradEnabled)
        setGradEnabled(false)
        #expect(!(x * 2).requiresGrad)
        setGradEnabled(true)
        let e = inferenceMode { x * 2 }
        #expect(!e.requiresGrad)
    }

    @Test func higherOrder() {
        let x = Tensor(3.0, requiresGrad: true)
        let y = x.pow(4)
        let dy = Autograd.grad(y, x, createGraph: true)!
        #expect(dy.item(Double.self) == 108)
        let d2 = Autograd.grad(dy, x)!
        #expect(d2.item(Double.self) == 108)
    }
}
