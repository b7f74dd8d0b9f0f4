import Layers
import TensorCore

/// torch.nn.functional, with the fixed arguments op_sweep.py's NN table uses.
extension SweepOps {
    static func n(_ f: @escaping @Sendable ([Tensor]) -> Tensor) -> SweepOp { { [f($0.tensors)] } }

    static let nn: [String: SweepOp] = [
        "conv1d": n { F.conv1d($0[0], $0[1], $0[2], stride: 2, padding: 1) },
        "conv2d": n { F.conv2d($0[0], $0[1], $0[2], padding: 1) },
        "conv3d": n { F.conv3d($0[0], $0[1], $0[2]) },
        "conv_transpose2d": n { F.convTranspose2d($0[0], $0[1], $0[2], stride: 2) },
        "max_pool1d": n { F.maxPool1d($0[0], kernelSize: 2) },
        "max_pool2d": { c in
            let r = F.maxPool2dWithIndices(c.tensors[0], kernelSize: 3, stride: 2, padding: 1)
            return [r.output, r.indices]
        },
        "max_pool3d": n { F.maxPool3d($0[0], kernelSize: 2) },
        "avg_pool2d": n { F.avgPool2d($0[0], kernelSize: 3, stride: 2, padding: 1) },
        "avg_pool3d": n { F.avgPool3d($0[0], kernelSize: 2) },
        "adaptive_avg_pool2d": n { F.adaptiveAvgPool2d($0[0], outputSize: [3, 2]) },
        "adaptive_max_pool2d": { c in
            let r = F.adaptiveMaxPool2dWithIndices(c.tensors[0], outputSize: [3, 2])
            return [r.output, r.indices]
        },
        "adaptive_avg_pool3d": n { F.adaptiveAvgPool3d($0[0], outputSize: 2) },
        "interpolate": n { F.interpolate($0[0], size: [5, 7], mode: "bilinear") },
        "pad": n { F.pad($0[0], [1, 2, 2, 1], mode: "reflect") },
        "layer_norm": n { F.layerNorm($0[0], normalizedShape: [4], weight: $0[1], bias: $0[2]) },
        "group_norm": n { F.groupNorm($0[0], numGroups: 2, weight: $0[1], bias: $0[2]) },
        "batch_norm": n { F.batchNorm($0[0], runningMean: $0[1], runningVar: $0[2], weight: $0[3], bias: $0[4]) },
        "instance_norm": n { F.instanceNorm($0[0]) },
        "embedding": n { F.embedding($0[0], $0[1]) },
        "one_hot": n { F.oneHot($0[0], numClasses: 5) },
        "normalize": n { F.normalize($0[0], dim: 1) },
        "linear": n { F.linear($0[0], $0[1], $0[2]) },
        "bilinear": n { F.bilinear($0[0], $0[1], $0[2], $0[3]) },
        "prelu": n { F.prelu($0[0], $0[1]) },
        "softmin": n { F.softmin($0[0], dim: 1) },
        "celu": n { F.celu($0[0], alpha: 0.5) },
        "pairwise_distance": n { F.pairwiseDistance($0[0], $0[1]) },
        "scaled_dot_product_attention": n { F.scaledDotProductAttention($0[0], $0[1], $0[2]) },
        "dropout": n { F.dropout($0[0], p: 0.4, training: false) },
        "mse_loss": n { F.mseLoss($0[0], $0[1]) },
        "l1_loss": n { F.l1Loss($0[0], $0[1]) },
        "smooth_l1_loss": n { F.smoothL1Loss($0[0], $0[1], beta: 0.5) },
        "huber_loss": n { F.huberLoss($0[0], $0[1], delta: 0.5) },
        "kl_div": n { F.klDiv($0[0], $0[1], reduction: .batchmean) },
        "binary_cross_entropy": n { F.binaryCrossEntropy($0[0], $0[1]) },
        "binary_cross_entropy_with_logits": n { F.binaryCrossEntropyWithLogits($0[0], $0[1]) },
        "cross_entropy": n { F.crossEntropy($0[0], $0[1], labelSmoothing: 0.1) },
        "nll_loss": n { F.nllLoss($0[0], $0[1], reduction: .sum) },
        "margin_ranking_loss": n { F.marginRankingLoss($0[0], $0[1], $0[2], margin: 0.5) },
        "cosine_embedding_loss": n { F.cosineEmbeddingLoss($0[0], $0[1], $0[2]) },
        "triplet_margin_loss": n { F.tripletMarginLoss($0[0], $0[1], $0[2]) },
    ]
}
