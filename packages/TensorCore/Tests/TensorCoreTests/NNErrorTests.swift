import Testing

@testable import TensorCore

/// Misuse of NN kernels stops with PyTorch's exact message (exit tests: each runs in a child process).
@Suite struct NNErrorTests {
    @Test func conv2dFedFlatInput() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = NNOps.conv2d(Tensor.zeros(64, 784), Tensor.zeros(64, 3, 3, 3))
        }.map {
            #expect(
                nnStderr($0).contains(
                    "Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [64, 784]"))
        }
    }

    @Test func conv2dChannelMismatch() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = NNOps.conv2d(Tensor.zeros(128, 1, 32, 32), Tensor.zeros(64, 3, 3, 3))
        }.map {
            #expect(
                nnStderr($0).contains(
                    "Given groups=1, weight of size [64, 3, 3, 3], expected input[128, 1, 32, 32] to have 3 channels, but got 1 channels instead"
                ))
        }
    }

    @Test func conv2dKernelLargerThanInput() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = NNOps.conv2d(Tensor.zeros(1, 3, 2, 2), Tensor.zeros(64, 3, 3, 3))
        }.map {
            #expect(
                nnStderr($0).contains(
                    "Calculated padded input size per channel: (2 x 2). Kernel size: (3 x 3). Kernel size can't be greater than actual input size"
                ))
        }
    }

    @Test func conv2dGroupsDivideWeight() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = NNOps.conv2d(Tensor.zeros(1, 4, 5, 5), Tensor.zeros(6, 2, 3, 3), groups: 4)
        }.map {
            #expect(
                nnStderr($0).contains(
                    "Given groups=4, expected weight to be divisible by 4 at dimension 0, but got weight of size [[6, 2, 3, 3]] instead"
                ))
        }
    }

    @Test func conv2dBiasSize() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = NNOps.conv2d(Tensor.zeros(1, 4, 5, 5), Tensor.zeros(6, 4, 3, 3), Tensor.zeros(5))
        }.map {
            #expect(
                nnStderr($0).contains(
                    "Given weight of size [6, 4, 3, 3], expected bias to be 1-dimensional with 6 elements, but got bias of size [5] instead"
                ))
        }
    }

    @Test func convSameWithStride() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = NNOps.conv2d(Tensor.zeros(1, 4, 5, 5), Tensor.zeros(6, 4, 3, 3), stride: 2, padding: "same")
        }.map { #expect(nnStderr($0).contains("padding='same' is not supported for strided convolutions")) }
    }

    @Test func convDTypeMismatch() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = NNOps.conv2d(Tensor.zeros(1, 4, 5, 5, dtype: .float64), Tensor.zeros(6, 4, 3, 3))
        }.map { #expect(nnStderr($0).contains("expected scalar type Double but found Float")) }
    }

    @Test func convTransposeChannels() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = NNOps.convTranspose2d(Tensor.zeros(1, 5, 5, 5), Tensor.zeros(4, 3, 3, 3))
        }.map {
            #expect(
                nnStderr($0).contains(
                    "Given transposed=1, weight of size [4, 3, 3, 3], expected input[1, 5, 5, 5] to have 4 channels, but got 5 channels instead"
                ))
        }
    }

    @Test func nllTargetOutOfBounds() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = NNOps.nllLoss(Tensor.zeros(4, 10), Tensor([1, 2, 10, 3]))
        }.map { #expect(nnStderr($0).contains("Target 10 is out of bounds.")) }
    }

    @Test func crossEntropyBatchMismatch() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = NNOps.crossEntropy(Tensor.zeros(64, 10), Tensor.zeros(32, dtype: .int64))
        }.map { #expect(nnStderr($0).contains("Expected input batch_size (64) to match target batch_size (32).")) }
    }

    @Test func nllTargetDType() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = NNOps.nllLoss(Tensor.zeros(4, 10), Tensor.zeros(4, dtype: .int32))
        }.map { #expect(nnStderr($0).contains("expected target dtype to be Long or Byte, but got Int")) }
    }

    @Test func nllWeightSize() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = NNOps.nllLoss(Tensor.zeros(4, 10), Tensor.zeros(4, dtype: .int64), weight: Tensor.ones(3))
        }.map {
            #expect(
                nnStderr($0).contains(
                    "weight tensor should be defined either for all 10 classes or no classes but got weight tensor of shape: [3]"
                ))
        }
    }

    @Test func binaryCrossEntropyRange() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = NNOps.binaryCrossEntropy(Tensor.full([4], 3.0), Tensor.zeros(4))
        }.map { #expect(nnStderr($0).contains("all elements of input should be between 0 and 1")) }
    }

    @Test func maxPoolPadding() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = NNOps.maxPool2d(Tensor.zeros(1, 4, 5, 5), kernelSize: 3, padding: 2)
        }.map {
            #expect(
                nnStderr($0).contains(
                    "pad should be at most half of effective kernel size, but got pad=2, kernel_size=3 and dilation=1"))
        }
    }

    @Test func maxPoolOutputTooSmall() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = NNOps.maxPool2d(Tensor.zeros(1, 1, 2, 2), kernelSize: 3)
        }.map {
            #expect(
                nnStderr($0).contains(
                    "Given input size: (1x2x2). Calculated output size: (1x0x0). Output size is too small"))
        }
    }

    @Test func adaptivePoolRank() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = NNOps.adaptiveAvgPool2d(Tensor.zeros(3, 4), outputSize: 2)
        }.map { #expect(nnStderr($0).contains("adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got [3, 4]")) }
    }

    @Test func batchNormRunningStatsSize() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = NNOps.batchNorm(
                Tensor.zeros(4, 3, 5), runningMean: Tensor.zeros(2), runningVar: Tensor.ones(2), training: true)
        }.map { #expect(nnStderr($0).contains("running_mean should contain 3 elements not 2")) }
    }

    @Test func batchNormSingleValueInTraining() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = NNOps.batchNorm(Tensor.zeros(1, 3), runningMean: nil, runningVar: nil, training: true)
        }.map {
            #expect(
                nnStderr($0).contains(
                    "Expected more than 1 value per channel when training, got input size torch.Size([1, 3])"))
        }
    }

    @Test func layerNormShape() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = NNOps.layerNorm(Tensor.zeros(4, 3, 5), normalizedShape: [4])
        }.map {
            #expect(
                nnStderr($0).contains(
                    "Given normalized_shape=[4], expected input with shape [*, 4], but got input of size[4, 3, 5]"))
        }
    }

    @Test func groupNormGroups() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = NNOps.groupNorm(Tensor.zeros(4, 6, 5), numGroups: 4)
        }.map {
            #expect(
                nnStderr($0).contains(
                    "Expected number of channels in input to be divisible by num_groups, but got input of shape [4, 6, 5] and num_groups=4"
                ))
        }
    }

    @Test func embeddingIndexOutOfRange() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = NNOps.embedding(Tensor.zeros(5, 3), Tensor([0, 5]))
        }.map { #expect(nnStderr($0).contains("index out of range in self")) }
    }

    @Test func oneHotTooLarge() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = NNOps.oneHot(Tensor([0, 5]), numClasses: 3)
        }.map { #expect(nnStderr($0).contains("Class values must be smaller than num_classes.")) }
    }

    @Test func reflectPadTooLarge() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = NNOps.pad(Tensor.zeros(1, 2, 3), pad: [3, 3], mode: "reflect")
        }.map {
            #expect(
                nnStderr($0).contains(
                    "Argument #4: Padding size should be less than the corresponding input dimension, but got: padding (3, 3) at dimension 2 of input [1, 2, 3]"
                ))
        }
    }
}
