import Autodiff
import Layers
import TensorCore
import Testing

/// Bad input stops with PyTorch's message (checked in a child process).
extension Layers {
    @Suite("Misuse messages") struct MisuseTests {
        static func stderr(_ result: ExitTest.Result?) -> String {
            result.map { String(decoding: $0.standardErrorContent, as: UTF8.self) } ?? ""
        }

        @Test func linearWrongWidth() async {
            let r = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Linear(784, 512)(Tensor.zeros(64, 783))
            }
            #expect(Self.stderr(r).contains("mat1 and mat2 shapes cannot be multiplied (64x783 and 784x512)"))
        }

        @Test func conv2dWrongRankAndChannels() async {
            var r = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Conv2d(3, 64, kernelSize: 3)(Tensor.zeros(2, 3))
            }
            #expect(
                Self.stderr(r).contains(
                    "Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [2, 3]"))
            r = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Conv2d(3, 64, kernelSize: 3)(Tensor.zeros(1, 2, 8, 8))
            }
            #expect(
                Self.stderr(r).contains(
                    "Given groups=1, weight of size [64, 3, 3, 3], expected input[1, 2, 8, 8] to have 3 channels, but got 2 channels instead"
                ))
        }

        @Test func lstmWrongFeatureSize() async {
            let r = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = LSTM(3, 4)(Tensor.zeros(5, 2, 2))
            }
            #expect(Self.stderr(r).contains("input.size(-1) must be equal to input_size. Expected 3, got 2"))
        }

        @Test func lstmProjectionMisuse() async {
            var r = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = LSTM(4, 3, projSize: 3)
            }
            #expect(Self.stderr(r).contains("proj_size has to be smaller than hidden_size"))
            r = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = LSTM(4, 3, projSize: -1)
            }
            #expect(Self.stderr(r).contains("proj_size should be a positive integer or zero to disable projections"))
            r = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = LSTM(4, 3, projSize: 1)(Tensor.zeros(2, 5, 4), (Tensor.zeros(1, 5, 3), Tensor.zeros(1, 5, 3)))
            }
            #expect(Self.stderr(r).contains("Expected hidden[0] size (1, 5, 1), got [1, 5, 3]"))
        }

        @Test func lossBatchMismatch() async {
            let r = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = CrossEntropyLoss()(Tensor.zeros(4, 10), Tensor([1, 2, 3]))
            }
            #expect(Self.stderr(r).contains("Expected input batch_size (4) to match target batch_size (3)."))
        }

        @Test func missingForward() async {
            let r = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = ModuleList([Linear(2, 2)])(Tensor.zeros(1, 2))
            }
            #expect(Self.stderr(r).contains("Module [ModuleList] is missing the required \"forward\" function"))
        }
    }
}
