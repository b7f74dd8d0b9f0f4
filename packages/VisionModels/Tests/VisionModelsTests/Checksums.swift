import Foundation
import TensorCore
import Testing

/// The fixture's per-tensor checksum: float64 sum, sum of squares, and the first three values.
struct Checksum {
    let sum: Double, sumOfSquares: Double, leading: [Double]

    init(_ tensor: Tensor) {
        let values = tensor.detach().to(.float64).contiguous().toArray(Double.self)
        sum = values.reduce(0, +)
        sumOfSquares = values.reduce(0) { $0 + $1 * $1 }
        leading = Array(values.prefix(3))
    }

    init(fixture: Any) throws {
        let entry = try #require(fixture as? [Any])
        sum = try #require((entry[0] as? NSNumber)?.doubleValue)
        sumOfSquares = try #require((entry[1] as? NSNumber)?.doubleValue)
        leading = try #require(entry[2] as? [Any]).map { ($0 as! NSNumber).doubleValue }
    }

    /// Equal leading values, sums equal up to float64 summation order (scaled by the tensor's norm, so
    /// a sum near zero is judged by the size of its terms), or within `rtol` for computed gradients.
    /// "Equal" leading values differ by 1e-14 relative at most: Foundation's JSON parser can miss a
    /// double's last bit, while the next float32 is 6e-8 away.
    func matches(_ expected: Checksum, rtol: Double = 1e-9, leadingExact: Bool = true) -> Bool {
        let scale = expected.sumOfSquares.squareRoot() + abs(expected.sum)
        let leadingOK =
            leadingExact
            ? zip(leading, expected.leading).allSatisfy { sameFloat32($0, $1) }
                && leading.count == expected.leading.count
            : zip(leading, expected.leading).allSatisfy { abs($0 - $1) <= rtol * (abs($1) + scale / 100) }
        return leadingOK && abs(sum - expected.sum) <= rtol * scale
            && abs(sumOfSquares - expected.sumOfSquares) <= rtol * expected.sumOfSquares
    }
}

/// Equal up to JSON's decimal round trip (see `Checksum.matches`).
func sameFloat32(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-14 * abs(b) }
