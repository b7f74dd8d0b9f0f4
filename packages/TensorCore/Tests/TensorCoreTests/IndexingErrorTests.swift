import Foundation
import Testing

@testable import TensorCore

/// Misuse stops the program with PyTorch's message (exit tests: each body runs in a child process).
@Suite struct IndexingErrorTests {
    static func stderr(_ result: ExitTest.Result?) -> String {
        String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    }

    @Test func integerOutOfRange() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([1.0, 2.0, 3.0])[5]
        }
        #expect(Self.stderr(result).contains("index 5 is out of bounds for dimension 0 with size 3"))
    }

    @Test func indexTensorOutOfRange() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([3, 3])[Tensor([0, -4])]
        }
        #expect(Self.stderr(result).contains("index -4 is out of bounds for dimension 0 with size 3"))
    }

    @Test func floatIndexTensor() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([3, 3])[Tensor([0.0, 1.0])]
        }
        #expect(Self.stderr(result).contains("tensors used as indices must be long, int, byte or bool tensors"))
    }

    @Test func maskShapeMismatch() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([3, 3])[Tensor.ones([2, 3], dtype: .bool)]
        }
        #expect(
            Self.stderr(result).contains(
                "The shape of the mask [2, 3] at index 0 does not match the shape of the indexed tensor [3, 3] at index 0"
            ))
    }

    @Test func tooManyIndices() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([3, 3])[0, 0, 0]
        }
        #expect(Self.stderr(result).contains("too many indices for tensor of dimension 2"))
    }

    @Test func zeroStep() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([3, 3])[.slice(step: 0)]
        }
        #expect(Self.stderr(result).contains("slice step cannot be zero"))
    }

    @Test func gatherIndexOutOfBounds() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([3, 3]).gather(dim: 0, index: Tensor([[5]]))
        }
        #expect(Self.stderr(result).contains("index 5 is out of bounds for dimension 0 with size 3"))
    }

    @Test func gatherNegativeIndex() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([3, 3]).gather(dim: 1, index: Tensor([[-1]]))
        }
        #expect(Self.stderr(result).contains("index -1 is out of bounds for dimension 1 with size 3"))
    }

    @Test func gatherIndexTooLarge() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([3, 3]).gather(dim: 0, index: Tensor.zeros([2, 5], dtype: .int64))
        }
        #expect(
            Self.stderr(result).contains(
                "Size does not match at dimension 1 expected index [2, 5] to be no larger than self [3, 3] apart from dimension 0"
            ))
    }

    @Test func scatterSourceDtype() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([3, 3]).scatter(dim: 0, index: Tensor([[0]]), src: Tensor([[1]]))
        }
        #expect(Self.stderr(result).contains("scatter(): Expected self.dtype to be equal to src.dtype"))
    }

    @Test func indexSelectOutOfRange() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([3, 3]).indexSelect(dim: 0, index: Tensor([5]))
        }
        #expect(Self.stderr(result).contains("index out of range in self"))
    }

    @Test func maskedFillNeedsBoolMask() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([3, 3]).maskedFill(Tensor.ones([3, 3], dtype: .int64), 1)
        }
        #expect(
            Self.stderr(result).contains("masked_fill_ only supports boolean masks, but got mask with dtype long int"))
    }

    @Test func takeOutOfRange() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([3, 3]).take(Tensor([9]))
        }
        #expect(Self.stderr(result).contains("out of range: tried to access index 9 on a tensor of 9 elements."))
    }

    @Test func indexPutValueShape() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let t = Tensor.zeros([3, 3])
            t[Tensor([0, 1])] = Tensor.ones([3, 3])
        }
        #expect(
            Self.stderr(result).contains(
                "shape mismatch: value tensor of shape [3, 3] cannot be broadcast to indexing result of shape [2, 3]"))
    }
}
