import Layers
import TensorCore

/// Indexing, linear algebra and the remaining tensor methods, with op_sweep.py's MISC arguments.
extension SweepOps {
    static let misc: [String: SweepOp] = [
        "gather": n { $0[0].gather(dim: 0, index: $0[1]) },
        "take": n { $0[0].take($0[1]) },
        "take_along_dim": n { $0[0].takeAlongDim($0[1], dim: 0) },
        "index_select": n { $0[0].indexSelect(dim: 1, index: $0[1]) },
        "index_add": n { $0[0].indexAdd(dim: 0, index: Tensor([Int64(2), 0]), source: $0[1], alpha: 2) },
        "index_copy": n { $0[0].indexCopy(dim: 1, index: Tensor([Int64(3), 1]), source: $0[1]) },
        "index_fill": n { $0[0].indexFill(dim: 1, index: Tensor([Int64(0), 2]), value: 7) },
        "masked_fill": n { $0[0].maskedFill($0[1], 5) },
        "masked_select": n { $0[0].maskedSelect($0[1]) },
        "masked_scatter": n { $0[0].maskedScatter($0[1], $0[2]) },
        "scatter": n { $0[0].scatter(dim: 0, index: $0[1], src: $0[2]) },
        "scatter_add": n { $0[0].scatterAdd(dim: 0, index: $0[1], src: $0[2]) },
        "put": n { $0[0].put(Tensor([Int64(1), 7, 1]), $0[1], accumulate: true) },
        "nonzero": n { $0[0].nonzero() },
        "argwhere": n { $0[0].argwhere() },
        "topk": { c in pair(c.tensors[0].topk(2, dim: 1)) },
        "kthvalue": { c in pair(c.tensors[0].kthvalue(2, dim: 1)) },
        "mode": { c in pair(c.tensors[0].mode(dim: 1)) },
        "nanmedian": { c in pair(c.tensors[0].nanmedian(dim: 1)) },
        "std_mean": { c in
            let r = c.tensors[0].stdMean(dim: 1)
            return [r.std, r.mean]
        },
        "var_mean": { c in
            let r = c.tensors[0].varMean(dim: 0)
            return [r.var, r.mean]
        },
        "diag": n { $0[0].diag(1) },
        "diagonal": n { $0[0].diagonal(offset: -1) },
        "diag_embed": n { $0[0].diagEmbed(offset: 1) },
        "trace": n { $0[0].trace() },
        "outer": n { $0[0].outer($0[1]) },
        "repeat_interleave": n { $0[0].repeatInterleave(2, dim: 1) },
        "tile": n { $0[0].tile([2, 1, 2]) },
        "unbind": { c in c.tensors[0].unbind(dim: 1) },
        "unflatten": n { $0[0].unflatten(dim: 1, sizes: [2, 2]) },
        "unfold": n { $0[0].unfold(dimension: 1, size: 2, step: 1) },
        "tensor_split": { c in c.tensors[0].tensorSplit(sections: 3, dim: 1) },
        "vstack": n { Tensor.vstack([$0[0], $0[1]]) },
        "hstack": n { Tensor.hstack([$0[0], $0[1]]) },
        "dstack": n { Tensor.dstack([$0[0], $0[1]]) },
        "fliplr": n { $0[0].fliplr() }, "flipud": n { $0[0].flipud() },
        "swapaxes": n { $0[0].swapaxes(0, 1) }, "moveaxis": n { $0[0].moveaxis(0, 1) },
        "atleast_2d": n { $0[0].atleast2d() },
        "expand_as": n { $0[0].expandAs($0[1]) },
        "broadcast_to": n { $0[0].broadcastTo([2, 3, 4]) },
        "clamp_min": n { $0[0].clampMin(.int(-1)) }, "clamp_max": n { $0[0].clampMax(.int(1)) },
        "fix": n { $0[0].fix() }, "negative": n { $0[0].negative() },
        "equal": n { Tensor($0[0].equal($0[1])) },
        "isclose": n { $0[0].isclose($0[1], rtol: 0.5, atol: 1) },
        "mm": n { $0[0].mm($0[1]) }, "bmm": n { $0[0].bmm($0[1]) }, "mv": n { $0[0].mv($0[1]) },
        "dot": n { $0[0].dot($0[1]) }, "matmul": n { $0[0].matmul($0[1]) },
        "addmm": n { Tensor.addmm($0[0], $0[1], $0[2], beta: 2, alpha: 1) },
        "addmv": n { Tensor.addmv($0[0], $0[1], $0[2]) },
        "baddbmm": n { Tensor.baddbmm($0[0], $0[1], $0[2]) },
        "einsum": n { Tensor.einsum("ij,jk->ik", $0[0], $0[1]) },
        "inv": n { Linalg.inv($0[0]) }, "det": n { Linalg.det($0[0]) },
        "slogdet": { c in
            let r = Linalg.slogdet(c.tensors[0])
            return [r.sign, r.logabsdet]
        },
        "solve": n { Linalg.solve($0[0], $0[1]) }, "cholesky": n { Linalg.cholesky($0[0]) },
        "svdvals": n { Linalg.svdvals($0[0]) }, "matrix_norm": n { Linalg.matrixNorm($0[0]) },
        "vector_norm": n { Linalg.vectorNorm($0[0], ord: 3) },
        "cross": n { Linalg.cross($0[0], $0[1]) },
    ]
}
