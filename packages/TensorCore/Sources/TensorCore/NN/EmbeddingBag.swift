/// `embedding_bag` (sum / mean / max over bags of rows) and its dense backward. Bags come from a 2-D
/// index tensor (one bag per row) or 1-D indices with `offsets` (bag starts), as in `F.embedding_bag`.
/// How `embedding_bag` reduces each bag's rows (PyTorch: the `mode` argument, "sum", "mean" or "max").
public enum EmbeddingBagMode: String, Sendable {
    /// The sum of the bag's rows.
    case sum
    /// The mean of the bag's rows (empty bags give zeros).
    case mean
    /// The elementwise maximum of the bag's rows.
    case max
}

extension NNOps {
    /// Returns the [bags, dim] output and `maxIndices` (the row each max came from, for mode max).
    package static func embeddingBag(
        _ weight: Tensor, _ indices: Tensor, offsets: Tensor? = nil, mode: EmbeddingBagMode = .mean,
        perSampleWeights: Tensor? = nil, includeLastOffset: Bool = false, paddingIdx: Int? = nil
    ) -> (output: Tensor, maxIndices: Tensor?) {
        torchCheck(
            weight.dtype.isFloatingPoint,
            "Expected tensor for argument #1 'weight' to have one of the following scalar types: Half, BFloat16, Float, Double; but got \(weight.dtype.legacyTensorName) instead (while checking arguments for embedding_bag)"
        )
        let bags = EmbeddingBags(weight, indices, offsets, mode, perSampleWeights, includeLastOffset, paddingIdx)
        let low = weight.dtype.isReducedFloat
        if low, let perSampleWeights { nnCheckSameDType(weight, perSampleWeights) }
        var r = EmbeddingBagForward(
            weight: weight.kernelOpmath, bags: bags, mode: mode, perSample: perSampleWeights?.kernelOpmath
        )
        .dispatch(low ? .float32 : weight.dtype, "embedding_bag")
        if low { r.output = r.output.to(weight.dtype) }
        let arguments = EmbeddingBagArguments(
            indices: indices, offsets: offsets, mode: mode, includeLastOffset: includeLastOffset,
            paddingIdx: paddingIdx,
            maxIndices: r.maxIndices)
        return (r.output.recorded(.embeddingBag(arguments), weight, perSampleWeights), r.maxIndices)
    }

    /// Dense gradient w.r.t. the weight, and w.r.t. `perSampleWeights` when they were given (mode sum).
    package static func embeddingBagBackward(
        _ gradOutput: Tensor, _ weight: Tensor, _ indices: Tensor, offsets: Tensor? = nil,
        mode: EmbeddingBagMode = .mean,
        perSampleWeights: Tensor? = nil, includeLastOffset: Bool = false, paddingIdx: Int? = nil,
        maxIndices: Tensor? = nil
    ) -> (gradWeight: Tensor, gradPerSampleWeights: Tensor?) {
        let bags = EmbeddingBags(weight, indices, offsets, mode, perSampleWeights, includeLastOffset, paddingIdx)
        torchCheck(
            gradOutput.sizes == [bags.count, weight.size(1)],
            "embedding_bag_backward: expected grad_output of size \(shapeString([bags.count, weight.size(1)])) but got \(shapeString(gradOutput.sizes))"
        )
        torchCheck(
            mode != .max || maxIndices != nil, "embedding_bag_backward: mode 'max' needs the forward's maxIndices")
        let low = weight.dtype.isReducedFloat
        let r = EmbeddingBagBackward(
            grad: gradOutput.kernelOpmath, weight: weight.kernelOpmath, bags: bags, mode: mode,
            perSample: perSampleWeights?.kernelOpmath,
            maxIndices: maxIndices
        ).dispatch(low ? .float32 : weight.dtype, "embedding_bag_backward")
        return low ? (r.gradWeight.to(weight.dtype), r.gradPerSampleWeights?.to(weight.dtype)) : r
    }
}

/// Flattened indices with each bag's [start, end) range; padding entries are kept but skipped.
struct EmbeddingBags {
    let indices: [Int]
    let starts: [Int], ends: [Int]
    let padding: Int?
    var count: Int { starts.count }

