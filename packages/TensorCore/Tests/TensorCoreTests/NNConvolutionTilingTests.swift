import Testing

@testable import TensorCore

/// Inputs wide enough that im2col runs in several row tiles (and images run in parallel chunks),
/// checked against direct-loop convolution and its gradients computed here in Double.
@Suite struct NNConvolutionTilingTests {
    static func values(_ n: Int, seed: Int) -> [Double] {
        (0..<n).map { i in Double((i * 7919 + seed * 104729) % 2003) / 1001.0 - 1.0 }
    }

    @Test(arguments: [DType.float32, .float64])
    func tiledMatchesDirectLoops(_ dtype: DType) throws { try Self.check(dtype) }

    /// Float32 with the packed im2col + AVX-512 sgemm path forced on (several tiles, partial panels).
    /// Widths 41 (packed im2col), 32 (implicit GEMM forward; weight gradient from the transposed packer in
    /// three tiles) and 8 (both packers).
    @Test(.enabled(if: SgemmKernel.available), arguments: [(13, 41), (40, 32), (13, 8)])
    func tiledMatchesDirectLoopsOnSgemmKernel(_ h: Int, _ w: Int) throws {
        try SgemmKernel.withForced { try Self.check(.float32, h: h, w: w) }
    }

    static func check(_ dtype: DType, h: Int = 13, w: Int = 41) throws {
        let (n, c, o, k, pad, stride) = (3, 64, 5, 3, 1, 1)
        let x = Tensor(copying: Self.values(n * c * h * w, seed: 1), shape: [n, c, h, w]).to(dtype)
        let wt = Tensor(copying: Self.values(o * c * k * k, seed: 2), shape: [o, c, k, k]).to(dtype)
        let geometry = ConvGeometry(
            channels: c, bigH: h, bigW: w, smallH: h, smallW: w, kH: k, kW: k, sH: 1, sW: 1, pH: 1, pW: 1, dH: 1, dW: 1)
        #expect(geometry.tileRows(elementSize: dtype.itemSize) < h || w == 8, "the case must span several tiles")
        let y = NNOps.conv2d(x, wt, stride: [stride], padding: [pad])
        let gy = Tensor(copying: Self.values(n * o * h * w, seed: 3), shape: [n, o, h, w]).to(dtype)
        let g = NNOps.convolutionBackward(
            gy, x, wt, biasSizes: nil, stride: [1], padding: [1], dilation: [1], transposed: false, outputPadding: [0],
            groups: 1,
            outputMask: [true, true, false])

        let xv = x.toArray(Double.self), wv = wt.toArray(Double.self), gv = gy.toArray(Double.self)
        var ref = [Double](repeating: 0, count: n * o * h * w)
        var gi = [Double](repeating: 0, count: n * c * h * w)
        var gw = [Double](repeating: 0, count: o * c * k * k)
        for b in 0..<n {
            for oc in 0..<o {
                for oy in 0..<h {
                    for ox in 0..<w {
                        let oi = ((b * o + oc) * h + oy) * w + ox
                        var s = 0.0
                        for ic in 0..<c {
                            for ky in 0..<k {
                                let iy = oy - pad + ky
                                if iy < 0 || iy >= h { continue }
                                for kx in 0..<k {
                                    let ix = ox - pad + kx
                                    if ix < 0 || ix >= w { continue }
                                    let xi = ((b * c + ic) * h + iy) * w + ix, wi = ((oc * c + ic) * k + ky) * k + kx
                                    s += xv[xi] * wv[wi]
                                    gi[xi] += gv[oi] * wv[wi]
                                    gw[wi] += gv[oi] * xv[xi]
                                }
                            }
                        }
                        ref[oi] = s
                    }
                }
            }
        }
        let tol: (Double, Double) = dtype == .float32 ? (1e-4, 1e-3) : (1e-10, 1e-10)
        expectClose(y, Tensor(copying: ref, shape: [n, o, h, w]).to(dtype), rtol: tol.0, atol: tol.1, "forward")
        expectClose(
            try #require(g.gradInput), Tensor(copying: gi, shape: [n, c, h, w]).to(dtype), rtol: tol.0, atol: tol.1,
            "grad input")
        expectClose(
            try #require(g.gradWeight), Tensor(copying: gw, shape: [o, c, k, k]).to(dtype), rtol: tol.0,
            atol: tol.1 * 10, "grad weight")
    }
}
