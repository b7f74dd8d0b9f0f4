/// `embedding`, `embedding_dense_backward`, `embedding_renorm_` and `one_hot`.
extension NNOps {
    /// Rows of `weight` [num_embeddings, dim] picked by int64/int32 `indices`; result indices.shape + [dim].
    /// `paddingIdx` only matters for the backward (its row gets no gradient).
    package static func embedding(
        _ weight: Tensor, _ indices: Tensor, paddingIdx: Int? = nil, scaleGradByFreq: Bool = false
    ) -> Tensor {
        torchCheck(weight.ndim == 2, "'weight' must be 2-D")
        let idx = embeddingIndices(indices, weight.size(0))
        let dim = weight.size(1)
        let out = Tensor(uninitializedShape: indices.sizes + [dim], dtype: weight.dtype)
        weight.dtype.visit(EmbeddingGather(weight: weight, indices: idx, out: out))
        return out.recorded(
            .embedding(indices: indices, paddingIdx: paddingIdx, scaleGradByFreq: scaleGradByFreq), weight)
    }

    /// Dense gradient [numWeights, dim]: Σ of the gradient rows per index, the padding row left at zero;
    /// `scaleGradByFreq` divides each row's sum by how often its index occurs.
    package static func embeddingBackward(
        _ gradOutput: Tensor, _ indices: Tensor, numWeights: Int, paddingIdx: Int? = nil, scaleGradByFreq: Bool = false
    ) -> Tensor {
        let idx = embeddingIndices(indices, numWeights)
        let dim = gradOutput.size(-1)
        torchCheck(
            gradOutput.numel == idx.count * dim,
            "embedding_backward: grad_output of size \(shapeString(gradOutput.sizes)) does not match indices of size \(shapeString(indices.sizes))"
        )
        if gradOutput.dtype.isReducedFloat {
            return embeddingBackward(
                gradOutput.opmath, indices, numWeights: numWeights, paddingIdx: paddingIdx,
                scaleGradByFreq: scaleGradByFreq
            ).to(gradOutput.dtype)
        }
        return EmbeddingScatter(
            grad: gradOutput, indices: idx, rows: numWeights, dim: dim, padding: paddingIdx, byFreq: scaleGradByFreq
        )
        .dispatch(gradOutput.dtype, "embedding_dense_backward")
    }

    /// `embedding_renorm_`: rows named by `indices` whose p-norm exceeds maxNorm are scaled to
    /// maxNorm / (norm + 1e-7), in place.
    @discardableResult
    package static func embeddingRenorm_(_ weight: Tensor, _ indices: Tensor, maxNorm: Double, normType: Double = 2)
        -> Tensor
    {
        torchCheck(weight.ndim == 2, "'weight' must be 2-D")
        torchCheck(weight.isContiguous, "embedding_renorm_: weight must be contiguous")
        let idx = Array(Set(embeddingIndices(indices, weight.size(0)))).sorted()
        EmbeddingRenorm(weight: weight, rows: idx, maxNorm: maxNorm, p: normType).dispatch(
            weight.dtype, "embedding_renorm_")
        weight.bumpVersion()
        return weight
    }

    /// `F.one_hot`: int64 [..., numClasses]; numClasses -1 means max + 1.
    package static func oneHot(_ input: Tensor, numClasses: Int = -1) -> Tensor {
        torchCheck(input.dtype == .int64, "one_hot is only applicable to index tensor of type LongTensor.")
        let values = input.contiguous().toArray(Int64.self)
        var classes = numClasses
        if classes == -1 {
            torchCheck(input.numel > 0, "Can not infer total number of classes from empty tensor.")
            classes = Int(values.max()!) + 1
        } else {
            torchCheck(classes >= 1, "num_classes should be positive")
        }
        if let m = values.min() { torchCheck(m >= 0, "Class values must be non-negative.") }
        if let m = values.max() { torchCheck(m < Int64(classes), "Class values must be smaller than num_classes.") }
        let out = Tensor.zeros(input.sizes + [classes], dtype: .int64)
        let q = out.mutablePointer(Int64.self)
        for (i, v) in values.enumerated() { q[i * classes + Int(v)] = 1 }
        return out
    }

    private static func embeddingIndices(_ indices: Tensor, _ rows: Int) -> [Int] {
        torchCheck(
            indices.dtype == .int64 || indices.dtype == .int32,
            "Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got torch.\(indices.dtype.scalarTypeName)Tensor instead (while checking arguments for embedding)"
        )
        let values = indices.to(.int64).contiguous().toArray(Int64.self)
        return values.map { v in
            torchCheck(v >= 0 && v < Int64(rows), "index out of range in self")
            return Int(v)
        }
    }
}

private struct EmbeddingGather: ElementVisitor {
    let weight: Tensor, indices: [Int], out: Tensor
    func visit<T: TensorElement>(_: T.Type) {
        let w = weight.pointer(T.self), q = out.mutablePointer(T.self)
        let dim = weight.size(1), rs = weight.stride(0), cs = weight.stride(1)
        let indices = indices
        parallelFor(indices.count, grain: Swift.max(1, Threads.grainSize / Swift.max(dim, 1))) { range in
            for i in range {
                let src = w + indices[i] * rs, dst = q + i * dim
                if cs == 1 { dst.update(from: src, count: dim) } else { for j in 0..<dim { dst[j] = src[j * cs] } }
            }
        }
    }
}

private struct EmbeddingScatter: NNKernel {
    let grad: Tensor, indices: [Int], rows: Int, dim: Int, padding: Int?, byFreq: Bool
    func run<T: NNFloat>(_: T.Type) -> Tensor {
        let g = grad.contiguous()
        let out = Tensor.zeros([rows, dim], dtype: grad.dtype)
        let gp = g.pointer(T.self), q = out.mutablePointer(T.self)
        var counts = [Int](repeating: 0, count: byFreq ? rows : 0)
        if byFreq { for i in indices { counts[i] += 1 } }
        for (i, row) in indices.enumerated() where row != padding {
            let src = gp + i * dim, dst = q + row * dim
            let s: T = byFreq ? 1 / T(counts[row]) : 1
            for j in 0..<dim { dst[j] += src[j] * s }
        }
        return out
    }
}

private struct EmbeddingRenorm: NNKernel {
    let weight: Tensor, rows: [Int], maxNorm: Double, p: Double
    func run<T: NNFloat>(_: T.Type) {
        let w = weight.mutablePointer(T.self)
        let dim = weight.size(1)
        for r in rows {
            let row = w + r * dim
            var norm = 0.0
            if p == 1 {
                for j in 0..<dim { norm += Swift.abs(Double(row[j])) }
            } else if p == 2 {
                for j in 0..<dim { norm += Double(row[j]) * Double(row[j]) }
                norm = norm.squareRoot()
            } else if p.isInfinite {
                for j in 0..<dim { norm = Swift.max(norm, Swift.abs(Double(row[j]))) }
            } else {
                for j in 0..<dim { norm += nnPowD(Swift.abs(Double(row[j])), p) }
                norm = nnPowD(norm, 1 / p)
            }
            if norm > maxNorm {
                let scale = T(maxNorm / (norm + 1e-7))
                for j in 0..<dim { row[j] *= scale }
            }
        }
    }
}
