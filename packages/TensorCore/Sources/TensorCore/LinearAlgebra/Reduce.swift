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
    let outShape =
        keepdim
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

private func laReduceKernel<T: FloatTensorElement>(
    _: T.Type, _ source: Tensor, _ result: Tensor, _ inner: Int, _ op: LAReduction
) {
    let input = source.pointer(T.self), output = result.mutablePointer(T.self)
    if result.numel == 1 && inner >= 2 * Threads.grainSize {
        // One output over many elements (a full-tensor norm): split the run, then combine the partials.
        let chunks = Swift.min(Determinism.partitionWidth, inner / Threads.grainSize)
        var partials = [Double](repeating: 0, count: chunks)
        partials.withUnsafeMutableBufferPointer { slots in
            let slots = UnsafeSendableBox(slots)
            parallelFor(chunks, grain: 1) { range in
                for c in range {
                    let lo = inner * c / chunks, hi = inner * (c + 1) / chunks
                    slots.value[c] = laAccumulate(input + lo, hi - lo, op)
                }
            }
        }
        output[0] = T(laCombine(partials, op))
        return
    }
    parallelFor(result.numel, grain: Swift.max(1, Threads.grainSize / Swift.max(inner, 1))) { range in
        for o in range { output[o] = T(laAccumulate(input + o * inner, inner, op)) }
    }
}

@inline(__always)
private func laAccumulate<T: FloatTensorElement>(_ row: UnsafePointer<T>, _ count: Int, _ op: LAReduction) -> Double {
    var acc = 0.0
    switch op {
    case .sum: for i in 0..<count { acc += Double(row[i]) }
    case .sumAbs: for i in 0..<count { acc += Swift.abs(Double(row[i])) }
    case .sumSquares:
        for i in 0..<count {
            let x = Double(row[i])
            acc += x * x
        }
    case .sumAbsPow(let p): for i in 0..<count { acc += pow(Swift.abs(Double(row[i])), p) }
    case .countNonzero: for i in 0..<count where row[i] != 0 { acc += 1 }
    case .maxAbs, .max:
        acc = -.infinity
        for i in 0..<count {
            let x = op == .max ? Double(row[i]) : Swift.abs(Double(row[i]))
            if x.isNaN || acc.isNaN { acc = .nan } else if x > acc { acc = x }
        }
    case .minAbs, .min:
        acc = .infinity
        for i in 0..<count {
            let x = op == .min ? Double(row[i]) : Swift.abs(Double(row[i]))
            if x.isNaN || acc.isNaN { acc = .nan } else if x < acc { acc = x }
        }
    }
    return acc
}

private func laCombine(_ partials: [Double], _ op: LAReduction) -> Double {
    switch op {
    case .maxAbs, .max: partials.contains { $0.isNaN } ? .nan : partials.max()!
    case .minAbs, .min: partials.contains { $0.isNaN } ? .nan : partials.min()!
    default: partials.reduce(0, +)
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
