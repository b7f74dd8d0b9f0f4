/// all / any / count_nonzero over any dtype (a NaN counts as nonzero, like C++'s `x != 0`).

@inline(__always) private func nonzero<T: ReduceOrdered>(_ x: T) -> Bool { !T.eq(x, T.zero) }

/// all/any; the output byte is 0/1 (bool or, for uint8 inputs, uint8 as PyTorch returns).
private struct AllAnyReducer<T: ReduceOrdered>: Reducer {
    let out: UnsafeMutablePointer<UInt8>
    let isAll: Bool

    func run(_ p: UnsafePointer<T>, _ n: Int, start: Int) -> Bool {
        if isAll {
            for i in 0..<n where !nonzero(p[i]) { return false }
            return true
        }
        for i in 0..<n where nonzero(p[i]) { return true }
        return false
    }
    func rows(_ acc: UnsafeMutablePointer<Bool>, _ p: UnsafePointer<T>, rows: Int, stride: Int, width: Int, start: Int)
    {
        acc.update(repeating: isAll, count: width)
        for r in 0..<rows {
            let row = p + r * stride
            if isAll {
                for j in 0..<width { acc[j] = acc[j] && nonzero(row[j]) }
            } else {
                for j in 0..<width { acc[j] = acc[j] || nonzero(row[j]) }
            }
        }
    }
    func combine(_ a: Bool, _ b: Bool) -> Bool { isAll ? a && b : a || b }
    func store(_ acc: Bool, at index: Int) { out[index] = acc ? 1 : 0 }
}

private struct CountNonzeroReducer<T: ReduceOrdered>: Reducer {
    let out: UnsafeMutablePointer<Int64>

    func run(_ p: UnsafePointer<T>, _ n: Int, start: Int) -> Int64 {
        var count: Int64 = 0
        for i in 0..<n { count &+= nonzero(p[i]) ? 1 : 0 }
        return count
    }
    func rows(_ acc: UnsafeMutablePointer<Int64>, _ p: UnsafePointer<T>, rows: Int, stride: Int, width: Int, start: Int)
    {
        acc.update(repeating: 0, count: width)
        for r in 0..<rows {
            let row = p + r * stride
            for j in 0..<width { acc[j] &+= nonzero(row[j]) ? 1 : 0 }
        }
    }
    func combine(_ a: Int64, _ b: Int64) -> Int64 { a &+ b }
    func store(_ acc: Int64, at index: Int) { out[index] = acc }
}

private struct LogicalVisitor: ReduceOrderedVisitor {
    enum Kind { case all, any, count }
    let plan: ReducePlan
    let out: Tensor
    let kind: Kind
    func visit<T: ReduceOrdered>(_: T.Type) {
        let bytes = out.rawPointer.assumingMemoryBound(to: UInt8.self)
        switch kind {
        case .all: runReduction(plan, AllAnyReducer<T>(out: bytes, isAll: true))
        case .any: runReduction(plan, AllAnyReducer<T>(out: bytes, isAll: false))
        case .count: runReduction(plan, CountNonzeroReducer<T>(out: out.mutablePointer(Int64.self)))
        }
    }
}

private func logical(_ x: Tensor, _ dims: [Int]?, _ keepdim: Bool, _ kind: LogicalVisitor.Kind) -> Tensor {
    // torch's all/any with `dim=()` reduce nothing (sum's `dim=[]` reduces everything): each element's
    // truth, in all/any's output dtype.
    if let dims, dims.isEmpty, kind != .count { return x.ne(0).to(x.dtype == .uint8 ? .uint8 : .bool) }
    let plan = ReducePlan(x, dims: dims, keepdim: keepdim)
    let dtype: DType = kind == .count ? .int64 : (x.dtype == .uint8 ? .uint8 : .bool)
    let out = Tensor(uninitializedShape: plan.outShape, dtype: dtype)
    x.dtype.visitReduceOrdered(LogicalVisitor(plan: plan, out: out, kind: kind))
    return out
}

extension Tensor {
    /// `torch.all`: true when every element is nonzero (true for an empty tensor). Bool result,
    /// except uint8 inputs give uint8 as in PyTorch.
    public func all() -> Tensor { logical(self, nil, false, .all) }
    /// `torch.all(input, dim)`.
    public func all(dim: Int, keepdim: Bool = false) -> Tensor { logical(self, [dim], keepdim, .all) }
    /// `torch.all(input, dim=(...))` over several dims.
    public func all(dims: [Int], keepdim: Bool = false) -> Tensor { logical(self, dims, keepdim, .all) }

    /// `torch.any`: true when some element is nonzero.
    public func any() -> Tensor { logical(self, nil, false, .any) }
    /// `torch.any(input, dim)`.
    public func any(dim: Int, keepdim: Bool = false) -> Tensor { logical(self, [dim], keepdim, .any) }
    /// `torch.any(input, dim=(...))` over several dims.
    public func any(dims: [Int], keepdim: Bool = false) -> Tensor { logical(self, dims, keepdim, .any) }

    /// `torch.count_nonzero`: int64 counts over `dims` (all when empty).
    public func countNonzero(dims: [Int] = []) -> Tensor { logical(self, dims, false, .count) }
    /// `torch.count_nonzero(input, dim)`.
    public func countNonzero(dim: Int) -> Tensor { logical(self, [dim], false, .count) }
}
