import CVectorKernels
import Testing

@testable import TensorCore

/// The AVX512_BF16 kernel itself against a Double reference (SgemmKernelTests.check) on bfloat16 values:
/// the float32 kernel's shapes plus K blocks of 512 and odd k, every transpose, padded leading dimensions,
/// beta 0 over a NaN-filled C, beta 1 and beta ≠ 0, 1.
@Suite(.enabled(if: Bf16GemmKernel.available)) struct Bf16GemmKernelTests {
    static let shapes: [(Int, Int, Int)] = SgemmKernelTests.shapes + [(13, 33, 513), (25, 40, 1025), (2, 24, 2)]

    @Test(arguments: 0..<shapes.count)
    func matchesDoubleReference(_ index: Int) {
        let (m, n, k) = Self.shapes[index]
        for (ta, tb) in [(false, false), (false, true), (true, false), (true, true)] {
            for (alpha, beta) in [(Float(1), Float(0)), (1.5, 1), (-0.75, -0.5)] {
                let lda = (ta ? m : k) + 3, ldb = (tb ? k : n) + 3, ldc = n + 3
                // bfloat16 values, kept as the floats they are for the reference.
                let a = SgemmKernelTests.values((ta ? k : m) * lda, seed: 1).map { BFloat16($0) }
                let b = SgemmKernelTests.values((tb ? n : k) * ldb, seed: 2).map { BFloat16($0) }
                var c0 = SgemmKernelTests.values(m * ldc, seed: 3)
                if beta == 0 { for i in 0..<m { for j in 0..<n { c0[i * ldc + j] = .nan } } }
                var c = c0
                a.map(\.bitPattern).withUnsafeBufferPointer { ap in
                    b.map(\.bitPattern).withUnsafeBufferPointer { bp in
                        c.withUnsafeMutableBufferPointer { cp in
                            Bf16GemmKernel.gemm(
                                ta, tb, m, n, k, alpha, ap.baseAddress!, lda, bp.baseAddress!, ldb, beta,
                                cp.baseAddress!, ldc)
                        }
                    }
                }
                SgemmKernelTests.check(
                    c, c0, a.map(\.floatValue), lda, ta, b.map(\.floatValue), ldb, tb, m: m, n: n, k: k, ldc: ldc,
                    alpha: alpha, beta: beta, "\(m)x\(n)x\(k) ta \(ta) tb \(tb) alpha \(alpha) beta \(beta)")
            }
        }
    }
}
