import Foundation

/// Minimal timing harness shared by the per-module benchmarks: warm up, time `iterations` runs,
/// keep the median (robust to a noisy neighbour on a 2-core box), print one JSON object at the end
/// with the same keys as the PyTorch twin so compare.py can put them side by side.
public struct Bench {
    private var results: [(String, Double)] = []

    public init() {}

    /// Median seconds of one call of `body`.
    public static func median(warmup: Int = 3, iterations: Int = 20, _ body: () -> Void) -> Double {
        for _ in 0..<warmup { body() }
        var times: [Double] = []
        for _ in 0..<iterations {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        times.sort()
        return times[times.count / 2]
    }

    /// Records a metric; the key's suffix says its unit (`_gflops`, `_GBps`, `_us`, `_ms`, `_s`).
    public mutating func record(_ key: String, _ value: Double) {
        results.append((key, value))
        FileHandle.standardError.write("\(key): \(String(format: "%.3f", value))\n".data(using: .utf8)!)
    }

    /// A metric recorded earlier (derived metrics are computed from them).
    public func value(_ key: String) -> Double? { results.last { $0.0 == key }?.1 }

    public func printJSON() {
        let body = results.map { "  \"\($0.0)\": \(String(format: "%.4f", $0.1))" }.joined(separator: ",\n")
        print("{\n\(body)\n}")
    }
}

/// Keeps the optimizer from discarding a result.
@inline(never) public func blackHole<T>(_ value: T) { _ = value }