    init(
        _ weight: Tensor, _ input: Tensor, _ offsets: Tensor?, _ mode: EmbeddingBagMode, _ psw: Tensor?,
        _ includeLast: Bool, _ paddingIdx: Int?
    ) {
        torchCheck(weight.ndim == 2, "'weight' must be 2-D")
        torchCheck(
            input.dtype == .int64 || input.dtype == .int32,
            "Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got torch.\(input.dtype.scalarTypeName)Tensor instead (while checking arguments for embedding_bag)"
        )
        let rows = weight.size(0)
        let flat = input.to(.int64).contiguous().toArray(Int64.self).map { v -> Int in
            torchCheck(v >= 0 && v < Int64(rows), "Index \(v) is out of bounds: \(v), range 0 to \(rows)")
            return Int(v)
        }
        var s: [Int] = [], e: [Int] = []
        if input.ndim == 2 {
            torchCheck(
                offsets == nil,
                "if input is 2D, then offsets has to be None, as input is treated is a mini-batch of fixed length sequences. However, found offsets of type Tensor"
            )
            let (b, l) = (input.size(0), input.size(1))
            for i in 0..<b {
                s.append(i * l)
                e.append((i + 1) * l)
            }
        } else {
            torchCheck(input.ndim == 1, "input has to be 1D or 2D Tensor, but got Tensor of dimension \(input.ndim)")
            guard let offsets else { torchFail("offsets has to be a 1D Tensor but got null") }
            torchCheck(offsets.ndim == 1, "offsets has to be a 1D Tensor")
            let o = offsets.to(.int64).contiguous().toArray(Int64.self).map(Int.init)
            if let first = o.first {
                torchCheck(
                    first == 0,
                    "offsets[0] has to be 0, i.e., the first sequence in the mini-batch has to start from position 0. However, got \(first)"
                )
            }
            if let last = o.last {
                torchCheck(
                    last <= flat.count,
                    "offsets[-1] can not be greater than input's length \(flat.count), but got offsets[-1] of \(last)")
            }
            let bags = includeLast ? Swift.max(o.count - 1, 0) : o.count
            for i in 0..<bags {
                s.append(o[i])
                e.append(i + 1 < o.count ? o[i + 1] : flat.count)
            }
        }
        if let psw {
            torchCheck(
                mode == .sum,
                "embedding_bag: per_sample_weights was not None. per_sample_weights is only supported for mode='sum' (got mode='\(mode.rawValue)'). Please open a feature request on the PyTorch GitHub."
            )
            torchCheck(
                psw.sizes == input.sizes,
                "embedding_bag: If per_sample_weights (\(shapeString(psw.sizes))) is not None, then it must have the same shape as the input (\(shapeString(input.sizes)))"
            )
            nnCheckSameDType(weight, psw)
        }
        indices = flat
        starts = s
        ends = e
        padding = paddingIdx.map { $0 < 0 ? $0 + rows : $0 }
    }
}

private struct EmbeddingBagForward: NNKernel {
    let weight: Tensor, bags: EmbeddingBags, mode: EmbeddingBagMode, perSample: Tensor?

    func run<T: NNFloat>(_: T.Type) -> (output: Tensor, maxIndices: Tensor?) {
        let w = weight.contiguous()
        let dim = w.size(1)
        let out = Tensor.zeros([bags.count, dim], dtype: w.dtype)
        let maxIdx = mode == .max ? Tensor.full([bags.count, dim], .int(-1), dtype: .int64) : nil
        let wp = w.pointer(T.self), q = out.mutablePointer(T.self), mi = maxIdx?.mutablePointer(Int64.self)
        let psw = perSample?.contiguous()
        let pp = psw?.pointer(T.self)
        for b in 0..<bags.count {
            let o = q + b * dim
            var used = 0
            for k in bags.starts[b]..<bags.ends[b] {
                let row = bags.indices[k]
                if row == bags.padding { continue }
                let src = wp + row * dim
                switch mode {
                case .max:
                    for j in 0..<dim where used == 0 || src[j] > o[j] {
                        o[j] = src[j]
                        mi![b * dim + j] = Int64(row)
                    }
                default:
                    let s = pp?[k] ?? 1
                    for j in 0..<dim { o[j] += src[j] * s }
                }
                used += 1
            }
            if mode == .mean && used > 0 {
                let c = T(used)
                for j in 0..<dim { o[j] /= c }
            }
        }
        return (out, maxIdx)
    }
}

private struct EmbeddingBagBackward: NNKernel {
    let grad: Tensor, weight: Tensor, bags: EmbeddingBags, mode: EmbeddingBagMode, perSample: Tensor?
    let maxIndices: Tensor?

    func run<T: NNFloat>(_: T.Type) -> (gradWeight: Tensor, gradPerSampleWeights: Tensor?) {
        let g = grad.contiguous(), w = weight.contiguous()
        let dim = w.size(1)
        let gw = Tensor.zeros(w.sizes, dtype: w.dtype)
        let gp = g.pointer(T.self), q = gw.mutablePointer(T.self), wp = w.pointer(T.self)
        let psw = perSample?.contiguous()
        let pp = psw?.pointer(T.self)
        let gpsw = psw.map { Tensor.zeros($0.sizes, dtype: $0.dtype) }
        let gq = gpsw?.mutablePointer(T.self)
        if mode == .max {
            let mi = maxIndices!.contiguous().pointer(Int64.self)
            for b in 0..<bags.count {
                for j in 0..<dim where mi[b * dim + j] >= 0 { q[Int(mi[b * dim + j]) * dim + j] += gp[b * dim + j] }
            }
            return (gw, nil)
        }
        for b in 0..<bags.count {
            let src = gp + b * dim
            var used = 0
            for k in bags.starts[b]..<bags.ends[b] where bags.indices[k] != bags.padding { used += 1 }
            let scale: T = mode == .mean && used > 0 ? 1 / T(used) : 1
            for k in bags.starts[b]..<bags.ends[b] {
                let row = bags.indices[k]
                if row == bags.padding { continue }
                let dst = q + row * dim
                let s = (pp?[k] ?? 1) * scale
                for j in 0..<dim { dst[j] += src[j] * s }
                if let gq {
                    var dot: T = 0
                    for j in 0..<dim { dot += src[j] * wp[row * dim + j] }
                    gq[k] = dot
                }
            }
        }
        return (gw, gpsw)
    }
}
