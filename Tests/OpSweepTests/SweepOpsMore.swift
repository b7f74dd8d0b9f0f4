import Layers
import TensorCore

/// Views, the remaining linear algebra and NN forms, with op_sweep.py's MORE arguments.
extension SweepOps {
    static let more: [String: SweepOp] = [
        "polygamma": n { $0[0].polygamma(2) },
        "clip": n { $0[0].clip(min: .int(-1), max: .int(2)) },
        "concat": n { Tensor.concat([$0[0], $0[1]], dim: 1) },
        "concatenate": n { Tensor.concatenate([$0[0], $0[1]], dim: 0) },
        "swapdims": n { $0[0].swapdims(0, 1) }, "reshape_as": n { $0[0].reshapeAs($0[1]) },
        "view_as": n { $0[0].viewAs($0[1]) }, "view": n { $0[0].view([4, 3]) },
        "select": n { $0[0].select(dim: 1, index: 2) }, "t": n { $0[0].t() },
        "adjoint": n { $0[0].adjoint() }, "atleast_1d": n { $0[0].atleast1d() }, "atleast_3d": n { $0[0].atleast3d() },
        "broadcast_tensors": { c in Tensor.broadcastTensors(c.tensors) },
        "allclose": n { Tensor($0[0].allclose($0[1], rtol: 0.5, atol: 2)) },
        "vdot": n { $0[0].vdot($0[1]) }, "ger": n { $0[0].ger($0[1]) },
        "inverse": n { $0[0].inverse() }, "norm": n { $0[0].norm(p: 1) },
        "pinv": n { Linalg.pinv($0[0]) }, "matrix_rank": n { Linalg.matrixRank($0[0]) },
        "eigvalsh": n { Linalg.eigvalsh($0[0]) },
        "scatter_reduce": n { $0[0].scatterReduce(dim: 0, index: $0[1], src: $0[2], reduce: "amax") },
        "index_put": n { $0[0].indexPut([Tensor([Int64(0), 2]), Tensor([Int64(1), 3])], $0[1], accumulate: true) },
        "unique": { c in
            let r = c.tensors[0].unique(returnInverse: true, returnCounts: true)
            return [r.values, r.inverse!, r.counts!]
        },
        "type_as": n { $0[0].typeAs($0[1]) },
        "ones_like": n { Tensor.onesLike($0[0]) }, "zeros_like": n { Tensor.zerosLike($0[0]) },
        "full_like": n { Tensor.fullLike($0[0], .int(2)) },
        "as_strided": n { $0[0].asStrided([2, 2], [1, 3], offset: 1) },
        "nll_loss2d": n { NNOps.nllLoss2d($0[0], $0[1]) },
        "conv_transpose1d": n { F.convTranspose1d($0[0], $0[1], stride: 2) },
        "adaptive_avg_pool1d": n { F.adaptiveAvgPool1d($0[0], outputSize: 3) },
        "adaptive_max_pool1d": { c in
            let r = F.adaptiveMaxPool1dWithIndices(c.tensors[0], outputSize: 3)
            return [r.output, r.indices]
        },
        "avg_pool1d": n { F.avgPool1d($0[0], kernelSize: 3, stride: 2, padding: 1) },
        "max_pool1d_with_indices": { c in
            let r = NNOps.maxPool1dWithIndices(c.tensors[0], kernelSize: 3, stride: 2, padding: 1)
            return [r.output, r.indices]
        },
        "max_pool3d_with_indices": { c in
            let r = NNOps.maxPool3dWithIndices(c.tensors[0], kernelSize: [2])
            return [r.output, r.indices]
        },
        "embedding_bag": n { NNOps.embeddingBag($0[0], $0[1], offsets: $0[2], mode: .max).output },
    ]
}
