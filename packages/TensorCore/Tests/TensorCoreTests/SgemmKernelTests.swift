import CVectorKernels
import Testing

@testable import TensorCore

/// TensorCore's AVX-512 sgemm (forced on, so debug builds prove it too) against a Double reference:
/// shapes off every block multiple (MR 12, NR 32, K blocks of ≤ 256, MC 240, NC 2048), all transposes,
/// padded leading dimensions, alpha ≠ 1, beta 0 over a NaN-filled C, beta 1 and beta ≠ 0, 1.
@Suite(.enabled(if: SgemmKernel.available)) struct SgemmKernelTests {
    static func values(_ n: Int, seed: Int) -> [Float] {
        (0..<n).map { i in Float((i * 7919 + seed * 104729) % 2003) / 1001 - 1 }
    }

    /// Checks c (m×n in a buffer with leading dim ldc) against alpha·op(A)·op(B) + beta·c0 computed in
    /// Double, and that the padding columns past n kept their sentinel.
    static func check(
        _ c: [Float], _ c0: [Float], _ a: [Float], _ lda: Int, _ ta: Bool, _ b: [Float], _ ldb: Int, _ tb: Bool,
        m: Int, n: Int, k: Int, ldc: Int, alpha: Float, beta: Float, _ label: String
    ) {
        var bad = 0
        for i in 0..<m {
            for j in 0..<ldc {
                let got = c[i * ldc + j]
                if j >= n {
                    if got.bitPattern != c0[i * ldc + j].bitPattern { bad += 1 }
                    continue
                }
                var sum = 0.0, magnitude = 0.0
                for p in 0..<k {
                    let x = Double(ta ? a[p * lda + i] : a[i * lda + p]),
                        y = Double(tb ? b[j * ldb + p] : b[p * ldb + j])
                    sum += x * y
                    magnitude += abs(x * y)
                }
                let old = beta == 0 ? 0 : Double(beta) * Double(c0[i * ldc + j])  // beta 0: C is NaN, unread
                let want = Double(alpha) * sum + old
                let tol = 1e-5 * (abs(Double(alpha)) * magnitude + abs(old)) + 1e-6
                if !(abs(Double(got) - want) <= tol) { bad += 1 }
            }
        }
        #expect(bad == 0, "\(label): \(bad) wrong elements")
    }

    static let shapes: [(Int, Int, Int)] = [
        (1, 1, 1), (2, 24, 1), (3, 5, 7), (12, 32, 16), (13, 33, 17), (11, 31, 256), (25, 65, 257), (24, 64, 600),
        (241, 40, 20), (4, 2100, 3), (37, 300, 100), (100, 37, 64), (300, 26, 200),  // last: two row chunks
    ]

    @Test(arguments: 0..<shapes.count)
    func matchesDoubleReference(_ index: Int) {
        let (m, n, k) = Self.shapes[index]
        for (ta, tb) in [(false, false), (false, true), (true, false), (true, true)] {
            for (alpha, beta) in [(Float(1), Float(0)), (1.5, 1), (-0.75, -0.5)] {
                // Leading dims larger than minimal: 3 spare elements per row everywhere.
                let lda = (ta ? m : k) + 3, ldb = (tb ? k : n) + 3, ldc = n + 3
                let a = Self.values((ta ? k : m) * lda, seed: 1), b = Self.values((tb ? n : k) * ldb, seed: 2)
                var c0 = Self.values(m * ldc, seed: 3)
                if beta == 0 { for i in 0..<m { for j in 0..<n { c0[i * ldc + j] = .nan } } }
                var c = c0
                a.withUnsafeBufferPointer { ap in
                    b.withUnsafeBufferPointer { bp in
                        c.withUnsafeMutableBufferPointer { cp in
                            SgemmKernel.gemm(
                                ta, tb, m, n, k, alpha, ap.baseAddress!, lda, bp.baseAddress!, ldb, beta,
                                cp.baseAddress!, ldc)
                        }
                    }
                }
                Self.check(
                    c, c0, a, lda, ta, b, ldb, tb, m: m, n: n, k: k, ldc: ldc, alpha: alpha, beta: beta,
                    "\(m)x\(n)x\(k) ta \(ta) tb \(tb) alpha \(alpha) beta \(beta)")
            }
        }
    }

    /// The entry points convolution uses: op(A) and op(B) packed once, then the product from the packs.
    @Test(arguments: [(13, 70, 300), (1, 1, 1), (30, 33, 513)])
    func packedEntryPoints(_ shape: (Int, Int, Int)) {
        let (m, n, k) = shape
        let a = Self.values(k * m, seed: 4), b = Self.values(n * k, seed: 5)  // A transposed, B transposed
        var pa = [Float](repeating: 0, count: Int(cvk_sgemm_packed_a_count(m, k)))
        var pb = [Float](repeating: 0, count: Int(cvk_sgemm_packed_b_count(k, n)))
        cvk_sgemm_pack_a(1, m, k, a, m, &pa)
        cvk_sgemm_pack_b(1, k, n, b, k, &pb)
        for beta in [Float(0), 1] {
            let ldc = n + 1
            var c0 = Self.values(m * ldc, seed: 6)
            if beta == 0 { for i in 0..<m { for j in 0..<n { c0[i * ldc + j] = .nan } } }
            var c = c0
            cvk_sgemm_packed(m, n, k, 2, pa, pb, beta, &c, ldc)
            Self.check(
                c, c0, a, m, true, b, k, true, m: m, n: n, k: k, ldc: ldc, alpha: 2, beta: beta,
                "packed \(shape) beta \(beta)")
        }
    }

    /// Non-transposed A packs whole 12-row panels 16 k steps at a time in registers (stores 16 wide that
    /// overlap the next step): same layout as the element-wise pack, nothing written past the buffer.
    @Test(arguments: [(24, 32), (12, 16), (25, 47), (36, 600), (13, 15)])
    func packingRowsInRegistersMatchesTheLayout(_ shape: (Int, Int)) {
        let (m, k) = shape
        let lda = k + 5, a = Self.values(m * lda, seed: 7)
        let count = Int(cvk_sgemm_packed_a_count(m, k))
        var packed = [Float](repeating: .nan, count: count + 32)
        for i in count..<(count + 32) { packed[i] = 12345 }
        cvk_sgemm_pack_a(0, m, k, a, lda, &packed)
        let kc = cvk_sgemm_kc(k), mp = (m + 11) / 12 * 12
        var bad = 0
        for pc in stride(from: 0, to: k, by: kc) {
            let kb = Swift.min(kc, k - pc)
            for i in 0..<m {
                for p in 0..<kb where packed[pc * mp + (i / 12) * 12 * kb + p * 12 + i % 12] != a[i * lda + pc + p] {
                    bad += 1
                }
            }
        }
        #expect(bad == 0)
        #expect(packed[count...].allSatisfy { $0 == 12345 }, "written past the packed buffer")
    }

    /// The implicit-GEMM path (grids 16 or 32 wide, unit x stride) with a bias, a vertical stride, more
    /// output channels than one 12-row micro-tile and a 5×5 kernel whose taps overhang both sides.
    @Test(arguments: [(32, 2), (16, 1), (16, 3)])
    func convolutionImplicitWithBiasAndRowStride(_ shape: (Int, Int)) {
        let (width, strideH) = shape
        let x = Tensor(copying: Self.values(2 * 5 * 11 * width, seed: 11).map(Double.init), shape: [2, 5, 11, width])
        let w = Tensor(copying: Self.values(29 * 5 * 25, seed: 12).map(Double.init), shape: [29, 5, 5, 5])
        let b = Tensor(copying: Self.values(29, seed: 13).map(Double.init), shape: [29])
        let reference = NNOps.conv2d(x, w, b, stride: [strideH, 1], padding: [2])
        let got = SgemmKernel.withForced {
            NNOps.conv2d(x.to(.float32), w.to(.float32), b.to(.float32), stride: [strideH, 1], padding: [2])
        }
        expectClose(got, reference.to(.float32), rtol: 1e-4, atol: 1e-4, "width \(width) stride \(strideH)")
    }

    /// Convolution on the packed path for grid widths that divide the 32-column panel (several grid rows per
    /// panel, one masked row copy each) and ones that do not, with padding taps on both sides, dilation, and
    /// heights spanning several tiles; against the float64 convolution (which never uses the kernel).
    @Test(arguments: [(4, 5, 1), (8, 3, 1), (16, 7, 2), (32, 3, 1), (32, 41, 2), (12, 6, 1)])
    func convolutionOnPackedPath(_ shape: (Int, Int, Int)) {
        let (width, height, dilation) = shape
        let x = Tensor(
            copying: Self.values(2 * 48 * height * width, seed: 9).map(Double.init), shape: [2, 48, height, width])
        let w = Tensor(copying: Self.values(7 * 48 * 9, seed: 10).map(Double.init), shape: [7, 48, 3, 3])
        let reference = NNOps.conv2d(x, w, stride: [1], padding: [dilation], dilation: [dilation])
        let got = SgemmKernel.withForced {
            NNOps.conv2d(x.to(.float32), w.to(.float32), stride: [1], padding: [dilation], dilation: [dilation])
        }
        expectClose(
            got, reference.to(.float32), rtol: 1e-4, atol: 1e-4, "width \(width) height \(height) dilation \(dilation)")
    }

    /// With the kernel forced on, float GEMMs that fit it route to it; degenerate shapes stay on OpenBLAS.
    @Test func routing() {
        SgemmKernel.withForced {
            #expect(SgemmKernel.enabled)
            #expect(SgemmKernel.shouldRun(m: 64, n: 64, k: 64))
            #expect(!SgemmKernel.shouldRun(m: 1, n: 1000, k: 512))
            #expect(!SgemmKernel.shouldRun(m: 256, n: 8, k: 256))
            let a = Tensor(copying: Self.values(40 * 50, seed: 7).map(Double.init), shape: [40, 50]).to(.float32)
            let b = Tensor(copying: Self.values(50 * 30, seed: 8).map(Double.init), shape: [50, 30]).to(.float32)
            let reference = a.to(.float64).matmul(b.to(.float64))
            expectClose(a.matmul(b), reference.to(.float32), rtol: 1e-5, atol: 1e-5, "matmul on the kernel")
            expectClose(b.t().matmul(a.t()), reference.t().to(.float32), rtol: 1e-5, atol: 1e-5, "transposed operands")
        }
    }
}
