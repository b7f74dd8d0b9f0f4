/// Geometry shared by convolution, transposed convolution and their backward passes: a "big" image
/// (channels × bigH × bigW) scanned by a kernel into a "small" grid (smallH × smallW). For convolution the
/// big image is the input and the grid the output; for transposed convolution it is the other way round.
struct ConvGeometry {
    var channels: Int
    var bigH: Int, bigW: Int
    var smallH: Int, smallW: Int
    var kH: Int, kW: Int
    var sH: Int, sW: Int
    var pH: Int, pW: Int
    var dH: Int, dW: Int

    var rows: Int { channels * kH * kW }
    var cols: Int { smallH * smallW }
    /// Grid rows per tile so one tile's column matrix (rows × tile width) stays within `bytes` (~512 KB of L2).
    func tileRows(elementSize: Int, bytes: Int = 512 * 1024) -> Int {
        let budget = bytes / elementSize
        let width = Swift.max(budget / Swift.max(rows, 1), 1)
        return Swift.min(Swift.max(width / Swift.max(smallW, 1), 1), Swift.max(smallH, 1))
    }

    /// A 1×1 kernel with unit stride and no padding reads the image as the column matrix itself.
    var isPointwise: Bool { kH == 1 && kW == 1 && sH == 1 && sW == 1 && pH == 0 && pW == 0 }

    /// Range of grid x whose tap `kx` lands inside the image: lo..<hi.
    @inline(__always) func validX(_ kx: Int) -> (Int, Int) {
        let off = kx * dW - pW
        // ox*sW + off in [0, bigW)
        let lo = off >= 0 ? 0 : (-off + sW - 1) / sW
        let hiRaw = bigW - off <= 0 ? 0 : (bigW - off + sW - 1) / sW
        return (Swift.min(lo, smallW), Swift.min(Swift.max(hiRaw, lo), smallW))
    }

    /// cols[(c, ky, kx), (oy, ox)] = image[c, oy*sH - pH + ky*dH, ox*sW - pW + kx*dW] (0 outside), for grid
    /// rows oy in rowStart..<rowStart+rowCount (all rows by default); the column matrix is rowCount*smallW wide.
    func im2col<T: NNFloat>(
        _ image: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>, rowStart: Int = 0, rowCount: Int? = nil
    ) {
        let plane = bigH * bigW
        let rowCount = rowCount ?? smallH
        let n = rowCount * smallW
        for c in 0..<channels {
            for ky in 0..<kH {
                for kx in 0..<kW {
                    let row = out + ((c * kH + ky) * kW + kx) * n
                    let (lo, hi) = validX(kx)
                    let xoff = kx * dW - pW
                    for r in 0..<rowCount {
                        let oy = rowStart + r
                        let dst = row + r * smallW
                        let iy = oy * sH - pH + ky * dH
                        if iy < 0 || iy >= bigH || hi <= lo {
                            dst.update(repeating: 0, count: smallW)
                            continue
                        }
                        let src = image + c * plane + iy * bigW + xoff
                        if lo > 0 { dst.update(repeating: 0, count: lo) }
                        if sW == 1 {
                            (dst + lo).update(from: src + lo, count: hi - lo)
                        } else {
                            for ox in lo..<hi { dst[ox] = src[ox * sW] }
                        }
                        if hi < smallW { (dst + hi).update(repeating: 0, count: smallW - hi) }
                    }
                }
            }
        }
    }

    /// The adjoint of im2col (same row range): image[c, iy, ix] += every column entry that read it.
    func col2im<T: NNFloat>(
        _ columns: UnsafePointer<T>, _ image: UnsafeMutablePointer<T>, rowStart: Int = 0, rowCount: Int? = nil
    ) {
        let plane = bigH * bigW
        let rowCount = rowCount ?? smallH
        let n = rowCount * smallW
        for c in 0..<channels {
            for ky in 0..<kH {
                for kx in 0..<kW {
                    let row = columns + ((c * kH + ky) * kW + kx) * n
                    let (lo, hi) = validX(kx)
                    if hi <= lo { continue }
                    let xoff = kx * dW - pW
                    for r in 0..<rowCount {
                        let oy = rowStart + r
                        let iy = oy * sH - pH + ky * dH
                        if iy < 0 || iy >= bigH { continue }
                        let src = row + r * smallW
                        let dst = image + c * plane + iy * bigW + xoff
                        if sW == 1 {
                            for ox in lo..<hi { dst[ox] += src[ox] }
                        } else {
                            for ox in lo..<hi { dst[ox * sW] += src[ox] }
                        }
                    }
                }
            }
        }
    }
}
