import Foundation

/// The reductions norms, trace and einsum need, until the Reduction family lands: one pass over each
/// output's reduced elements, accumulating in Double (floats) or wrapping Int64 (integers).
enum LAReduction {
    case sum, sumAbs, sumSquares, sumAbsPow(Double), maxAbs, minAbs, countNonzero, max, min
}

/// Reduces `t` over `dims` (wrapped, any order); the result keeps a floating `t`'s dtype, integer and
/// bool sums give int64 (torch.sum's promotion).
func laReduce(_ t: Tensor, dims: [Int], keepdim: Bool, _ op: LAReduction) -> Tensor {
    let rank = t.ndim
    let reduced = Set(dims.map { wrapDim($0, rank) })
    let kept = (0..<rank).filter { !reduced.contains($0) }
    let inner = reduced.sorted().map { t.sizes[$0] }.reduce(1, *)
    let outShape = keepdim
        ? (0..<rank).map { reduced.contains($0) ? 1 : t.sizes[$0] } : kept.map { t.sizes[$0] }
    let source = t.laPermuted(kept + reduced.sorted()).contiguous()
    let result = Tensor(uninitializedShape: outShape, dtype: t.dtype.isFloatingPoint ? t.dtype : .int64)
    switch t.dtype {
    case .float32: laReduceKernel(Float.self, source, result, inner, op)
    case .float64: laReduceKernel(Double.self, source, result, inner, op)
    case .float16: laReduceKernel(Float16.self, source, result, inner, op)
    case .bfloat16:
        let wide = Tensor(uninitializedShape: outShape, dtype: .float32)
        laReduceKernel(Float.self, source.to(.float32), wide, inner, op)
        result.copy_(wide)
    case .bool, .uint8: laIntegerSum(UInt8.self, source.to(.uint8), result, inner)
    case .int8: laIntegerSum(Int8.self, source, result, inner)
    case .int16: laIntegerSum(Int16.self, source, result, inner)
    case .int32: laIntegerSum(Int32.self, source, result, inner)
    case .int64: laIntegerSum(Int64.self, source, result, inner)
    }
    return result
}

private func laReduceKernel<T: FloatTensorElement>(_: T.Type, _ source: Tensor, _ result: Tensor, _ inner: Int, _ op: LAReduction) {
    let input = source.pointer(T.self), output = result.mutablePointer(T.self)
    parallelFor(result.numel, grain: Swift.max(1, Threads.grainSize / Swift.max(inner, 1))) { range in
        for o in range {
            let row = input + o * inner
            var acc = 0.0
            switch op {
            case .sum: for i in 0..<inner { acc += Double(row[i]) }
            case .sumAbs: for i in 0..<inner { acc += Swift.abs(Double(row[i])) }
            case .sumSquares: for i in 0..<inner { let x = Double(row[i]); acc += x * x }
            case .sumAbsPow(let p): for i in 0..<inner { acc += pow(Swift.abs(Double(row[i])), p) }
            case .countNonzero: for i in 0..<inner where row[i] != 0 { acc += 1 }
            case .maxAbs, .max:
                acc = -.infinity
                for i in 0..<inner {
                    let x = op == .max ? Double(row[i]) : Swift.abs(Double(row[i]))
                    if x.isNaN || acc.isNaN { acc = .nan } else if x > acc { acc = x }
                }
            case .minAbs, .min:
                acc = .infinity
                for i in 0..<inner {
                    let x = op == .min ? Double(row[i]) : Swift.abs(Double(row[i]))
                    if x.isNaN || acc.isNaN { acc = .nan } else if x < acc { acc = x }
                }
            }
            output[o] = T(acc)
        }
    }
}

extension LAReduction: Equatable {}

private func laIntegerSum<T: IntegerTensorElement>(_: T.Type, _ source: Tensor, _ result: Tensor, _ inner: Int) {
    let input = source.pointer(T.self)
    let wide = Tensor(uninitializedShape: result.sizes, dtype: .int64)
    let output = wide.mutablePointer(Int64.self)
    for o in 0..<result.numel {
        var acc: Int64 = 0
        for i in 0..<inner { acc = acc &+ Int64(truncatingIfNeeded: input[o * inner + i]) }
        output[o] = acc
    }
    result.copy_(wide)
}
