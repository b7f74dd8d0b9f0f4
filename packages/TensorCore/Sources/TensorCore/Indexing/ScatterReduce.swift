// scatter_reduce (sum / prod / mean / amax / amin, include_self), on the scatter kernel of Gather.swift.

/// Divides every element by its count where the count is positive (scatter_reduce's mean).
private struct MeanDivideKernel: ArithmeticVisitor {
    let target: Tensor
    let counts: Tensor  // int64, contiguous, target's shape

    func visit<T: IndexArithmetic>(_: T.Type) {
        let loop = StridedLoop(shape: target.sizes, strides: [target.strideValues, counts.strideValues])
        let dst = target.mutablePointer(T.self)
        let count = counts.pointer(Int64.self)
        let sd = loop.innerStride(0)
        let sc = loop.innerStride(1)
        loop.run { offsets, n in
            let d = dst + offsets[0]
            let c = count + offsets[1]
            for i in 0..<n where c[i &* sc] > 0 {
                d[i &* sd] = T.indexDivide(d[i &* sd], count: Int(c[i &* sc]))
            }
        }
    }
}

extension DType {
    /// The identity of a max (lowest) or min (highest) reduction, as a number of this dtype.
    fileprivate func extreme(lowest: Bool) -> Scalar {
        switch self {
        case .bool: return .bool(!lowest)
        case .uint8: return .int(lowest ? 0 : 255)
        case .int8: return .int(lowest ? -128 : 127)
        case .int16: return .int(lowest ? Int64(Int16.min) : Int64(Int16.max))
        case .int32: return .int(lowest ? Int64(Int32.min) : Int64(Int32.max))
        case .int64: return .int(lowest ? Int64.min : Int64.max)
        default: return .double(lowest ? -.infinity : .infinity)
        }
    }
}

extension Tensor {
    /// `scatter_reduce_(dim, index, src, reduce, include_self=True)`: reduces the `src` values sent to
    /// each position ("sum", "prod", "mean", "amax", "amin"); with `includeSelf` false the position's
    /// own value takes no part when something is scattered to it.
    /// PyTorch: `torch.Tensor.scatter_reduce_`.
    @discardableResult
    public func scatterReduce_(
        dim: Int, index: Tensor, src: Tensor, reduce: String, includeSelf: Bool = true
    ) -> Tensor {
        recordedInPlace(src) {
            $0.scatterReduce(dim: dim, index: index, src: src, reduce: reduce, includeSelf: includeSelf)
        }
            ?? scatterReduceRaw_(dim: dim, index: index, src: src, reduce: reduce, includeSelf: includeSelf)
    }

    @discardableResult
    func scatterReduceRaw_(dim: Int, index: Tensor, src: Tensor, reduce: String, includeSelf: Bool) -> Tensor {
        let dim = wrapDim(dim, ndim)
        let reduction: ScatterReduction
        switch reduce {
        case "sum", "mean": reduction = .add
        case "prod": reduction = .multiply
        case "amax": reduction = .maximum
        case "amin": reduction = .minimum
        default: torchFail("reduce argument must be either sum, prod, mean, amax or amin, got \(reduce)")
        }
        checkScatter("scatter_reduce", dim: dim, index: index, source: src)
        if reduce == "mean" && dtype == .bool {
            torchFail("\"scatter_gather_tensor_cpu_reduce_mean\" not implemented for 'Bool'")
        }
        if index.numel == 0 { return self }
        // Half types reduce in float and round once, as PyTorch's CPU kernel does.
        let half = dtype == .float16 || dtype == .bfloat16
        let work = half ? to(.float32, copy: true) : self
        let source = half ? src.to(.float32) : src
        if !includeSelf {
            let identity: Scalar =
                switch reduction {
                case .multiply: 1
                case .maximum: work.dtype.extreme(lowest: true)
                case .minimum: work.dtype.extreme(lowest: false)
                default: 0
                }
            work.scatter_(dim: dim, index: index, value: identity)
        }
        work.runScatter(dim: dim, index: index, source: source, reduction: reduction)
        if reduce == "mean" {
            let counts = Tensor.full(sizes, .int(includeSelf ? 1 : 0), dtype: .int64)
            counts.runScatter(dim: dim, index: index, source: Tensor.full([], 1, dtype: .int64), reduction: .add)
            work.dtype.visitArithmetic(MeanDivideKernel(target: work, counts: counts))
        }
        if half { copy_(work) }
        bumpVersion()
        return self
    }

    /// Out-of-place `scatter_reduce`.
    /// PyTorch: `torch.scatter_reduce`.
    public func scatterReduce(
        dim: Int, index: Tensor, src: Tensor, reduce: String, includeSelf: Bool = true
    ) -> Tensor {
        untrackedCopy().scatterReduceRaw_(dim: dim, index: index, src: src, reduce: reduce, includeSelf: includeSelf)
            .recorded(
                .scatterReduce(dim: wrapDim(dim, ndim), index: index, reduce: reduce, includeSelf: includeSelf), self,
                src)
    }
}
