import Layers
import TensorCore

/// The explicit backward functions, with op_sweep.py's BACKWARD arguments (norm statistics as torch's forward
/// returned them; max-pool indices from our forward).
extension SweepOps {
    static let backward: [String: SweepOp] = [
        "layer_norm_backward": { c in
            let t = c.tensors  // g, x, weight, bias, mean, rstd
            let r = NNOps.layerNormBackward(
                t[0], t[1], normalizedShape: [4], mean: t[4], rstd: t[5], weight: t[2], bias: t[3])
            return [r.gradInput!, r.gradWeight!, r.gradBias!]
        },
        "group_norm_backward": { c in
            let t = c.tensors  // g, x, weight, mean, rstd
            let r = NNOps.groupNormBackward(t[0], t[1], mean: t[3], rstd: t[4], weight: t[2], numGroups: 2)
            return [r.gradInput!, r.gradWeight!, r.gradBias!]
        },
        "convolution_backward": { c in
            let r = NNOps.convolutionBackward(
                c.tensors[0], c.tensors[1], c.tensors[2], biasSizes: [2], stride: [1, 1], padding: [1, 1],
                dilation: [1, 1],
                transposed: false, outputPadding: [0, 0], groups: 1)
            return [r.gradInput!, r.gradWeight!, r.gradBias!]
        },
        "max_pool2d_with_indices_backward": n {
            NNOps.maxPool2dWithIndicesBackward(
                $0[0], $0[1], indices: NNOps.maxPool2dWithIndices($0[1], kernelSize: 2).indices)
        },
        "avg_pool2d_backward": n { NNOps.avgPool2dBackward($0[0], $0[1], kernelSize: 3, stride: 2, padding: 1) },
        "adaptive_avg_pool2d_backward": n { NNOps.adaptiveAvgPool2dBackward($0[0], $0[1]) },
        "upsample_nearest2d_backward": n {
            NNOps.upsampleNearest2dBackward($0[0], outputSize: [6, 8], inputSize: [1, 2, 3, 4], scales: [2, 2])
        },
        "upsample_bilinear2d_backward": n {
            NNOps.upsampleBilinear2dBackward($0[0], outputSize: [5, 7], inputSize: [1, 2, 3, 4], alignCorners: false)
        },
        "mse_loss_backward": n { NNOps.mseLossBackward($0[0], $0[1], $0[2]) },
        "l1_loss_backward": n { NNOps.l1LossBackward($0[0], $0[1], $0[2]) },
        "smooth_l1_loss_backward": n { NNOps.smoothL1LossBackward($0[0], $0[1], $0[2], beta: 0.5) },
        "huber_loss_backward": n { NNOps.huberLossBackward($0[0], $0[1], $0[2], delta: 0.5) },
        "embedding_backward": n {
            NNOps.embeddingBackward($0[0], Tensor([[Int64(0), 2, 2], [4, 0, 1]]), numWeights: 5)
        },
        "threshold_backward": n { NNOps.thresholdBackward($0[0], $0[1], threshold: 0) },
    ]
}
