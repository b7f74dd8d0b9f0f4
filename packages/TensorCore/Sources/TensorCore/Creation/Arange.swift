import Foundation

// `torch.arange`: the size is ceil((end - start) / step) in double (exact integer arithmetic for
// int64), and element i is `start + step * i` in the accumulate type (double for float and double,
// float for half types) with the multiply-add fused, as torch's AVX2 kernel computes it — vectors
// of 8 floats / 4 doubles / 16 halves take their lanes as `base + lane * step` from the vector start.

private struct ArangeKernel: ElementVisitor {
    let out: Tensor
    let start: Scalar
    let step: Scalar

    func visit<T: TensorElement>(_: T.Type) {
        let p = out.mutablePointer(T.self)
        let box = UnsafeSendableBox(p)
        let count = out.numel
        switch T.dtype {
        case .float32, .float64:
            let s = start.doubleValue, d = step.doubleValue
            let width = T.dtype == .float32 ? 8 : 4
            torchParallelFor(count) { range in
                vectorizedFill(
                    box.value, range, width: width,
                    vector: { index, lane in
                        let base = T(fromDouble: s.addingProduct(d, Double(index))).asDouble
                        return T(fromDouble: base.addingProduct(Double(lane), d))
                    },
                    scalar: { T(fromDouble: s.addingProduct(d, Double($0))) })
            }
        case .float16, .bfloat16:
            let s = Float(start.doubleValue), d = Float(step.doubleValue)
            torchParallelFor(count) { range in
                vectorizedFill(
                    box.value, range, width: 16,
                    vector: { index, lane in
                        let base = Float(T(fromDouble: Double(quickFMA(d, Float(index), s))).asDouble)
                        return T(fromDouble: Double(quickFMA(Float(lane), d, base)))
                    },
                    scalar: { T(fromDouble: Double(quickFMA(d, Float($0), s))) })
            }
        case .bool:
            torchFail("\"arange_cpu\" not implemented for 'Bool'")
        default:
            let s = start.int64Value, d = step.int64Value
            torchParallelFor(count) { range in
                for i in range { box.value[i] = T(fromInt64: s &+ d &* Int64(i)) }
            }
        }
    }
}

extension Tensor {
    /// `torch.arange(start, end, step)`: int64 when every argument is an integer, else the default
    /// float dtype, unless `dtype` says otherwise.
    public static func arange(_ start: Scalar, _ end: Scalar, _ step: Scalar = 1, dtype: DType? = nil) -> Tensor {
        let isFloat = [start, end, step].contains { if case .double = $0 { true } else { false } }
        let dtype = dtype ?? (isFloat ? DType.defaultFloatingPoint : .int64)
        torchCheck(dtype != .bool, "\"arange_cpu\" not implemented for 'Bool'")
        // torch checks in the accumulate type: integers truncate the arguments first.
        let accInteger = !dtype.isFloatingPoint
        func acc(_ s: Scalar) -> Double {
            accInteger
                ? Double(s.int64Value)
                : (dtype == .float16 || dtype == .bfloat16 ? Double(Float(s.doubleValue)) : s.doubleValue)
        }
        let xstart = acc(start), xend = acc(end), xstep = acc(step)
        torchCheck(xstep > 0 || xstep < 0, "step must be nonzero")
        torchCheck(
            xstart.isFinite && xend.isFinite,
            "unsupported range: \(accInteger ? String(Int64(xstart)) : cppDoubleString(xstart)) -> \(accInteger ? String(Int64(xend)) : cppDoubleString(xend))"
        )
        torchCheck(
            (xstep > 0 && xend >= xstart) || (xstep < 0 && xend <= xstart),
            "upper bound and lower bound inconsistent with step sign")
        let sizeD: Double
        if dtype == .int64 {
            let s = start.int64Value, e = end.int64Value, d = step.int64Value
            let sign: Int64 = d > 0 ? 1 : -1
            sizeD = Double((e &- s &+ d &- sign) / d)
        } else {
            sizeD = ((end.doubleValue - start.doubleValue) / step.doubleValue).rounded(.up)
        }
        torchCheck(sizeD >= 0 && sizeD <= Double(Int64.max), "invalid size, possible overflow?")
        let result = Tensor(uninitializedShape: [Int(sizeD)], dtype: dtype)
        let typedStep: Scalar = accInteger ? .int(step.int64Value) : .double(xstep)
        let typedStart: Scalar = accInteger ? .int(start.int64Value) : .double(xstart)
        dtype.visit(ArangeKernel(out: result, start: typedStart, step: typedStep))
        return result
    }

    /// `torch.arange(end)`: 0, 1, ..., up to but excluding `end`.
    public static func arange(_ end: Scalar, dtype: DType? = nil) -> Tensor {
        arange(.int(0), end, .int(1), dtype: dtype)
    }
}
