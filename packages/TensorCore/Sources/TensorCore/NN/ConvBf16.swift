import CVectorKernels

/// bfloat16 convolution (forward, input and weight gradients) on the AVX512_BF16 GEMM with float32
/// accumulation, as torch's oneDNN bf16 convolutions: bf16 im2col tiles (`cvk_im2col_u16`), the weight
/// packed once per call (`cvk_bf16gemm_pack_a`), each tile's float32 result plus bias rounded once to
/// bf16. Where the instruction is missing or `ATEN_CPU_CAPABILITY` is below avx512 (and in debug builds
/// outside `SgemmKernel.withForced`), convolutions keep their float32-copy route (ReducedPrecision.swift):
/// float32 accumulation and one rounding either way; the two differ by float32 summation order and
/// vdpbf16ps's pair rounding only.
enum Bf16Conv {
    /// True when `NNOps.convolution` of these operands takes this route: all bf16, not transposed, not
    /// depthwise (that stays on the depthwise kernel), on a CPU with AVX512_BF16.
    static func applies(_ input: Tensor, _ weight: Tensor, _ bias: Tensor?, _ params: ConvParams) -> Bool {
        guard Bf16GemmKernel.enabled, !params.transposed, input.dtype == .bfloat16, weight.dtype == .bfloat16,
            bias == nil || bias!.dtype == .bfloat16, input.ndim == weight.ndim
        else { return false }
        let mg = weight.size(0) / params.groups
        return mg >= 2 && !(params.groups > 1 && weight.size(1) == 1)
    }

    /// Convolution forward (input, weight and bias bf16; shapes checked by the caller).
    static func forward(_ input: Tensor, _ weight: Tensor, _ bias: Tensor?, _ params: ConvParams) -> Tensor {
        let x = input.contiguous(), w = weight.contiguous()
        let out = Tensor(uninitializedShape: params.outputSize(x.sizes, w.sizes), dtype: .bfloat16)
        if out.numel == 0 { return out }
        if x.numel == 0 {
            out.zero_()
            return out
        }
        let engine = params.engine(Float.self, input: x.sizes, weight: w.sizes)
        let biasValues = bias.map { $0.contiguous().to(.float32) }
        withExtendedLifetime(biasValues) {
            run(
                engine, x: bits(x), w: bits(w), bias: biasValues.map { UnsafePointer($0.mutablePointer(Float.self)) },
                out: out.rawPointer.assumingMemoryBound(to: UInt16.self))
        }
        return out
    }

