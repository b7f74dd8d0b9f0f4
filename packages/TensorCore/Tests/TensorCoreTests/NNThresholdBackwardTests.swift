import Testing

@testable import TensorCore

/// `threshold_backward` (ReLU's fused backward): values checked against torch.ops.aten.threshold_backward,
/// which lets the gradient through where the input is NaN.
@Suite struct NNThresholdBackwardTests {
    @Test(arguments: [DType.float32, .float64])
    func matchesTorch(_ dtype: DType) {
        let g = Tensor([1.0, 2.0, 3.0, 4.0, 5.0]).to(dtype)
        let x = Tensor([-1.0, 0.0, 0.5, .nan, 2.0]).to(dtype)
        expectEqual(NNOps.thresholdBackward(g, x, threshold: 0), Tensor([0.0, 0.0, 3.0, 4.0, 5.0]).to(dtype))
        expectEqual(NNOps.thresholdBackward(g, x, threshold: 0.5), Tensor([0.0, 0.0, 0.0, 4.0, 5.0]).to(dtype))
    }

    @Test func stridedAndLargeInputsAgreeWithTheComposite() {
        manualSeed(3)
        let x = Tensor.randn([300, 257]).t()  // non-contiguous, several parallel chunks
        let g = Tensor.randn([257, 300])
        expectEqual(NNOps.thresholdBackward(g, x, threshold: 0), g.maskedFill(x.le(0), 0))
        // Broadcast or mixed-dtype operands take the composite path.
        let row = Tensor.randn([300])
        expectEqual(NNOps.thresholdBackward(g, row, threshold: 0.1), g.maskedFill(row.le(0.1), 0))
    }
}
