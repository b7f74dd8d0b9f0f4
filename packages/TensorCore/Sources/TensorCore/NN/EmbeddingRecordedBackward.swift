extension NNOps {
    /// `embedding_dense_backward` with recorded ops (index_add of the gradient rows), for a recorded
    /// backward: the padding row gets nothing, `scaleGradByFreq` divides each row by its index's count.
    package static func embeddingBackwardRecorded(
        _ grad: Tensor, _ indices: Tensor, numWeights: Int, paddingIdx: Int?, scaleGradByFreq: Bool
    ) -> Tensor {
        let dim = grad.size(-1)
        let flat = indices.reshape([-1]).to(.int64)
        var rows = grad.reshape([-1, dim])
        if let paddingIdx { rows = rows.maskedFill(flat.eq(.int(Int64(paddingIdx))).unsqueeze(1), 0) }
        if scaleGradByFreq {
            let counts = Tensor.zeros([numWeights], dtype: grad.dtype)
                .indexAdd(dim: 0, index: flat, source: Tensor.ones([flat.numel], dtype: grad.dtype))
            rows = rows / counts.indexSelect(dim: 0, index: flat).unsqueeze(1)
        }
        return Tensor.zeros([numWeights, dim], dtype: grad.dtype).indexAdd(dim: 0, index: flat, source: rows)
    }
}