    /// Gradients of a bf16 convolution that `applies`; nil where the input gradient has no route here
    /// (the caller then takes the float32-copy route for everything).
    static func backward(
        _ gy: Tensor, _ input: Tensor, _ weight: Tensor, params: ConvParams, mask: [Bool]
    ) -> (gradInput: Tensor?, gradWeight: Tensor?, gradBias: Tensor?)? {
        let direct = params.inputGradientAsConvolution(weight: weight.sizes)
        if mask[0] && direct == nil { return nil }
        let gy = gy.contiguous(), x = input.contiguous(), w = weight.contiguous()
        var gradInput: Tensor?, gradWeight: Tensor?, gradBias: Tensor?
        if mask[0], let direct {
            // Unit stride: the forward convolution of dY with the weight transposed and flipped (ConvInputGradient.swift).
            let outC = w.size(0), inC = w.size(1), taps = w.sizes.dropFirst(2).reduce(1, *)
            let flipped = Tensor(uninitializedShape: [inC, outC] + Array(w.sizes.dropFirst(2)), dtype: .bfloat16)
            nnFlipTransposedWeight(
                bits(w), into: flipped.rawPointer.assumingMemoryBound(to: UInt16.self), outC: outC, inC: inC,
                taps: taps)
            let gi = forward(gy, flipped, nil, direct)
            guard gi.sizes == x.sizes else { return nil }
            gradInput = gi
        }
        if mask[1] {
            let gw = Tensor(uninitializedShape: w.sizes, dtype: .bfloat16)
            if x.numel == 0 || gy.numel == 0 {
                gw.zero_()
            } else {
                let engine = params.engine(Float.self, input: x.sizes, weight: w.sizes)
                let sums = Tensor(uninitializedShape: w.sizes, dtype: .float32)
                weightGradient(engine, gy: bits(gy), x: bits(x), out: sums.mutablePointer(Float.self))
                cvk_f32_to_bf16(
                    sums.mutablePointer(Float.self), gw.rawPointer.assumingMemoryBound(to: UInt16.self), gw.numel,
                    0x7FC0)
            }
            gradWeight = gw
        }
        if mask[2] {
            let channels = gy.size(1), plane = gy.sizes.dropFirst(2).reduce(1, *), batch = gy.size(0)
            let sums = Tensor(uninitializedShape: [channels], dtype: .float32)
            let p = bits(gy), s = sums.mutablePointer(Float.self)
            parallelFor(channels, grain: Swift.max(1, Threads.grainSize / Swift.max(plane * batch, 1))) { range in
                let row = AlignedFloats(count: plane)
                for c in range {
                    var total = 0.0
                    for n in 0..<batch {
                        cvk_bf16_to_f32(p + (n * channels + c) * plane, row.pointer, plane)
                        total += nnSum(UnsafePointer(row.pointer), plane)
                    }
                    s[c] = Float(total)
                }
            }
            gradBias = sums.to(.bfloat16)
        }
        return (gradInput, gradWeight, gradBias)
    }

    private static func bits(_ t: Tensor) -> UnsafePointer<UInt16> {
        UnsafeRawPointer(t.rawPointer).assumingMemoryBound(to: UInt16.self)
    }

    /// Tiles of the column matrix: whole images side by side when an image's grid is narrower than
    /// `width` columns, else runs of grid rows of one image, so each tile is about `width` wide.
    private struct Tiles {
        let batch: Int, smallH: Int, smallW: Int
        let images: Int, rows: Int

        init(_ g: ConvGeometry, batch: Int, width: Int) {
            self.batch = batch
            smallH = g.smallH
            smallW = g.smallW
            if g.cols <= width {
                images = Swift.max(1, Swift.min(batch, width / Swift.max(g.cols, 1)))
                rows = g.smallH
            } else {
                images = 1
                // Equal runs of rows: a 32-row grid at 28 rows a tile would leave a 4-row tile.
                let most = Swift.max(1, width / Swift.max(g.smallW, 1)), runs = (g.smallH + most - 1) / most
                rows = (g.smallH + runs - 1) / runs
            }
        }

        var perImage: Int { (smallH + rows - 1) / rows }
        var count: Int { images > 1 ? (batch + images - 1) / images : batch * perImage }
        var widest: Int { images * rows * smallW }

        /// First image, images, first grid row, grid rows of tile `t`.
        func tile(_ t: Int) -> (n: Int, images: Int, row: Int, rows: Int) {
            if images > 1 { return (t * images, Swift.min(images, batch - t * images), 0, smallH) }
            let n = t / perImage, r = t % perImage * rows
            return (n, 1, r, Swift.min(rows, smallH - r))
        }
    }

