// Integer sampling: `random_(from, to)` / `randint` (`val % range + from`, 64-bit draws for ranges of
// 2^28 and more) and `randperm` (torch's forward Fisher-Yates with `random() % (n - i)`).

private struct RandomFromToKernel: ElementVisitor {
    let tensor: Tensor
    let range: UInt64
    let base: Int64
    let generator: Generator

    func visit<T: TensorElement>(_: T.Type) {
        // torch 2.15 draws 64 bits once the range reaches 2^28 (less modulo bias), 32 bits below.
        let wide = range >= (1 << 28)
        let t = tensor, range = range, base = base
        generator.withEngine { engine in
            if wide {
                serialRandomFill(t, T.self) {
                    T(fromInt64: Int64(bitPattern: engine.random64() % range &+ UInt64(bitPattern: base)))
                }
            } else if T.dtype.isFloatingPoint {
                serialRandomFill(t, T.self) {
                    T(
                        fromDouble: Double(
                            Int64(bitPattern: UInt64(engine.random()) % range &+ UInt64(bitPattern: base))))
                }
            } else {
                serialRandomFill(t, T.self) {
                    T(fromInt64: Int64(bitPattern: UInt64(engine.random()) % range &+ UInt64(bitPattern: base)))
                }
            }
        }
    }
}

extension DType {
    /// The integers this dtype holds exactly: its limits, or ±2^digits for floating point.
    fileprivate var sampleBounds: (Int64, Int64) {
        switch self {
        case .bool: return (0, 1)
        case .uint8: return (0, 255)
        case .int8: return (-128, 127)
        case .int16: return (-32768, 32767)
        case .int32: return (Int64(Int32.min), Int64(Int32.max))
        case .int64: return (.min, .max)
        case .float16: return (-(1 << 11), 1 << 11)
        case .bfloat16: return (-(1 << 8), 1 << 8)
        case .float32: return (-(1 << 24), 1 << 24)
        case .float64: return (-(1 << 53), 1 << 53)
        }
    }
}

extension Tensor {
    /// Fills with integers drawn uniformly from [from, to) (`random_(from, to)`).
    /// PyTorch: `torch.Tensor.random_(from, to)`.
    @discardableResult
    public func random_(_ from: Int64, _ to: Int64, generator: Generator? = nil) -> Tensor {
        if let tracked = recordedInPlace(nil, { $0.untrackedView().clone().random_(from, to, generator: generator) }) {
            return tracked
        }
        torchCheck(from < to, "random_ expects 'from' to be less than 'to', but got from=\(from) >= to=\(to)")
        if !dtype.isFloatingPoint {  // floats only warn in torch when out of their exact range
            let (low, high) = dtype.sampleBounds
            torchCheck(from >= low && from <= high, "from is out of bounds for \(dtype.cppTypeName)")
            torchCheck(to - 1 >= low && to - 1 <= high, "to - 1 is out of bounds for \(dtype.cppTypeName)")
        }
        let range = UInt64(bitPattern: to &- from)
        if numel > 0 {
            dtype.visit(
                RandomFromToKernel(tensor: self, range: range, base: from, generator: Generator.resolve(generator)))
        }
        bumpVersion()
        return self
    }

    /// Fills with integers from [0, to) (`random_(to)`).
    /// PyTorch: `torch.Tensor.random_(to)`.
    @discardableResult
    public func random_(_ to: Int64, generator: Generator? = nil) -> Tensor {
        random_(0, to, generator: generator)
    }

    /// `torch.randint(low, high, size)`: int64 unless `dtype` says otherwise.
    public static func randint(
        _ low: Int, _ high: Int, _ shape: [Int], generator: Generator? = nil, dtype: DType = .int64
    ) -> Tensor {
        empty(shape, dtype: dtype).random_(Int64(low), Int64(high), generator: generator)
    }

    /// `torch.randint(high, size)`.
    public static func randint(_ high: Int, _ shape: [Int], generator: Generator? = nil, dtype: DType = .int64)
        -> Tensor
    {
        randint(0, high, shape, generator: generator, dtype: dtype)
    }

    /// `torch.randint_like(t, low, high)`: `t`'s shape and dtype unless given.
    public static func randintLike(
        _ other: Tensor, _ low: Int = 0, _ high: Int, dtype: DType? = nil, generator: Generator? = nil
    ) -> Tensor {
        emptyLike(other, dtype: dtype).random_(Int64(low), Int64(high), generator: generator)
    }

    /// `torch.randperm(n)`: a random permutation of 0..<n (int64 unless `dtype` says otherwise).
    public static func randperm(_ n: Int, generator: Generator? = nil, dtype: DType = .int64) -> Tensor {
        let result = empty([n], dtype: dtype)
        result.dtype.visit(RandpermKernel(result: result, generator: Generator.resolve(generator)))
        return result
    }
}

private struct RandpermKernel: ElementVisitor {
    let result: Tensor
    let generator: Generator

    func visit<T: TensorElement>(_: T.Type) {
        let n = result.numel
        switch T.dtype {
        case .uint8, .int8, .int16, .int32:
            let name = [DType.uint8: "uint8_t", .int8: "int8_t", .int16: "int16_t", .int32: "int"][T.dtype]!
            torchCheck(
                Int64(n - 1) <= T.dtype.sampleBounds.1,
                "value cannot be converted to type \(name) without overflow")
        case .float16:
            torchCheck(n <= 2049, "n cannot be greater than 2049 for Half type.")
        case .bfloat16:
            torchCheck(n <= 257, "n cannot be greater than 257 for BFloat16 type.")
        case .float32:
            torchCheck(n <= (1 << 24) + 1, "n cannot be greater than 2^24+1 for Float type.")
        case .float64:
            torchCheck(n <= (1 << 53) + 1, "n cannot be greater than 2^53+1 for Double type.")
        case .bool:
            torchFail("\"randperm\" not implemented for 'Bool'")
        case .int64:
            break
        }
        let p = result.mutablePointer(T.self)
        for i in 0..<n { p[i] = T(fromInt64: Int64(i)) }
        guard n > 1 else { return }
        generator.withEngine { engine in
            for i in 0..<(n - 1) {
                let z = Int(UInt64(engine.random()) % UInt64(n - i))
                let saved = p[i]
                p[i] = p[z + i]
                p[z + i] = saved
            }
        }
    }
}
