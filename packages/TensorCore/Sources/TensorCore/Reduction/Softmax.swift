import CVectorKernels

/// softmax / log_softmax along one dim, numerically stable: exp(x - max) normalized by its sum.
/// Half types compute in Float. The innermost case is vectorized per row; other dims work on
/// column tiles so memory is read row by row.

private struct SoftmaxVisitor: ReduceFloatVisitor {
    let lanes: DimLanes
    let out: Tensor
    let log: Bool

    func visit<T: FloatReduceElement>(_: T.Type) {
        let src = lanes.base(T.self)
        let dst = out.mutablePointer(T.self)
        let (outer, size, inner) = (lanes.outer, lanes.size, lanes.inner)
        if size == 0 || outer * inner == 0 { return }
        if inner == 1 {
            parallelFor(outer, grain: Swift.max(1, Threads.grainSize / (4 * size))) { range in
                withUnsafeTemporaryAllocation(of: T.Acc.self, capacity: size) { buffer in
                    for o in range { row(src + o * size, dst + o * size, size, buffer.baseAddress!) }
                }
            }
            return
        }
        let tiles = (inner + reduceTileWidth - 1) / reduceTileWidth
        parallelFor(
            outer * tiles, grain: Swift.max(1, Threads.grainSize / (4 * size * Swift.min(inner, reduceTileWidth)))
        ) { range in
            withUnsafeTemporaryAllocation(of: T.Acc.self, capacity: 2 * reduceTileWidth) { buffer in
                for item in range {
                    let o = item / tiles, c0 = (item % tiles) * reduceTileWidth
                    let offset = o * size * inner + c0
                    columns(
                        src + offset, dst + offset, size, inner, Swift.min(reduceTileWidth, inner - c0),
                        buffer.baseAddress!)
                }
            }
        }
    }

    /// One contiguous row of `n` elements.
    @inline(__always)
    private func row<T: FloatReduceElement>(
        _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, _ n: Int, _ scratch: UnsafeMutablePointer<T.Acc>
    ) {
        if T.self == Float.self && VectorKernels.avx2 {
            return floatRowAVX2(
                UnsafeRawPointer(x).assumingMemoryBound(to: Float.self),
                UnsafeMutableRawPointer(y).assumingMemoryBound(to: Float.self), n)
        }
        var m = T.widen(x[0])
        if T.self == Float.self {
            m = unsafeBitCast(
                simdExtremum(UnsafeRawPointer(x).assumingMemoryBound(to: Float.self), n, MaxDirection.self),
                to: T.Acc.self)
        } else {
            for i in 0..<n {
                let v = T.widen(x[i])
                if v.isNaN {
                    m = v
                    break
                }
                if v > m { m = v }
            }
        }
        if log {
            // PyTorch keeps the sum and its log in T here (no-ops for float/double).
            let sum = T.widen(T.narrow(expShiftSum(x, nil, n, shift: m)))
            let logSum = T.widen(T.narrow(T.Acc.accLog(sum)))
            for i in 0..<n { y[i] = T.narrow(T.widen(x[i]) - m - logSum) }
        } else if T.self == T.Acc.self {
            let yAcc = UnsafeMutableRawPointer(y).assumingMemoryBound(to: T.Acc.self)
            let scale = 1 / expShiftSum(x, yAcc, n, shift: m)
            for i in 0..<n { yAcc[i] *= scale }
        } else {
            let scale = 1 / expShiftSum(x, scratch, n, shift: m)
            for i in 0..<n { y[i] = T.narrow(scratch[i] * scale) }
        }
    }

    /// The float32 row through the AVX2 kernels: the same three passes and roundings as `row`.
    @inline(__always)
    private func floatRowAVX2(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        let m = cvk_max_f32(x, n)
        if log {
            cvk_subtract2_f32(x, y, n, m, Float.log(cvk_exp_shift_sum_f32(x, nil, n, m)))
        } else {
            cvk_scale_f32(y, n, 1 / cvk_exp_shift_sum_f32(x, y, n, m))
        }
    }

