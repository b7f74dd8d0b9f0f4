import CVectorKernels

extension ConvGeometry {
    /// im2col (same values as `im2col` for grid rows rowStart..<rowStart+rowCount) written straight into
    /// the sgemm kernel's packed-B layout (cvk_sgemm.h): K = `rows`, N = rowCount·smallW, so the GEMM
    /// reads it without a second copy. `out` holds cvk_sgemm_packed_b_count(rows, N) floats.
    func im2colPacked(_ image: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, rowStart: Int, rowCount: Int) {
        let plane = bigH * bigW
        let nr = SgemmKernel.nr
        let n = rowCount * smallW, paddedN = (n + nr - 1) / nr * nr
        let k = rows, kc = cvk_sgemm_kc(k)
        for c in 0..<channels {
            for ky in 0..<kH {
                for kx in 0..<kW {
                    let kr = (c * kH + ky) * kW + kx
                    let pc = kr / kc * kc
                    // Column j of this K row sits at panel j / nr (panels of nr·kb floats), lane j % nr.
                    let row = PackedRow(base: out + pc * paddedN + (kr - pc) * nr, panelStride: nr * Swift.min(kc, k - pc), nr: nr)
                    let (lo, hi) = validX(kx)
                    let xoff = kx * dW - pW
                    for r in 0..<rowCount {
                        let j = r * smallW
                        let iy = (rowStart + r) * sH - pH + ky * dH
                        let valid = iy >= 0 && iy < bigH && hi > lo
                        if j % nr + smallW <= nr {
                            // The usual case (widths dividing 32): the grid row lies in one panel, so plain
                            // loops write it without splitting runs or calling memset/memmove for a few floats.
                            let dst = row.base + (j / nr) * row.panelStride + j % nr
                            guard valid else {
                                for x in 0..<smallW { dst[x] = 0 }
                                continue
                            }
                            let src = image + c * plane + iy * bigW + xoff
                            for x in 0..<lo { dst[x] = 0 }
                            if sW == 1 {
                                for x in lo..<hi { dst[x] = src[x] }
                            } else {
                                for x in lo..<hi { dst[x] = src[x * sW] }
                            }
                            for x in hi..<smallW { dst[x] = 0 }
                            continue
                        }
                        if !valid {
                            row.zero(from: j, count: smallW)
                            continue
                        }
                        let src = image + c * plane + iy * bigW + xoff
                        row.zero(from: j, count: lo)
                        row.copy(from: src + lo * sW, stride: sW, to: j + lo, count: hi - lo)
                        row.zero(from: j + hi, count: smallW - hi)
                    }
                    row.zero(from: n, count: paddedN - n)  // the last panel's padding columns
                }
            }
        }
    }
}

/// One K row of a packed-B block: writes runs of columns, splitting them at panel boundaries.
private struct PackedRow {
    let base: UnsafeMutablePointer<Float>
    let panelStride: Int
    let nr: Int

    @inline(__always) private func forEachSpan(_ j: Int, _ count: Int, _ body: (UnsafeMutablePointer<Float>, Int, Int) -> Void) {
        var j = j, done = 0
        while done < count {
            let lane = j % nr
            let span = Swift.min(count - done, nr - lane)
            body(base + (j / nr) * panelStride + lane, done, span)
            j += span
            done += span
        }
    }

    @inline(__always) func zero(from j: Int, count: Int) {
        forEachSpan(j, count) { dst, _, span in dst.update(repeating: 0, count: span) }
    }

    @inline(__always) func copy(from src: UnsafePointer<Float>, stride: Int, to j: Int, count: Int) {
        forEachSpan(j, count) { dst, done, span in
            if stride == 1 {
                dst.update(from: src + done, count: span)
            } else {
                for i in 0..<span { dst[i] = src[(done + i) * stride] }
            }
        }
    }
}
