import Foundation

// `torch.linspace` / `torch.logspace`. linspace is symmetric: the first half counts up from `start`,
// the second half down from `end` (`end - step * (steps - i - 1)`), so both ends are exact. Floats use
// a step in their own type and a fused multiply-add per element (torch's AVX2 kernel); integers use a
// double step and truncate. logspace runs in double with libm's pow and no fusion (a generic kernel).

private struct LinspaceKernel: ElementVisitor {
    let out: Tensor
    let start: Double
    let end: Double

    func visit<T: TensorElement>(_: T.Type) {
        let steps = out.numel
        let box = UnsafeSendableBox(out.mutablePointer(T.self))
        let halfway = steps / 2
        switch T.dtype {
        case .float32:
            let s = Float(start), e = Float(end)
            let d = (e - s) / Float(steps - 1)
            torchParallelFor(steps) { range in
                for i in range {
                    box.value[i] = unsafeBitCast(
                        i < halfway
                            ? quickFMA(d, Float(i), s) : quickFMA(-d, Float(steps - i - 1), e),
                        to: T.self)
                }
            }
        case .float64:
            let d = (end - start) / Double(steps - 1)
            torchParallelFor(steps) { range in
                for i in range {
                    box.value[i] = unsafeBitCast(
                        i < halfway ? start.addingProduct(d, Double(i)) : end.addingProduct(-d, Double(steps - i - 1)),
                        to: T.self)
                }
            }
        case .float16, .bfloat16:
            // Half types: ends rounded to the type, then float math, rounded once per element.
            let s = Float(T(fromDouble: start).asDouble), e = Float(T(fromDouble: end).asDouble)
            let d = (e - s) / Float(steps - 1)
            torchParallelFor(steps) { range in
                for i in range {
                    let value = i < halfway ? quickFMA(d, Float(i), s) : quickFMA(-d, Float(steps - i - 1), e)
                    box.value[i] = T(fromDouble: Double(value))
                }
            }
        default:
            let s = Double(T(fromDouble: start).asInt64), e = Double(T(fromDouble: end).asInt64)
            let d = (e - s) / Double(steps - 1)
            torchParallelFor(steps) { range in
                for i in range {
                    let value = i < halfway ? s.addingProduct(d, Double(i)) : e.addingProduct(-d, Double(steps - i - 1))
                    box.value[i] = T(fromDouble: value)
                }
            }
        }
    }
}

private struct LogspaceKernel: ElementVisitor {
    let out: Tensor
    let start: Double
    let end: Double
    let base: Double

    func visit<T: TensorElement>(_: T.Type) {
        let steps = out.numel
        let p = out.mutablePointer(T.self)
        // start/end in the element type first (uint8 wraps -1 to 255); the span is taken as C++ does (int
        // arithmetic below 32 bits, the type's own above), then widened.
        let s = T(fromDouble: start), e = T(fromDouble: end)
        let span: Double
        if T.dtype.isFloatingPoint {
            span = T(fromDouble: e.asDouble - s.asDouble).asDouble
        } else if MemoryLayout<T>.size < 4 {
            span = Double(e.asInt64 - s.asInt64)  // C++ promotes types narrower than int: no wraparound
        } else {
            span = Double(T(fromInt64: e.asInt64 &- s.asInt64).asInt64)
        }
        let step = span / Double(steps - 1)
        let halfway = steps / 2
        for i in 0..<steps {
            let exponent = i < halfway ? s.asDouble + step * Double(i) : e.asDouble - step * Double(steps - i - 1)
            p[i] = T(fromDouble: Foundation.pow(base, exponent))
        }
    }
}

extension Tensor {
    /// `torch.linspace(start, end, steps)`: evenly spaced values, both ends included (default float dtype).
    public static func linspace(_ start: Double, _ end: Double, _ steps: Int, dtype: DType? = nil) -> Tensor {
        torchCheck(steps >= 0, "number of steps must be non-negative")
        torchCheck(dtype != .bool, "\"linspace_cpu\" not implemented for 'Bool'")
        let result = Tensor(uninitializedShape: [steps], dtype: dtype ?? .defaultFloatingPoint)
        if steps == 1 {
            result.fill_(.double(start))
        } else if steps > 1 {
            result.dtype.visit(LinspaceKernel(out: result, start: start, end: end))
        }
        return result
    }

    /// `torch.logspace(start, end, steps, base)`: `base ** linspace(start, end, steps)`.
    public static func logspace(
        _ start: Double, _ end: Double, _ steps: Int, base: Double = 10, dtype: DType? = nil
    ) -> Tensor {
        torchCheck(steps >= 0, "number of steps must be non-negative")
        torchCheck(dtype != .bool, "\"logspace_cpu\" not implemented for 'Bool'")
        let result = Tensor(uninitializedShape: [steps], dtype: dtype ?? .defaultFloatingPoint)
        if steps == 1 {
            result.fill_(.double(Foundation.pow(base, start)))
        } else if steps > 1 {
            result.dtype.visit(LogspaceKernel(out: result, start: start, end: end, base: base))
        }
        return result
    }
}
