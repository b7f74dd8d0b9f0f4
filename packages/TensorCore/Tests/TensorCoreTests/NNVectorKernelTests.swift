import CVectorKernels
import Foundation
import Testing

@testable import TensorCore

/// The float32 C loops behind ReLU's backward, 2×2 max pooling and the normalization reductions
/// (include/cvk_nn.h): the AVX-512 bodies and the plain C bodies give the same bits, and both give the
/// Swift (float64) kernels' results. Lengths cover empty, partial and whole vectors.
@Suite struct NNVectorKernelTests {
    static let lengths = [0, 1, 7, 8, 15, 16, 17, 31, 32, 33, 63, 100, 1000]

    /// Runs `body` once on the AVX-512 bodies (when the CPU has them) and once on the plain C ones.
    func bothPaths<R: Equatable>(_ body: () -> R) -> R {
        let fast = body()
        cvk_nn_set_portable(1)
        defer { cvk_nn_set_portable(0) }
        let portable = body()
        #expect(fast == portable, "AVX-512 and plain C bodies differ")
        return fast
    }

    /// Values with ties, zeros of both signs, the threshold itself and NaNs.
    static func awkwardValues(_ n: Int, seed: UInt64) -> [Float] {
        var state = seed
        return (0..<n).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            switch state >> 60 {
            case 0: return .nan
            case 1: return 0
            case 2: return -0.0
            case 3: return 0.5
            default: return Float(Int(state >> 40 & 0xFF) - 128) / 16
            }
        }
    }

    @Test(arguments: lengths)
    func thresholdBackwardMatchesTheDefinition(_ n: Int) {
        let x = Self.awkwardValues(n, seed: 1), g = Self.awkwardValues(n, seed: 2).map { $0.isNaN ? 1 : $0 }
        for threshold: Float in [0, 0.5] {
            let out = bothPaths { () -> [UInt32] in
                var out = [Float](repeating: 7, count: n)
                cvk_threshold_backward_f32(g, x, &out, n, threshold)
                return out.map(\.bitPattern)
            }
            #expect(out == zip(g, x).map { ($1 <= threshold ? 0 : $0).bitPattern })
        }
    }

    @Test(arguments: [(2, 2), (4, 6), (7, 9), (6, 33), (5, 64), (3, 70)])
    func maxPool2x2MatchesTheGenericKernel(_ h: Int, _ w: Int) {
        let values = Self.awkwardValues(3 * h * w, seed: UInt64(h * 100 + w))
        let input = Tensor(copying: values.map(Double.init), shape: [1, 3, h, w])
        let reference = NNOps.maxPool2dWithIndices(input, kernelSize: 2)  // float64: the Swift kernel
        let (oh, ow) = (h / 2, w / 2)
        let result = bothPaths { () -> [Int64] in
            var out = [Float](repeating: 0, count: 3 * oh * ow), ind = [Int64](repeating: -1, count: 3 * oh * ow)
            for plane in 0..<3 {
                values.withUnsafeBufferPointer { x in
                    cvk_max_pool2x2_f32(
                        x.baseAddress! + plane * h * w, &out[plane * oh * ow], &ind[plane * oh * ow], h, w, oh, ow)
                }
            }
            return ind + out.map { Int64($0.bitPattern) }
        }
        let count = 3 * oh * ow
        #expect(Array(result[..<count]) == reference.indices.contiguous().toArray(Int64.self))
        let expected = reference.output.toArray(Double.self).map { Int64(Float($0).bitPattern) }
        #expect(Array(result[count...]) == expected)
    }

    @Test(arguments: lengths)
    func reductionsAgreeWithDoubleSums(_ n: Int) {
        let p = (0..<n).map { Float(sin(Double($0) * 1.7) * 3) }, q = (0..<n).map { Float(cos(Double($0))) }
        let mean = 0.25
        let sums = bothPaths {
            [cvk_sum_f32(p, n), cvk_sum_squared_deviation_f32(p, n, mean), cvk_dot_deviation_f32(q, p, n, mean)]
        }
        let d = p.map(Double.init), e = q.map(Double.init)
        let exact = [
            d.reduce(0, +), d.reduce(0) { $0 + ($1 - mean) * ($1 - mean) },
            zip(e, d).reduce(0) { $0 + $1.0 * ($1.1 - mean) },
        ]
        for (got, want) in zip(sums, exact) { #expect(abs(got - want) <= 1e-12 * max(1, abs(want))) }
    }

    @Test(arguments: lengths)
    func affineLoopsRoundLikeTheSwiftExpressions(_ n: Int) {
        let x = (0..<n).map { Float($0) * 0.37 - 5 }, dy = (0..<n).map { Float($0 % 13) * -0.21 }
        let (a, b, c): (Float, Float, Float) = (1.37, -0.413, 0.071)
        let out = bothPaths { () -> [UInt32] in
            var y = [Float](repeating: 0, count: n), z = [Float](repeating: 0, count: n)
            cvk_scale_shift_f32(x, &y, n, a, c)
            cvk_scale2_shift_f32(dy, x, &z, n, a, b, c)
            return (y + z).map(\.bitPattern)
        }
        let y = x.map { $0 * a + c }, z = zip(dy, x).map { $0 * a + $1 * b + c }
        #expect(out == (y + z).map(\.bitPattern))
    }
}