    /// `width` columns of `rows` rows at stride `stride`.
    @inline(__always)
    private func columns<T: FloatReduceElement>(
        _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, _ rows: Int, _ stride: Int, _ width: Int,
        _ scratch: UnsafeMutablePointer<T.Acc>
    ) {
        let maxes = scratch, sums = scratch + width
        for j in 0..<width { maxes[j] = T.widen(x[j]) }
        for r in 0..<rows {
            let rowPtr = x + r * stride
            for j in 0..<width {
                let v = T.widen(rowPtr[j])
                if !maxes[j].isNaN && (v.isNaN || v > maxes[j]) { maxes[j] = v }
            }
        }
        sums.update(repeating: 0, count: width)
        for r in 0..<rows {
            let rowPtr = x + r * stride
            var j = 0
            if T.self == Float.self {
                let xf = UnsafeRawPointer(rowPtr), mf = UnsafeRawPointer(maxes), sf = UnsafeMutableRawPointer(sums)
                while j + 8 <= width {
                    let offset = j * MemoryLayout<Float>.stride
                    let e = VectorMath.exp(
                        xf.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
                            - mf.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self))
                    sf.storeBytes(
                        of: sf.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self) + e,
                        toByteOffset: offset, as: SIMD8<Float>.self)
                    j += 8
                }
            }
            while j < width {
                sums[j] += T.Acc.accExp(T.widen(rowPtr[j]) - maxes[j])
                j += 1
            }
        }
        if log {
            for j in 0..<width { sums[j] = T.Acc.accLog(sums[j]) }
        }
        // As PyTorch's non-innermost kernel: exp rounded to T, then divided by the Acc sum.
        for r in 0..<rows {
            let xr = x + r * stride, yr = y + r * stride
            var j = 0
            if T.self == Float.self && !log {
                let xf = UnsafeRawPointer(xr), yf = UnsafeMutableRawPointer(yr)
                let mf = UnsafeRawPointer(maxes), sf = UnsafeRawPointer(sums)
                while j + 8 <= width {
                    let offset = j * MemoryLayout<Float>.stride
                    let e = VectorMath.exp(
                        xf.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
                            - mf.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self))
                    yf.storeBytes(
                        of: e / sf.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self),
                        toByteOffset: offset, as: SIMD8<Float>.self)
                    j += 8
                }
            }
            while j < width {
                let v = T.widen(xr[j]) - maxes[j]
                yr[j] = T.narrow(log ? v - sums[j] : T.widen(T.narrow(T.Acc.accExp(v))) / sums[j])
                j += 1
            }
        }
    }
}

private func softmaxImpl(_ x: Tensor, _ dim: Int, _ dtype: DType?, log: Bool) -> Tensor {
    let input = dtype.map { x.to($0) } ?? x
    let d = wrapDim(dim, input.ndim)
    if !input.dtype.isFloatingPoint {
        let kernel = (d == Swift.max(input.ndim - 1, 0) ? "_lastdim" : "") + "_kernel_impl"
        torchFail("\"\(log ? "log_softmax" : "softmax")\(kernel)\" not implemented for '\(input.dtype.scalarTypeName)'")
    }
    let lanes = DimLanes(input, dim: d)
    let out = Tensor(uninitializedShape: input.sizes, dtype: input.dtype)
    input.dtype.visitReduceFloat(SoftmaxVisitor(lanes: lanes, out: out, log: log))
    return out.recorded(log ? .logSoftmax(dim: d) : .softmax(dim: d), input)
}

extension Tensor {
    /// `torch.softmax(input, dim, dtype=None)`: `dtype` casts the input first.
    public func softmax(dim: Int, dtype: DType? = nil) -> Tensor { softmaxImpl(self, dim, dtype, log: false) }
    /// `torch.log_softmax`: x - max - log(sum(exp(x - max))).
    public func logSoftmax(dim: Int, dtype: DType? = nil) -> Tensor { softmaxImpl(self, dim, dtype, log: true) }
}
