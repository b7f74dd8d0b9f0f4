import CVectorKernels
import Foundation

/// im2col + GEMM convolution over a batch, in three primitives that cover convolution and transposed
/// convolution, forward and backward. The weight is read as `groups` matrices [mg, geometry.rows]:
/// for convolution mg = out channels per group, for transposed convolution mg = in channels per group.
/// The "small" tensor has mg channels per group on the geometry's grid, the "big" one has
/// geometry.channels per group on the image.
struct ConvEngine<T: NNFloat> {
    let geometry: ConvGeometry
    let groups: Int
    let mg: Int
    let batch: Int

    var bigPlane: Int { geometry.bigH * geometry.bigW }
    var smallPlane: Int { geometry.cols }
    var bigImage: Int { groups * geometry.channels * bigPlane }
    var smallImage: Int { groups * mg * smallPlane }
    var weightGroup: Int { mg * geometry.rows }
    /// Grid rows handled per im2col tile (keeps the column buffer cache-resident).
    var tile: Int { geometry.tileRows(elementSize: MemoryLayout<T>.stride) }

    /// Images are processed in parallel chunks with single-threaded GEMMs; each chunk owns its column buffer.
    private func forEachChunk(_ body: (Range<Int>, UnsafeMutablePointer<T>?) -> Void) {
        let needsBuffer = !geometry.isPointwise
        let size = geometry.rows * tile * geometry.smallW
        nnParallelItems(batch) { range in
            let buffer = needsBuffer ? UnsafeMutablePointer<T>.allocate(capacity: Swift.max(size, 1)) : nil
            defer { buffer?.deallocate() }
            body(range, buffer)
        }
    }

    /// small = W × im2col(big) (+ bias per output channel): convolution forward (big = input) and the input
    /// gradient of a transposed convolution (big = grad output). The bias is added to each tile right after
    /// its GEMM, while the tile is still in cache (a separate pass over the output cost ~10% of a conv).
    func gather(
        big: UnsafePointer<T>, weight: UnsafePointer<T>, small: UnsafeMutablePointer<T>, bias: UnsafePointer<T>? = nil
    ) {
        if T.self == Float.self, groups > 1, mg == 1, geometry.channels == 1 {
            return (self as! ConvEngine<Float>).depthwiseForward(
                input: UnsafeRawPointer(big).assumingMemoryBound(to: Float.self),
                weight: UnsafeRawPointer(weight).assumingMemoryBound(to: Float.self),
                output: UnsafeMutableRawPointer(small).assumingMemoryBound(to: Float.self),
                bias: bias.map { UnsafeRawPointer($0).assumingMemoryBound(to: Float.self) })
        }
        if T.self == Float.self, SgemmKernel.enabled, !geometry.isPointwise {
            return gatherPacked(
                big: UnsafeRawPointer(big).assumingMemoryBound(to: Float.self),
                weight: UnsafeRawPointer(weight).assumingMemoryBound(to: Float.self),
                small: UnsafeMutableRawPointer(small).assumingMemoryBound(to: Float.self),
                bias: bias.map { UnsafeRawPointer($0).assumingMemoryBound(to: Float.self) })
        }
        let g = geometry
        forEachChunk { range, buffer in
            for n in range {
                for grp in 0..<groups {
                    let image = big + n * bigImage + grp * g.channels * bigPlane
                    let w = weight + grp * weightGroup
                    let dst = small + n * smallImage + grp * mg * smallPlane
                    let groupBias = bias.map { $0 + grp * mg }
                    guard let buffer else {
                        T.gemm(false, false, mg, g.cols, g.rows, 1, w, g.rows, image, g.cols, 0, dst, g.cols)
                        if let groupBias { addRowBias(dst, groupBias, rows: mg, width: g.cols, stride: g.cols) }
                        continue
                    }
                    for start in stride(from: 0, to: g.smallH, by: tile) {
                        let count = Swift.min(tile, g.smallH - start)
                        let width = count * g.smallW
                        g.im2col(image, buffer, rowStart: start, rowCount: count)
                        T.gemm(
                            false, false, mg, width, g.rows, 1, w, g.rows, buffer, width, 0, dst + start * g.smallW,
                            g.cols)
                        if let groupBias {
                            addRowBias(dst + start * g.smallW, groupBias, rows: mg, width: width, stride: g.cols)
                        }
                    }
                }
            }
        }
    }

