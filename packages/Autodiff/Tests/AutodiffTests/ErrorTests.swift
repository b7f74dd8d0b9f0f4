import Autodiff
import TensorCore
import Testing

/// Misuse stops with PyTorch's messages.
@Suite struct AutodiffErrorTests {
    @Test func backwardOnTensorWithoutGrad() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            Tensor([1.0, 2.0]).sum().backward()
        }.map {
            expectMessage(
                $0.standardErrorContent, "element 0 of tensors does not require grad and does not have a grad_fn")
        }
    }

    @Test func nonScalarBackward() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            (Tensor([1.0, 2.0], requiresGrad: true) * 2).backward()
        }.map { expectMessage($0.standardErrorContent, "grad can be implicitly created only for scalar outputs") }
    }

    @Test func secondBackwardThroughFreedGraph() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x = Tensor([1.0, 2.0], requiresGrad: true)
            let y = (x * x).sum()
            y.backward()
            y.backward()
        }.map {
            expectMessage(
                $0.standardErrorContent,
                "Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward."
            )
        }
    }

    @Test func reluInPlaceOutputModifiedAgain() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x = Tensor([-1.0, 2.0, 3.0], requiresGrad: true)
            let y = x * 2
            y.relu_()
            y.add_(1)
            y.sum().backward()
        }.map {
            expectMessage(
                $0.standardErrorContent,
                "[torch.FloatTensor [3]], which is output 0 of Relu, is at version 2; expected version 1 instead.")
        }
    }

    @Test func savedTensorModifiedInPlace() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x = Tensor([1.0, 2.0, 3.0], requiresGrad: true)
            let y = x.exp()
            y.add_(1)
            y.sum().backward()
        }.map {
            expectMessage(
                $0.standardErrorContent,
                "one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor [3]], which is output 0 of Exp, is at version 1; expected version 0 instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True, check_nan=False)."
            )
        }
    }

    @Test func unusedInputWithoutAllowUnused() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x = Tensor([1.0, 2.0], requiresGrad: true)
            let unused = Tensor([1.0], requiresGrad: true)
            _ = Autograd.grad(outputs: [(x * 2).sum()], inputs: [x, unused])
        }.map {
            expectMessage(
                $0.standardErrorContent,
                "The differentiated Tensor at index 1 appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior."
            )
        }
    }

    @Test func gradientShapeMismatch() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x = Tensor([1.0, 2.0, 3.0], requiresGrad: true)
            (x * 2).backward(gradient: Tensor([1.0, 1.0]))
        }.map {
            expectMessage(
                $0.standardErrorContent,
                "Mismatch in shape: grad_output[0] has a shape of torch.Size([2]) and output[0] has a shape of torch.Size([3])."
            )
        }
    }

    @Test func inPlaceOnLeaf() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            Tensor([1.0, 2.0], requiresGrad: true).add_(1)
        }.map {
            expectMessage(
                $0.standardErrorContent, "a leaf Variable that requires grad is being used in an in-place operation.")
        }
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x = Tensor([1.0, 2.0], requiresGrad: true)
            x[0].mul_(2)
        }.map {
            expectMessage(
                $0.standardErrorContent,
                "a view of a leaf Variable that requires grad is being used in an in-place operation.")
        }
    }

    @Test func integerTensorsCannotRequireGrad() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            Tensor([1, 2]).requiresGrad = true
        }.map {
            expectMessage(
                $0.standardErrorContent, "only Tensors of floating point and complex dtype can require gradients")
        }
    }

    @Test func anomalyNamesTheForwardOp() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            detectAnomaly {
                let x = Tensor([0.0, 1.0], requiresGrad: true)
                x.sqrt().mul(0).sum().backward()
            }
        }.map {
            expectMessage($0.standardErrorContent, "Function 'SqrtBackward0' returned nan values in its 0th output.")
        }
    }
}

func expectMessage(_ bytes: [UInt8], _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(text.contains(message), "stderr was: \(text)", sourceLocation: sourceLocation)
}
