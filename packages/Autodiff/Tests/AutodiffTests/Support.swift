import Foundation
import TensorCore
import Testing

/// Deterministic float64 inputs in [low, high) (gradcheck needs reproducible points away from kinks).
func uniform(_ shape: [Int], _ low: Double = -1, _ high: Double = 1, seed: UInt64 = 1) -> Tensor {
    var state = seed &* 0x9E37_79B9_7F4A_7C15 &+ 12345
    let count = shape.reduce(1, *)
    let values = (0..<count).map { _ -> Double in
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return low + (high - low) * Double(state >> 11) / Double(1 << 53)
    }
    return Tensor(copying: values, shape: shape)
}

func leaf(_ shape: [Int], _ low: Double = -1, _ high: Double = 1, seed: UInt64 = 1) -> Tensor {
    uniform(shape, low, high, seed: seed).requiresGrad_()
}

func values(_ t: Tensor?) -> [Double] { t!.detach().to(.float64).contiguous().toArray(Double.self) }

func expectValues(
    _ t: Tensor?, _ expected: [Double], tolerance: Double = 1e-5, sourceLocation: SourceLocation = #_sourceLocation
) {
    let got = values(t)
    #expect(got.count == expected.count, "got \(got) expected \(expected)", sourceLocation: sourceLocation)
    for (a, b) in zip(got, expected) {
        #expect(
            Swift.abs(a - b) <= tolerance * Swift.max(1, Swift.abs(b)), "got \(got) expected \(expected)",
            sourceLocation: sourceLocation)
    }
}