    /// big = col2im(Wᵀ × small): the input gradient of convolution (small = grad output) and transposed
    /// convolution forward (small = input). Overwrites `big`.
    func scatter(small: UnsafePointer<T>, weight: UnsafePointer<T>, big: UnsafeMutablePointer<T>) {
        let g = geometry
        forEachChunk { range, buffer in
            for n in range {
                for grp in 0..<groups {
                    let image = big + n * bigImage + grp * g.channels * bigPlane
                    let src = small + n * smallImage + grp * mg * smallPlane
                    let w = weight + grp * weightGroup
                    if let buffer {
                        image.update(repeating: 0, count: g.channels * bigPlane)
                        for start in stride(from: 0, to: g.smallH, by: tile) {
                            let count = Swift.min(tile, g.smallH - start)
                            let width = count * g.smallW
                            T.gemm(
                                true, false, g.rows, width, mg, 1, w, g.rows, src + start * g.smallW, g.cols, 0, buffer,
                                width)
                            g.col2im(UnsafePointer(buffer), image, rowStart: start, rowCount: count)
                        }
                    } else {
                        T.gemm(true, false, g.rows, g.cols, mg, 1, w, g.rows, src, g.cols, 0, image, g.cols)
                    }
                }
            }
        }
    }

    /// gradW[grp] = Σ_n small[n, grp] × im2col(big[n, grp])ᵀ. Chunks accumulate privately and merge once.
    func weightGradient(small: UnsafePointer<T>, big: UnsafePointer<T>, out: UnsafeMutablePointer<T>) {
        var shape = geometry.cShape
        if T.self == Float.self, SgemmKernel.enabled, !geometry.isPointwise {
            if usesWinograd(&shape) {
                return weightGradientWinograd(
                    small: floatPointer(small), big: floatPointer(big), out: floatPointer(out))
            }
            if cvk_im2col_packed_transposed_supported(&shape) != 0 {
                return weightGradientPacked(small: floatPointer(small), big: floatPointer(big), out: floatPointer(out))
            }
        }
        let g = geometry
        let total = groups * weightGroup
        out.update(repeating: 0, count: total)
        let sums = NNPartialSums(into: out, length: total)
        defer { sums.finish() }
        forEachChunk { range, buffer in
            sums.accumulate(range.lowerBound) { acc in
                for n in range {
                    for grp in 0..<groups {
                        let image = big + n * bigImage + grp * g.channels * bigPlane
                        let src = small + n * smallImage + grp * mg * smallPlane
                        let dst = acc + grp * weightGroup
                        guard let buffer else {
                            T.gemm(false, true, mg, g.rows, g.cols, 1, src, g.cols, image, g.cols, 1, dst, g.rows)
                            continue
                        }
                        for start in stride(from: 0, to: g.smallH, by: tile) {
                            let count = Swift.min(tile, g.smallH - start)
                            let width = count * g.smallW
                            g.im2col(image, buffer, rowStart: start, rowCount: count)
                            T.gemm(
                                false, true, mg, g.rows, width, 1, src + start * g.smallW, g.cols, buffer, width, 1,
                                dst, g.rows)
                        }
                    }
                }
            }
        }
    }
}

/// rows[r, 0..<width] += bias[r] for `rows` rows `stride` apart (one output tile of a convolution).
@inline(__always)
func addRowBias<T: NNFloat>(
    _ out: UnsafeMutablePointer<T>, _ bias: UnsafePointer<T>, rows: Int, width: Int, stride: Int
) {
    for r in 0..<rows {
        let b = bias[r], p = out + r * stride
        for i in 0..<width { p[i] += b }
    }
}

/// out[n, c, :] += bias[c] over a contiguous [batch, channels, plane] tensor.
func nnAddBias<T: NNFloat>(
    _ out: UnsafeMutablePointer<T>, _ bias: UnsafePointer<T>, batch: Int, channels: Int, plane: Int
) {
    parallelFor(batch * channels, grain: Swift.max(1, Threads.grainSize / Swift.max(plane, 1))) { range in
        for row in range {
            let b = bias[row % channels]
            let p = out + row * plane
            for i in 0..<plane { p[i] += b }
        }
    }
}

/// grad_bias[c] = Σ over batch and plane of grad[n, c, :], accumulated in Double.
func nnSumPerChannel<T: NNFloat>(
    _ grad: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>, batch: Int, channels: Int, plane: Int
) {
    parallelFor(channels, grain: Swift.max(1, Threads.grainSize / Swift.max(plane * batch, 1))) { range in
        for c in range {
            var s = 0.0
            for n in 0..<batch {
                let p = grad + (n * channels + c) * plane
                s += nnSum(p, plane)
            }
            out[c] = T(s)
        }
    }
}
