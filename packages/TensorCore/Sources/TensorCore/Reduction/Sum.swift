/// sum, nansum, mean, nanmean, prod: over all elements, one dim, or several dims.
/// Result dtypes follow PyTorch: bool and integer inputs sum/multiply to int64, `dtype:` casts the input
/// first, mean/nanmean need a floating dtype.

private enum SumKind { case sum, nansum, mean, nanmean, prod }

private struct SumVisitor: ReduceFloatVisitor {
    let plan: ReducePlan
    let out: Tensor
    let kind: SumKind

    func visit<T: FloatReduceElement>(_: T.Type) {
        let o = out.mutablePointer(T.self)
        switch kind {
        case .sum: runReduction(plan, FloatSumReducer<T>(out: o, skipNaN: false, divisor: nil))
        case .nansum: runReduction(plan, FloatSumReducer<T>(out: o, skipNaN: true, divisor: nil))
        case .mean: runReduction(plan, FloatSumReducer<T>(out: o, skipNaN: false, divisor: plan.reduce))
        case .nanmean: runReduction(plan, NanMeanReducer<T>(out: o))
        case .prod: runReduction(plan, FloatProdReducer<T>(out: o))
        }
    }
}

private struct IntSumVisitor: ElementVisitor {
    let plan: ReducePlan
    let out: UnsafeMutablePointer<Int64>
    let product: Bool

    func visit<T: TensorElement>(_: T.Type) {
        switch T.dtype {
        case .bool, .uint8: run(UInt8.self)
        case .int8: run(Int8.self)
        case .int16: run(Int16.self)
        case .int32: run(Int32.self)
        case .int64: run(Int64.self)
        default: torchFail("internal: \(T.dtype) reached an integer sum")
        }
    }

    private func run<I: FixedWidthInteger>(_: I.Type) {
        if product {
            runReduction(plan, IntProdReducer<I>(out: out))
        } else {
            runReduction(plan, IntSumReducer<I>(out: out))
        }
    }
}

private func sumFamily(_ x: Tensor, _ dims: [Int]?, _ keepdim: Bool, _ dtype: DType?, _ kind: SumKind) -> Tensor {
    switch kind {
    case .mean:
        let target = dtype ?? x.dtype
        torchCheck(
            target.isFloatingPoint,
            "mean(): could not infer output dtype. Input dtype must be either a floating point or "
                + "complex dtype. Got: \(target.scalarTypeName)")
    case .nanmean:
        torchCheck(
            x.dtype.isFloatingPoint,
            "nanmean(): expected input to have floating point or complex dtype but got \(x.dtype.scalarTypeName)")
    default: break
    }
    let resultType = dtype ?? (x.dtype.isFloatingPoint ? x.dtype : .int64)
    // Integer results accumulate in int64 straight from the integer input; anything else is cast first.
    let input =
        resultType.isFloatingPoint || x.dtype.isFloatingPoint
        ? x.to(resultType.isFloatingPoint ? resultType : .int64) : x
    let plan = ReducePlan(input, dims: dims, keepdim: keepdim)
    let out = Tensor(uninitializedShape: plan.outShape, dtype: input.dtype.isFloatingPoint ? input.dtype : .int64)
    if input.dtype.isFloatingPoint {
        input.dtype.visitReduceFloat(SumVisitor(plan: plan, out: out, kind: kind))
    } else {
        input.dtype.visit(IntSumVisitor(plan: plan, out: out.mutablePointer(Int64.self), product: kind == .prod))
    }
    let tag: DifferentiableOp =
        switch kind {
        case .sum: .sum(dims: dims, keepdim: keepdim)
        case .nansum: .nansum(dims: dims, keepdim: keepdim)
        case .mean: .mean(dims: dims, keepdim: keepdim)
        case .nanmean: .nanmean(dims: dims, keepdim: keepdim)
        case .prod: .prod(dims: dims, keepdim: keepdim)
        }
    return out.to(resultType).recorded(tag, x)
}

extension Tensor {
    /// `torch.sum(input, dtype=None)`: all elements to a 0-dim tensor (0 for an empty tensor).
    public func sum(dtype: DType? = nil) -> Tensor { sumFamily(self, nil, false, dtype, .sum) }
    /// `torch.sum(input, dim)`: bool/integer inputs give int64 unless `dtype` says otherwise.
    public func sum(dim: Int, keepdim: Bool = false, dtype: DType? = nil) -> Tensor {
        sumFamily(self, [dim], keepdim, dtype, .sum)
    }
    /// `torch.sum(input, dim=(...))` over several dims (all when empty).
    public func sum(dims: [Int], keepdim: Bool = false, dtype: DType? = nil) -> Tensor {
        sumFamily(self, dims, keepdim, dtype, .sum)
    }

    /// `torch.nansum`: NaNs count as zero.
    public func nansum(dtype: DType? = nil) -> Tensor { sumFamily(self, nil, false, dtype, .nansum) }
    /// `torch.nansum(input, dim)`.
    public func nansum(dim: Int, keepdim: Bool = false, dtype: DType? = nil) -> Tensor {
        sumFamily(self, [dim], keepdim, dtype, .nansum)
    }
    /// `torch.nansum(input, dim=(...))` over several dims.
    public func nansum(dims: [Int], keepdim: Bool = false, dtype: DType? = nil) -> Tensor {
        sumFamily(self, dims, keepdim, dtype, .nansum)
    }

    /// `torch.mean`: floating inputs only (or a floating `dtype:`); an empty reduction gives NaN.
    public func mean(dtype: DType? = nil) -> Tensor { sumFamily(self, nil, false, dtype, .mean) }
    /// `torch.mean(input, dim)`.
    public func mean(dim: Int, keepdim: Bool = false, dtype: DType? = nil) -> Tensor {
        sumFamily(self, [dim], keepdim, dtype, .mean)
    }
    /// `torch.mean(input, dim=(...))` over several dims.
    public func mean(dims: [Int], keepdim: Bool = false, dtype: DType? = nil) -> Tensor {
        sumFamily(self, dims, keepdim, dtype, .mean)
    }

    /// `torch.nanmean`: the mean of the non-NaN elements.
    public func nanmean(dtype: DType? = nil) -> Tensor { sumFamily(self, nil, false, dtype, .nanmean) }
    /// `torch.nanmean(input, dim)`.
    public func nanmean(dim: Int, keepdim: Bool = false, dtype: DType? = nil) -> Tensor {
        sumFamily(self, [dim], keepdim, dtype, .nanmean)
    }
    /// `torch.nanmean(input, dim=(...))` over several dims.
    public func nanmean(dims: [Int], keepdim: Bool = false, dtype: DType? = nil) -> Tensor {
        sumFamily(self, dims, keepdim, dtype, .nanmean)
    }

    /// `torch.prod` (1 for an empty tensor). PyTorch's prod takes one dim at most.
    public func prod(dtype: DType? = nil) -> Tensor {
        if Autocast.isActive { return Autocast.run(.float32, self) { $0.prod(dtype: dtype) } }
        return sumFamily(self, nil, false, dtype, .prod)
    }
    /// `torch.prod(input, dim)`: the product along one dim.
    public func prod(dim: Int, keepdim: Bool = false, dtype: DType? = nil) -> Tensor {
        if Autocast.isActive {
            return Autocast.run(.float32, self) { $0.prod(dim: dim, keepdim: keepdim, dtype: dtype) }
        }
        return sumFamily(self, [dim], keepdim, dtype, .prod)
    }
}
