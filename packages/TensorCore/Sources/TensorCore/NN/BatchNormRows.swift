/// BatchNorm over [N, C] (BatchNorm1d after a Linear): a channel's values are a column, so the general
/// per-channel loops read memory with stride C. These passes run row by row instead, contiguous and
/// vectorizable, keeping per-channel Double accumulators; each channel still sums its values in row
/// order, so results are bit-identical to the general path.
enum BatchNormRows {
    /// Per-channel Σ x and Σ (x − mean)² in row order; returns (mean, Σ (x − mean)²).
    static func statistics<T: NNFloat>(_ x: UnsafePointer<T>, rows: Int, channels: Int) -> (
        mean: [Double], squares: [Double]
    ) {
        var mean = [Double](repeating: 0, count: channels), squares = [Double](repeating: 0, count: channels)
        mean.withUnsafeMutableBufferPointer { m in
            for i in 0..<rows {
                let row = x + i * channels
                for c in 0..<channels { m[c] += Double(row[c]) }
            }
            for c in 0..<channels { m[c] = rows > 0 ? m[c] / Double(rows) : 0 }
            squares.withUnsafeMutableBufferPointer { s in
                for i in 0..<rows {
                    let row = x + i * channels
                    for c in 0..<channels {
                        let d = Double(row[c]) - m[c]
                        s[c] += d * d
                    }
                }
            }
        }
        return (mean, squares)
    }

    /// y[i, c] = x[i, c]·alpha[c] + beta[c].
    static func affine<T: NNFloat>(
        _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, rows: Int, channels: Int, alpha: UnsafePointer<T>,
        beta: UnsafePointer<T>
    ) {
        for i in 0..<rows {
            let src = x + i * channels, dst = y + i * channels
            for c in 0..<channels { dst[c] = src[c] * alpha[c] + beta[c] }
        }
    }

    /// Per-channel Σ dy and Σ dy·(x − mean), in row order.
    static func gradientSums<T: NNFloat>(
        _ dy: UnsafePointer<T>, _ x: UnsafePointer<T>, mean: UnsafePointer<Double>, rows: Int, channels: Int
    ) -> (sumDy: [Double], dot: [Double]) {
        var sumDy = [Double](repeating: 0, count: channels), dot = [Double](repeating: 0, count: channels)
        sumDy.withUnsafeMutableBufferPointer { s in
            dot.withUnsafeMutableBufferPointer { d in
                for i in 0..<rows {
                    let g = dy + i * channels, v = x + i * channels
                    for c in 0..<channels {
                        s[c] += Double(g[c])
                        d[c] += Double(g[c]) * (Double(v[c]) - mean[c])
                    }
                }
            }
        }
        return (sumDy, dot)
    }

    /// gx[i, c] = dy[i, c]·a[c] + x[i, c]·b[c] + k[c] (a, b, k: `channels` values each, consecutive).
    static func inputGradient<T: NNFloat>(
        _ dy: UnsafePointer<T>, _ x: UnsafePointer<T>, _ gx: UnsafeMutablePointer<T>, rows: Int, channels: Int,
        coefficients abk: UnsafePointer<T>
    ) {
        let a = abk, b = abk + channels, k = abk + 2 * channels
        for i in 0..<rows {
            let g = dy + i * channels, v = x + i * channels, out = gx + i * channels
            for c in 0..<channels { out[c] = g[c] * a[c] + v[c] * b[c] + k[c] }
        }
    }
}
