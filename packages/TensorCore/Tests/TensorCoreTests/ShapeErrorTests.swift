import Testing

@testable import TensorCore

/// Misuse of shape ops stops with PyTorch's exact message (exit tests: each runs in a child process).
@Suite struct ShapeErrorTests {
    static func text(_ result: ExitTest.Result) -> String {
        String(decoding: result.standardErrorContent, as: UTF8.self)
    }

    @Test func viewOfNonViewableLayout() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros(3, 4).t().view(12)
        }.map {
            #expect(
                Self.text($0).contains(
                    "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead."
                ))
        }
    }

    @Test func reshapeToIncompatibleSize() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor(copying: (0..<12).map { Int64($0) }, shape: [12]).reshape(3, 5)
        }.map { #expect(Self.text($0).contains("shape '[3, 5]' is invalid for input of size 12")) }
    }

    @Test func reshapeTwoInferred() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros(12).reshape(-1, -1)
        }.map { #expect(Self.text($0).contains("only one dimension can be inferred")) }
    }

    @Test func catMismatchedShapes() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.cat([Tensor.zeros(2, 2), Tensor.zeros(3, 3)], dim: 1)
        }.map {
            #expect(
                Self.text($0).contains(
                    "Sizes of tensors must match except in dimension 1. Expected size 2 but got size 3 for tensor number 1 in the list."
                ))
        }
    }

    @Test func catMismatchedRanks() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.cat([Tensor.zeros(2, 2), Tensor.zeros(2, 2, 1)], dim: 0)
        }.map { #expect(Self.text($0).contains("Tensors must have same number of dimensions: got 2 and 3")) }
    }

    @Test func catZeroDim() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.cat([Tensor.zeros(2), Tensor.zeros([])], dim: 0)
        }.map { #expect(Self.text($0).contains("zero-dimensional tensor (at position 1) cannot be concatenated")) }
    }

    @Test func stackMismatchedShapes() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.stack([Tensor.zeros(2, 3), Tensor.zeros(2, 4)])
        }.map {
            #expect(
                Self.text($0).contains(
                    "stack expects each tensor to be equal size, but got [2, 3] at entry 0 and [2, 4] at entry 1"))
        }
    }

    @Test func permuteWrongNumberOfDims() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros(2, 3, 4).permute(0, 1)
        }.map {
            #expect(
                Self.text($0).contains(
                    "number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = 3 is not equal to len(dims) = 2"
                ))
        }
    }

    @Test func permuteRepeatedDim() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros(2, 3, 4).permute(0, 1, 1)
        }.map { #expect(Self.text($0).contains("permute(): duplicate dims are not allowed.")) }
    }

    @Test func expandToSmallerRank() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros(2, 3, 4).expand(3, 4)
        }.map {
            #expect(
                Self.text($0).contains(
                    "expand(torch.FloatTensor{[2, 3, 4]}, size=[3, 4]): the number of sizes provided (2) must be greater or equal to the number of dimensions in the tensor (3)"
                ))
        }
    }

    @Test func expandNonSingleton() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros(2, 3, 4).expand(2, 5, 4)
        }.map {
            #expect(
                Self.text($0).contains(
                    "The expanded size of the tensor (5) must match the existing size (3) at non-singleton dimension 1.  Target sizes: [2, 5, 4].  Tensor sizes: [2, 3, 4]"
                ))
        }
    }

    @Test func squeezeDimOutOfRange() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros(2, 3, 4).squeeze(dim: 3)
        }.map {
            #expect(Self.text($0).contains("Dimension out of range (expected to be in range of [-3, 2], but got 3)"))
        }
    }

    @Test func transposeDimOutOfRange() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros(2, 3, 4).transpose(0, -4)
        }.map {
            #expect(Self.text($0).contains("Dimension out of range (expected to be in range of [-3, 2], but got -4)"))
        }
    }

    @Test func tOfThreeD() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros(2, 3, 4).t()
        }.map { #expect(Self.text($0).contains("t() expects a tensor with <= 2 dimensions, but self is 3D")) }
    }

    @Test func narrowPastEnd() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros(2, 3).narrow(dim: 1, start: 1, length: 3)
        }.map { #expect(Self.text($0).contains("start (1) + length (3) exceeds dimension size (3).")) }
    }

    @Test func selectOutOfRange() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros(2, 3, 4).select(dim: 1, index: 5)
        }.map {
            #expect(
                Self.text($0).contains("select(): index 5 out of range for tensor of size [2, 3, 4] at dimension 1"))
        }
    }

    @Test func splitSizesMustSum() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros(2, 3).split([1, 1], dim: 1)
        }.map {
            #expect(
                Self.text($0).contains(
                    "split_with_sizes expects split_sizes to sum exactly to 3 (input tensor's size at dimension 1), but got split_sizes=[1, 1]"
                ))
        }
    }

    @Test func chunkZero() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros(4).chunk(0)
        }.map { #expect(Self.text($0).contains("chunk expects `chunks` to be greater than 0, got: 0")) }
    }

    @Test func unflattenBadSizes() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros(2, 3, 4).unflatten(dim: 1, sizes: [2, 2])
        }.map {
            #expect(
                Self.text($0).contains(
                    "unflatten: Provided sizes [2, 2] don't multiply up to the size of dim 1 (3) in the input tensor"))
        }
    }

    @Test func diagonalSameDims() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros(2, 3, 4).diagonal(dim1: 1, dim2: -2)
        }.map { #expect(Self.text($0).contains("diagonal dimensions cannot be identical 1, -2")) }
    }

    @Test func unfoldTooLarge() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros(2, 3, 4).unfold(dimension: 1, size: 4, step: 1)
        }.map { #expect(Self.text($0).contains("maximum size for tensor at dimension 1 is 3 but size is 4")) }
    }

    @Test func flipRepeatedDim() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros(2, 3, 4).flip(0, -3)
        }.map { #expect(Self.text($0).contains("dim 0 appears multiple times in the list of dims")) }
    }

    @Test func rollMisaligned() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros(2, 3, 4).roll([1, 2], dims: [0])
        }.map { #expect(Self.text($0).contains("shifts and dimensions must align. shifts: 2, dims:1")) }
    }

    @Test func repeatTooFewDims() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros(2, 3, 4).repeat(2, 2)
        }.map {
            #expect(
                Self.text($0).contains(
                    "Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor"))
        }
    }

    @Test func trilOfVector() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros(3).tril()
        }.map { #expect(Self.text($0).contains("tril: input tensor must have at least 2 dimensions")) }
    }

    @Test func mTOfVector() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros(3).mT
        }.map {
            #expect(
                Self.text($0).contains(
                    "tensor.mT is only supported on matrices or batches of matrices. Got 1-D tensor."))
        }
    }

    @Test func movedimRepeated() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros(2, 3, 4).movedim([0, 0], [1, 2])
        }.map { #expect(Self.text($0).contains("movedim: repeated dim in `source` ([0, 0])")) }
    }

    @Test func viewDtypeNeedsContiguousLastDim() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros(4, 2).t().view(dtype: .int16)
        }.map {
            #expect(
                Self.text($0).contains(
                    "self.stride(-1) must be 1 to view Float as Short (different element sizes), but got 2"))
        }
    }
}