    /// small = W × im2col(big) + bias, rounded to bf16: per (tile, group), im2col into a [K][width] bf16
    /// matrix, one GEMM into float32, bias and rounding while the tile is in cache.
    private static func run(
        _ e: ConvEngine<Float>, x: UnsafePointer<UInt16>, w: UnsafePointer<UInt16>, bias: UnsafePointer<Float>?,
        out: UnsafeMutablePointer<UInt16>
    ) {
        let g = e.geometry, k = g.rows, mg = e.mg, groups = e.groups
        let aCount = Int(cvk_bf16gemm_packed_a_count(mg, k))
        let packed = UnsafeMutablePointer<UInt32>.allocate(capacity: Swift.max(groups * aCount, 1))
        defer { packed.deallocate() }
        for grp in 0..<groups { cvk_bf16gemm_pack_a(0, mg, k, w + grp * e.weightGroup, k, packed + grp * aCount) }
        // About 1 MB of bf16 columns per tile (L2), at least a few 32-wide panels, at most one GEMM column block.
        let tiles = Tiles(g, batch: e.batch, width: Swift.min(2048, Swift.max(256, (1 << 19) / Swift.max(k, 1))))
        let widest = tiles.widest
        parallelFor(tiles.count * groups, grain: 1) { items in
            let columns = UnsafeMutablePointer<UInt16>.allocate(capacity: k * widest)
            defer { columns.deallocate() }
            let result = AlignedFloats(count: mg * widest)
            var shape = g.cShape
            for item in items {
                let grp = item % groups, t = tiles.tile(item / groups)
                let segment = t.rows * g.smallW, width = t.images * segment
                for j in 0..<t.images {
                    let image = x + (t.n + j) * e.bigImage + grp * g.channels * e.bigPlane
                    cvk_im2col_u16(image, &shape, t.row, t.rows, columns + j * segment, width)
                }
                cvk_bf16gemm_packed_a(
                    mg, width, k, 1, packed + grp * aCount, 0, columns, width, 0, result.pointer, width)
                for i in 0..<mg {
                    let row = result.pointer + i * width
                    if let bias {
                        let b = bias[grp * mg + i]
                        for p in 0..<width { row[p] += b }
                    }
                    for j in 0..<t.images {
                        let dst = out + (t.n + j) * e.smallImage + (grp * mg + i) * e.smallPlane + t.row * g.smallW
                        cvk_f32_to_bf16(row + j * segment, dst, segment, 0x7FC0)
                    }
                }
            }
        }
    }

    /// dW[grp] = Σ over tiles of dY_tile [mg][width] × col_tileᵀ, in float32; tiles about 512 grid
    /// positions wide (one K block of the GEMM, so the float32 accumulator is read and written once per
    /// tile). Chunks of tiles accumulate privately and merge in order (NNPartialSums).
    private static func weightGradient(
        _ e: ConvEngine<Float>, gy: UnsafePointer<UInt16>, x: UnsafePointer<UInt16>, out: UnsafeMutablePointer<Float>
    ) {
        let g = e.geometry, k = g.rows, mg = e.mg, groups = e.groups, total = groups * e.weightGroup
        let tiles = Tiles(g, batch: e.batch, width: 512), widest = tiles.widest
        out.update(repeating: 0, count: total)
        let sums = NNPartialSums(into: out, length: total)
        defer { sums.finish() }
        nnParallelItems(tiles.count) { range in
            sums.accumulate(range.lowerBound) { acc in
                let columns = UnsafeMutablePointer<UInt16>.allocate(capacity: k * widest)
                let dy = UnsafeMutablePointer<UInt16>.allocate(capacity: mg * widest)
                defer {
                    columns.deallocate()
                    dy.deallocate()
                }
                var shape = g.cShape
                for index in range {
                    let t = tiles.tile(index)
                    let segment = t.rows * g.smallW, width = t.images * segment
                    for grp in 0..<groups {
                        for j in 0..<t.images {
                            let image = x + (t.n + j) * e.bigImage + grp * g.channels * e.bigPlane
                            cvk_im2col_u16(image, &shape, t.row, t.rows, columns + j * segment, width)
                            for i in 0..<mg {
                                let src =
                                    gy + (t.n + j) * e.smallImage + (grp * mg + i) * e.smallPlane + t.row * g.smallW
                                (dy + i * width + j * segment).update(from: src, count: segment)
                            }
                        }
                        cvk_bf16gemm(0, 1, mg, k, width, 1, dy, width, columns, width, 1, acc + grp * e.weightGroup, k)
                    }
                }
            }
        }
    }
}
