import TensorCore

/// torch.utils.tensorboard's histograms: `np.histogram` over the given bin edges, then trimmed to the
/// bins from just left of the first non-empty one through the last non-empty one (make_histogram).
enum Histogram {
    /// `bins="tensorflow"`: ±1e-12·1.1^k up to 1e20 and 0, the edges torch's SummaryWriter builds.
    static let tensorflowBins: [Double] = {
        var positive: [Double] = []
        var v = 1e-12
        while v < 1e20 {
            positive.append(v)
            v *= 1.1
        }
        return positive.reversed().map { -$0 } + [0] + positive
    }()

    static func make(_ values: [Double], bins edges: [Double], maxBins: Int? = nil) -> HistogramProto {
        torchCheck(!values.isEmpty, "The input has no element.")
        torchCheck(edges.count >= 2, "`bins` must have at least two edges")
        var counts = countPerBin(values, edges: edges)
        var limits = edges
        if let maxBins, counts.count > maxBins {
            let sub = counts.count / maxBins
            let remainder = counts.count % sub
            if remainder != 0 { counts += [Double](repeating: 0, count: sub - remainder) }
            counts = stride(from: 0, to: counts.count, by: sub).map { counts[$0..<$0 + sub].reduce(0, +) }
            limits = stride(from: 0, to: edges.count - 1, by: sub).map { edges[$0] } + [edges.last!]
        }
        // The support: from the first through the last non-empty bin.
        guard let first = counts.firstIndex(where: { $0 > 0 }), let last = counts.lastIndex(where: { $0 > 0 }) else {
            torchCheck(false, "The histogram is empty, please file a bug report.")
            fatalError()
        }
        let end = last + 1
        // TensorBoard shows right limits only, so one empty bin on the left keeps the leftmost limit.
        let keptCounts = first > 0 ? Array(counts[(first - 1)..<end]) : [0] + counts[0..<end]
        let keptLimits = Array(limits[first...min(end, limits.count - 1)])
        var sum = 0.0, sumSquares = 0.0
        for v in values {
            sum += v
            sumSquares += v * v
        }
        return HistogramProto(
            min: values.min()!, max: values.max()!, num: Double(values.count), sum: sum, sumSquares: sumSquares,
            bucketLimit: keptLimits, bucket: keptCounts)
    }

    /// numpy's rule: bin i is [edge i, edge i+1), the last one closed; values outside are not counted.
    private static func countPerBin(_ values: [Double], edges: [Double]) -> [Double] {
        var counts = [Double](repeating: 0, count: edges.count - 1)
        let lo = edges.first!, hi = edges.last!
        for v in values where v >= lo && v <= hi {
            if v == hi {
                counts[counts.count - 1] += 1
                continue
            }
            // The last edge <= v.
            var a = 0, b = edges.count - 1
            while b - a > 1 {
                let mid = (a + b) / 2
                if edges[mid] <= v { a = mid } else { b = mid }
            }
            counts[a] += 1
        }
        return counts
    }
}
