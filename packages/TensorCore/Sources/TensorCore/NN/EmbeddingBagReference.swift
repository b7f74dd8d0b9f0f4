extension NNOps {
    /// `embedding_bag` recomposed from recorded ops (index_select, index_add, gather) for a recorded
    /// backward: bags sum their (weighted) rows, "mean" divides by the rows used, "max" reads the rows the
    /// forward's `maxIndices` chose; padding entries and empty bags contribute nothing.
    package static func embeddingBagReference(_ weight: Tensor, _ perSampleWeights: Tensor?, _ a: EmbeddingBagArguments)
        -> Tensor
    {
        let bags = EmbeddingBags(
            weight, a.indices, a.offsets, a.mode, perSampleWeights, a.includeLastOffset, a.paddingIdx)
        let dim = weight.size(1)
        if a.mode == .max, let maxIndices = a.maxIndices {
            let picked = weight.gather(dim: 0, index: maxIndices.clampMin(0))
            return picked.maskedFill(maxIndices.lt(0), 0)
        }
        var positions: [Int64] = [], bagOf: [Int64] = [], used = [Double](repeating: 0, count: bags.count)
        for b in 0..<bags.count {
            for j in bags.starts[b]..<bags.ends[b] where bags.indices[j] != bags.padding {
                positions.append(Int64(j))
                bagOf.append(Int64(b))
                used[b] += 1
            }
        }
        let kept = Tensor(copying: positions, shape: [positions.count])
        let rowsIndex = Tensor(copying: positions.map { Int64(bags.indices[Int($0)]) }, shape: [positions.count])
        var rows = weight.indexSelect(dim: 0, index: rowsIndex)
        if let perSampleWeights {
            rows = rows * perSampleWeights.reshape([-1]).indexSelect(dim: 0, index: kept).unsqueeze(1)
        }
        let sums = Tensor.zeros([bags.count, dim], dtype: weight.dtype)
            .indexAdd(dim: 0, index: Tensor(copying: bagOf, shape: [bagOf.count]), source: rows)
        guard a.mode == .mean else { return sums }
        let divisors = Tensor(copying: used.map { Swift.max($0, 1) }, shape: [bags.count, 1]).to(weight.dtype)
        return sums / divisors
    }
}
