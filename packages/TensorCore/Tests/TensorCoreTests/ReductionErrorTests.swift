import Testing

@testable import TensorCore

/// Misuse stops the program with PyTorch's exact message (exit tests: each closure runs in a child).
@Suite struct ReductionErrorTests {
    @Test func dimOutOfRange() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([3, 4]).sum(dim: 2)
        }.map { result in
            let text = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(text.contains("Dimension out of range (expected to be in range of [-2, 1], but got 2)"))
        }
    }

    @Test func repeatedDim() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([3, 4]).sum(dims: [0, -2])
        }.map { result in
            let text = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(text.contains("dim 0 appears multiple times in the list of dims"))
        }
    }

    @Test func meanOfIntegers() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([[1, 2], [3, 4]]).mean()
        }.map { result in
            let text = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(
                text.contains(
                    "mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Long"
                ))
        }
    }

    @Test func stdOfIntegers() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([1, 2, 3], dtype: .int32).std()
        }.map { result in
            let text = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(text.contains("std and var only support floating point and complex dtypes"))
        }
    }

    @Test func topkTooLarge() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([3, 4]).topk(5)
        }.map { result in
            let text = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(text.contains("selected index k out of range"))
        }
    }

    @Test func maxOfEmptyTensor() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([0, 3]).max()
        }.map { result in
            let text = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(
                text.contains(
                    "max(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument."
                ))
        }
    }

    @Test func maxOverEmptyDim() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([0, 3]).max(dim: 0)
        }.map { result in
            let text = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(text.contains("max(): Expected reduction dim 0 to have non-zero size."))
        }
    }

    @Test func argmaxOfEmptyTensor() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([0]).argmax()
        }.map { result in
            let text = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(text.contains("argmax(): Expected reduction dim to be specified for input.numel() == 0."))
        }
    }

    @Test func kthvalueOutOfRange() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([3, 4]).kthvalue(5, dim: 1)
        }.map { result in
            let text = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(text.contains("kthvalue(): selected number k out of range for dimension 1"))
        }
    }

    @Test func softmaxOfIntegers() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([[1, 2], [3, 4]]).softmax(dim: 1)
        }.map { result in
            let text = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(text.contains("\"softmax_lastdim_kernel_impl\" not implemented for 'Long'"))
        }
    }

    @Test func argmaxOfBool() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([true, false]).argmax()
        }.map { result in
            let text = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(text.contains("argmax(): does not support bool input"))
        }
    }
}
