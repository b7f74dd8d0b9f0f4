/// amax/amin, max()/min(), max(dim:)/min(dim:) and argmax/argmin with PyTorch's checks and messages.

/// Values and indices of a dim-wise op (`torch.return_types.max`, `sort`, `topk`, ...): a named tuple,
/// so both `r.values` and `let (values, indices) = t.max(dim: 1)` work as in Python.
public typealias ValuesIndices = (values: Tensor, indices: Tensor)

/// PyTorch's empty-reduction checks (`zero_numel_check_dims`): a reduced dim must be non-empty,
/// and a full reduction of an empty tensor needs an explicit dim.
func checkNonEmptyReduction(_ x: Tensor, _ dims: [Int]?, _ op: String, fullMessage: String? = nil) {
    guard x.numel == 0 else { return }
    guard let dims, !dims.isEmpty else {
        torchFail(
            fullMessage
                ?? "\(op)(): Expected reduction dim to be specified for input.numel() == 0. "
                + "Specify the reduction dim with the 'dim' argument.")
    }
    for dim in dims {
        let d = wrapDim(dim, x.ndim)
        torchCheck(x.ndim == 0 || x.sizes[d] != 0, "\(op)(): Expected reduction dim \(d) to have non-zero size.")
    }
}

private struct ExtremumVisitor<D: ExtremumDirection>: ReduceOrderedVisitor {
    let plan: ReducePlan
    let out: Tensor
    func visit<T: ReduceOrdered>(_: T.Type) {
        runReduction(plan, ExtremumReducer<T, D>(out: out.mutablePointer(T.self)))
    }
}

private struct ArgExtremumVisitor<D: ExtremumDirection>: ReduceOrderedVisitor {
    let plan: ReducePlan
    let values: Tensor?
    let indices: Tensor
    func visit<T: ReduceOrdered>(_: T.Type) {
        runReduction(
            plan,
            ArgExtremumReducer<T, D>(
                values: values?.mutablePointer(T.self), indices: indices.mutablePointer(Int64.self)))
    }
}

private func extremum<D: ExtremumDirection>(_ x: Tensor, _ dims: [Int]?, _ keepdim: Bool, _: D.Type, op: String)
    -> Tensor
{
    checkNonEmptyReduction(x, dims, op)
    let plan = ReducePlan(x, dims: dims, keepdim: keepdim)
    let out = Tensor(uninitializedShape: plan.outShape, dtype: x.dtype)
    x.dtype.visitReduceOrdered(ExtremumVisitor<D>(plan: plan, out: out))
    let name =
        op == "amax" ? "AmaxBackward0" : op == "amin" ? "AminBackward0" : op == "max" ? "MaxBackward1" : "MinBackward1"
    return out.recorded(.extremum(dims: dims, keepdim: keepdim, name: name), x)
}

private func argExtremum<D: ExtremumDirection>(
    _ x: Tensor, _ dim: Int?, _ keepdim: Bool, _: D.Type, op: String, values: Bool
) -> (Tensor?, Tensor) {
    torchCheck(values || x.dtype != .bool, "\(op)(): does not support bool input")
    checkNonEmptyReduction(
        x, dim.map { [$0] }, op, fullMessage: "\(op)(): Expected reduction dim to be specified for input.numel() == 0.")
    // Without a dim, argmax flattens; keepdim then keeps every dim as size 1.
    let plan = ReducePlan(x, dims: dim.map { [$0] }, keepdim: keepdim, ordered: true)
    let valuesOut = values ? Tensor(uninitializedShape: plan.outShape, dtype: x.dtype) : nil
    let indices = Tensor(uninitializedShape: plan.outShape, dtype: .int64)
    x.dtype.visitReduceOrdered(ArgExtremumVisitor<D>(plan: plan, values: valuesOut, indices: indices))
    return (valuesOut, indices)
}

extension Tensor {
    /// `torch.amax`: the largest value over the given dims (all dims when empty), NaN if any is NaN.
    public func amax(dims: [Int] = [], keepdim: Bool = false) -> Tensor {
        extremum(self, dims, keepdim, MaxDirection.self, op: "amax")
    }
    /// `torch.amax(input, dim)`.
    public func amax(dim: Int, keepdim: Bool = false) -> Tensor { amax(dims: [dim], keepdim: keepdim) }
    /// `torch.amin`: the smallest value over the given dims (all dims when empty), NaN if any is NaN.
    public func amin(dims: [Int] = [], keepdim: Bool = false) -> Tensor {
        extremum(self, dims, keepdim, MinDirection.self, op: "amin")
    }
    /// `torch.amin(input, dim)`.
    public func amin(dim: Int, keepdim: Bool = false) -> Tensor { amin(dims: [dim], keepdim: keepdim) }

    /// `t.max()`: the largest element as a 0-dim tensor.
    /// PyTorch: `torch.max(input)`.
    public func max() -> Tensor { extremum(self, nil, false, MaxDirection.self, op: "max") }
    /// `torch.min(input)`: the smallest element as a 0-dim tensor.
    public func min() -> Tensor { extremum(self, nil, false, MinDirection.self, op: "min") }

    /// `t.max(dim)`: values and the index of the first maximal element (of the first NaN, if any).
    /// PyTorch: `torch.max(input, dim)`.
    public func max(dim: Int, keepdim: Bool = false) -> ValuesIndices {
        let (values, indices) = argExtremum(self, dim, keepdim, MaxDirection.self, op: "max", values: true)
        return recordedPair(
            (values: values!, indices: indices),
            .alongIndices(dim: wrapDim(dim, Swift.max(ndim, 1)), keepdim: keepdim, name: "MaxBackward0"), self)
    }
    /// `torch.min(input, dim)`: values and the index of the first minimal element (of the first NaN, if any).
    public func min(dim: Int, keepdim: Bool = false) -> ValuesIndices {
        let (values, indices) = argExtremum(self, dim, keepdim, MinDirection.self, op: "min", values: true)
        return recordedPair(
            (values: values!, indices: indices),
            .alongIndices(dim: wrapDim(dim, Swift.max(ndim, 1)), keepdim: keepdim, name: "MinBackward0"), self)
    }

    /// `torch.argmax`: index into the flattened tensor when `dim` is nil.
    public func argmax(dim: Int? = nil, keepdim: Bool = false) -> Tensor {
        argExtremum(self, dim, keepdim, MaxDirection.self, op: "argmax", values: false).1
    }
    /// `torch.argmin`: index into the flattened tensor when `dim` is nil.
    public func argmin(dim: Int? = nil, keepdim: Bool = false) -> Tensor {
        argExtremum(self, dim, keepdim, MinDirection.self, op: "argmin", values: false).1
    }
}
