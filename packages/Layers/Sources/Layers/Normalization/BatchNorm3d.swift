import TensorCore

/// `nn.BatchNorm3d(num_features, eps=1e-5, momentum=0.1, affine=True, track_running_stats=True)` over [N, C, D, H, W].
/// PyTorch: `torch.nn.BatchNorm3d`.
public final class BatchNorm3d: BatchNormBase {
    /// No PyTorch counterpart: the fresh `BatchNorm3d` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module {
        BatchNorm3d(
            numFeatures, eps: eps, momentum: momentum, affine: affine, bias: bias != nil,
            trackRunningStats: trackRunningStats)
    }
    override func checkInputDim(_ input: Tensor) {
        torchCheck(input.ndim == 5, "expected 5D input (got \(input.ndim)D input)")
    }
}
