/// Pooling on integer tensors, as torch's CPU kernels do it: `max_pool2d` for every integer dtype (the
/// window's first maximum, seeded with the dtype's lowest value) and `avg_pool2d` for int64 only (the sum in
/// int64 divided with C++'s truncating division). Integers carry no gradient, so nothing is recorded.
extension NNOps {
    static func maxPool2dIntegers(_ input: Tensor, _ p: PoolParams) -> (output: Tensor, indices: Tensor) {
        switch input.dtype {
        case .uint8: maxPool2dIntegers(UInt8.self, input, p)
        case .int8: maxPool2dIntegers(Int8.self, input, p)
        case .int16: maxPool2dIntegers(Int16.self, input, p)
        case .int32: maxPool2dIntegers(Int32.self, input, p)
        case .int64: maxPool2dIntegers(Int64.self, input, p)
        default: torchFail("\"max_pool2d\" not implemented for '\(input.dtype.scalarTypeName)'")
        }
    }

    private static func maxPool2dIntegers<T: FixedWidthInteger & TensorElement>(
        _: T.Type, _ input: Tensor, _ p: PoolParams
    ) -> (output: Tensor, indices: Tensor) {
        let x = input.contiguous()
        let out = Tensor(uninitializedShape: p.outputShape, dtype: x.dtype)
        let idx = Tensor(uninitializedShape: p.outputShape, dtype: .int64)
        let src = x.pointer(T.self), dst = out.mutablePointer(T.self), ind = idx.mutablePointer(Int64.self)
        let inPlane = p.inH * p.inW
        var o = 0
        for plane in 0..<p.planes {
            let x = src + plane * inPlane
            for oh in 0..<p.outH {
                let (h0, h1) = p.maxWindow(oh, p.sH, p.pH, p.kH, p.dH, p.inH)
                for ow in 0..<p.outW {
                    let (w0, w1) = p.maxWindow(ow, p.sW, p.pW, p.kW, p.dW, p.inW)
                    var best = h0 * p.inW + w0, maxValue = T.min
                    for h in stride(from: h0, to: h1, by: p.dH) {
                        for w in stride(from: w0, to: w1, by: p.dW) where x[h * p.inW + w] > maxValue {
                            maxValue = x[h * p.inW + w]
                            best = h * p.inW + w
                        }
                    }
                    dst[o] = maxValue
                    ind[o] = Int64(best)
                    o += 1
                }
            }
        }
        return (out, idx)
    }

    static func avgPool2dInt64(_ input: Tensor, _ p: PoolParams, includePad: Bool, divisor: Int?) -> Tensor {
        let x = input.contiguous()
        let out = Tensor(uninitializedShape: p.outputShape, dtype: .int64)
        let src = x.pointer(Int64.self), dst = out.mutablePointer(Int64.self)
        let inPlane = p.inH * p.inW
        var o = 0
        for plane in 0..<p.planes {
            let s = src + plane * inPlane
            for oh in 0..<p.outH {
                for ow in 0..<p.outW {
                    let (h0, h1, w0, w1, count) = p.avgWindow(oh, ow, includePad: includePad, divisor: divisor)
                    defer { o += 1 }
                    if h0 >= h1 || w0 >= w1 {
                        dst[o] = 0
                        continue
                    }
                    var sum: Int64 = 0
                    for h in h0..<h1 { for w in w0..<w1 { sum &+= s[h * p.inW + w] } }
                    dst[o] = sum / Int64(count)
                }
            }
        }
        return out
    }
}
