import Foundation
import Testing

@testable import TensorCore

/// Misuse stops with PyTorch's exact message (exit tests: each body runs in a child process).
@Suite struct ElementwiseErrorTests {
    static func stderr(_ result: ExitTest.Result?) -> String {
        String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    }

    @Test func shapesThatDoNotBroadcast() async {
        let r = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.ones([2, 3]) + Tensor.ones([2, 4])
        }
        #expect(
            Self.stderr(r).contains(
                "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1"))
    }

    @Test func inPlaceResultTypeCannotBeCast() async {
        let r = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            Tensor([1, 2]).add_(Tensor([1.5, 2.5]))
        }
        #expect(Self.stderr(r).contains("result type Float can't be cast to the desired output type Long"))
        let e = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            Tensor([1, 2]).exp_()
        }
        #expect(Self.stderr(e).contains("result type Float can't be cast to the desired output type Long"))
    }

    @Test func inPlaceBroadcastCannotGrowOutput() async {
        let r = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            Tensor([1.0, 2.0, 3.0]).add_(Tensor.ones([2, 3]))
        }
        #expect(Self.stderr(r).contains("output with shape [3] doesn't match the broadcast shape [2, 3]"))
    }

    @Test func bitwiseOnFloatIsRefused() async {
        let r = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([1.0, 2.0]) & Tensor([1.0, 0.0])
        }
        #expect(Self.stderr(r).contains("\"bitwise_and_cpu\" not implemented for 'Float'"))
        let n = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = ~Tensor([1.0, 2.0])
        }
        #expect(Self.stderr(n).contains("~ (operator.invert) is only implemented on integer and Boolean-type tensors"))
    }

    @Test func boolArithmeticRefusals() async {
        let s = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([true, false]) - Tensor([false, true])
        }
        #expect(Self.stderr(s).contains("Subtraction, the `-` operator, with two bool tensors is not supported."))
        let a = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([true, false]).abs()
        }
        #expect(Self.stderr(a).contains("\"abs_cpu\" not implemented for 'Bool'"))
        let n = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = -Tensor([true, false])
        }
        #expect(Self.stderr(n).contains("Negation, the `-` operator, on a bool tensor is not supported."))
    }

    @Test func integerDivisionAndPowerErrors() async {
        let z = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([3, 4]).floorDivide(Tensor([1, 0]))
        }
        #expect(Self.stderr(z).contains("ZeroDivisionError"))
        let p = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([3, 4]).pow(-1)
        }
        #expect(Self.stderr(p).contains("Integers to negative integer powers are not allowed."))
        let m = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([3, 4]).div(2, roundingMode: "bad")
        }
        #expect(
            Self.stderr(m).contains(
                "div expected rounding_mode to be one of None, 'trunc', or 'floor' but found 'bad'"))
    }

    @Test func whereNeedsBoolCondition() async {
        let r = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.where(Tensor([1, 0]), Tensor([1, 2]), Tensor([3, 4]))
        }
        #expect(
            Self.stderr(r).contains(
                "where expected condition to be a boolean tensor, but got a tensor with dtype Long"))
        let o = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.where(Tensor([true, false]), Tensor([1, 2], dtype: .int8), 300)
        }
        #expect(Self.stderr(o).contains("value cannot be converted to type int8_t without overflow"))
    }

    @Test func partialOverlapInPlaceIsRefused() async {
        let r = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x = Tensor.ones([3, 3])
            x.add_(x.asStrided([3, 3], [1, 3]))
        }
        #expect(
            Self.stderr(r).contains(
                "unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory location."
            ))
    }

    @Test func expandedOutputIsRefused() async {
        let r = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x = Tensor.ones([3])
            x.asStrided([2, 3], [0, 1]).add_(1)
        }
        #expect(
            Self.stderr(r).contains(
                "unsupported operation: more than one element of the written-to tensor refers to a single memory location."
            ))
    }

    @Test func clampNeedsABoundAndLerpMatchingDtypes() async {
        let c = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([1.0]).clamp()
        }
        #expect(Self.stderr(c).contains("torch.clamp: At least one of 'min' or 'max' must not be None"))
        let l = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([1.0]).lerp(Tensor([2.0]).double(), weight: 0.5)
        }
        #expect(Self.stderr(l).contains("expected dtype float for `end` but got dtype double"))
        let i = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([1, 2]).addcdiv(Tensor([1, 2]), Tensor([1, 2]))
        }
        #expect(Self.stderr(i).contains("Integer division with addcdiv is no longer supported"))
    }
}
