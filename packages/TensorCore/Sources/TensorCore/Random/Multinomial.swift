// `torch.multinomial`, both of torch's CPU algorithms:
// - without replacement, or a single sample: the exponential trick — q ~ Exp(1) per entry, then the
//   top-k (argmax for k = 1) of p / q — consuming one double draw per category.
// - with replacement: per row, the normalized cumulative sum and a binary search per uniform draw.

extension Tensor {
    /// Samples `numSamples` category indices per row of this 1-D or 2-D weight tensor (int64).
    /// PyTorch: `torch.multinomial`.
    public func multinomial(_ numSamples: Int, replacement: Bool = false, generator: Generator? = nil) -> Tensor {
        torchCheck(ndim > 0 && ndim <= 2, "prob_dist must be 1 or 2 dim")
        torchCheck(
            dtype.isFloatingPoint,
            "multinomial only supports floating-point dtypes for input, got: \(dtype.scalarTypeName)")
        torchCheck(numSamples > 0, "cannot sample n_sample <= 0 samples")
        let categories = sizes[ndim - 1]
        torchCheck(
            replacement || numSamples <= categories,
            "cannot sample n_sample > prob_dist.size(-1) samples without replacement")
        torchCheck(categories <= 1 << 24, "number of categories cannot exceed 2^24")
        let rows = ndim == 2 ? sizes[0] : 1
        let result = Tensor.empty(ndim == 2 ? [rows, numSamples] : [numSamples], dtype: .int64)
        if result.numel == 0 { return result }
        let gen = Generator.resolve(generator)
        // Weights as doubles, row-major (every dtype's values are exact in Double).
        let weights = toArray(Double.self)
        let out = result.mutablePointer(Int64.self)

        if !replacement || numSamples == 1 {
            torchCheck(
                !weights.contains { !($0 < .infinity) || !($0 >= 0) },
                "probability tensor contains either `inf`, `nan` or element < 0")
            for row in 0..<rows {
                var total = 0.0
                for j in 0..<categories { total += weights[row * categories + j] }
                torchCheck(total != 0, "invalid multinomial distribution (sum of probabilities <= 0)")
            }
            // q = p / Exp(1) in this tensor's dtype, exactly as torch's exponential_ then div_.
            let q = Tensor.emptyLike(self).exponential_(1, generator: gen).toArray(Double.self)
            let ratio = Tensor(copying: (0..<weights.count).map { weights[$0] / q[$0] }, shape: sizes)
                .to(dtype).toArray(Double.self)
            for row in 0..<rows {
                let base = row * categories
                // Largest first; equal keys keep the lower index first.
                let order = (0..<categories).sorted {
                    let a = ratio[base + $0], b = ratio[base + $1]
                    return a != b ? a > b : $0 < $1
                }
                for k in 0..<numSamples { out[row * numSamples + k] = Int64(order[k]) }
            }
            return result
        }

        let cumulativeInDouble = dtype == .float64
        for row in 0..<rows {
            let base = row * categories
            for j in 0..<categories {
                let value = weights[base + j]
                torchCheck(value >= 0, "invalid multinomial distribution (encountering probability entry < 0)")
                torchCheck(
                    value.isFinite,
                    "invalid multinomial distribution (encountering probability entry = infinity or NaN)")
            }
            // float, half and bfloat16 accumulate in float, double in double.
            let cumulative: [Double]
            if cumulativeInDouble {
                cumulative = normalizedCumulative(weights[base..<(base + categories)].map { $0 })
            } else {
                cumulative = normalizedCumulative(weights[base..<(base + categories)].map { Float($0) }).map {
                    Double($0)
                }
            }
            gen.withEngine { engine in
                for k in 0..<numSamples {
                    let u = uniformDouble(engine.random64())
                    var left = 0, right = categories
                    while right - left > 0 {
                        let mid = left + (right - left) / 2
                        if cumulative[mid] < u { left = mid + 1 } else { right = mid }
                    }
                    out[row * numSamples + k] = Int64(left)
                }
            }
        }
        return result
    }
}

/// Running sum divided by the total, the last bucket forced to 1 (torch's `cum_dist`).
private func normalizedCumulative<F: BinaryFloatingPoint>(_ values: [F]) -> [F] {
    var sums = [F](repeating: 0, count: values.count)
    var total: F = 0
    for j in 0..<values.count {
        total += values[j]
        sums[j] = total
    }
    torchCheck(total > 0, "invalid multinomial distribution (sum of probabilities <= 0)")
    for j in 0..<sums.count { sums[j] /= total }
    sums[sums.count - 1] = 1
    return sums
}
