/// One element of a subscript, as Python's `t[...]` takes it: an integer, a slice, Ellipsis,
/// `None` (new axis), or an index/mask tensor. Build one with the static members below
/// (`.at(2)`, `.all`, `.slice(start:end:step:)`, `.ellipsis`, `.newAxis`, `.tensor(t)`) or pass an
/// `Int`, a Swift range, or a `Tensor` directly.
///
/// Swift spellings: `1...` is `1:`, `..<2` is `:2`, `1..<3` is `1:3`, `...2` is `:3` (inclusive), and a
/// bare `...` is `:` (the whole dimension), not Python's Ellipsis, which is `.ellipsis`. Swift ranges
/// need lower ≤ upper, so negative ends that would cross use `.slice(start: 1, end: -1)`.
/// PyTorch: the index objects `torch.Tensor.__getitem__` accepts (int, slice, `None`, `...`, tensor).
public struct TensorIndex: Sendable {
    enum Kind: Sendable {
        case at(Int)
        case slice(start: Int?, end: Int?, step: Int)
        case ellipsis
        case newAxis
        case tensor(Tensor)
    }

    let kind: Kind
}

/// Anything usable inside `t[...]`.
/// PyTorch: what a Python subscript may hold, in `t[0, 1:3, None]`.
public protocol TensorIndexConvertible {
    var tensorIndex: TensorIndex { get }
}

// The constructors live on the protocol (constrained to TensorIndex) so that `t[.all, .ellipsis]`
// resolves them inside the subscript's `any TensorIndexConvertible` arguments.
extension TensorIndexConvertible where Self == TensorIndex {
    /// An integer index (negative counts from the end); removes the dimension.
    /// PyTorch: `t[i]`.
    public static func at(_ index: Int) -> TensorIndex { TensorIndex(kind: .at(index)) }
    /// Python's `start:end:step`; nil bounds mean "from the beginning" / "to the end". `step` > 0.
    /// PyTorch: `t[start:end:step]`.
    public static func slice(start: Int? = nil, end: Int? = nil, step: Int = 1) -> TensorIndex {
        TensorIndex(kind: .slice(start: start, end: end, step: step))
    }
    /// Python's `:` (the whole dimension).
    /// PyTorch: `t[:]`.
    public static var all: TensorIndex { TensorIndex(kind: .slice(start: nil, end: nil, step: 1)) }
    /// Python's `...`: as many `:` as needed to cover the dimensions not indexed otherwise.
    /// PyTorch: `t[..., 0]`.
    public static var ellipsis: TensorIndex { TensorIndex(kind: .ellipsis) }
    /// Python's `None`: inserts a dimension of size 1.
    /// PyTorch: `t[None]`.
    public static var newAxis: TensorIndex { TensorIndex(kind: .newAxis) }
    /// An integer index tensor or a boolean mask (advanced indexing; the result is a copy).
    /// PyTorch: `t[index_tensor]` / `t[mask]`.
    public static func tensor(_ index: Tensor) -> TensorIndex { TensorIndex(kind: .tensor(index)) }
}

extension TensorIndex: TensorIndexConvertible, ExpressibleByIntegerLiteral {
    /// Itself (No PyTorch counterpart: protocol plumbing).
    public var tensorIndex: TensorIndex { self }
    /// A literal integer index, `t[1]` (PyTorch: an int inside `t[...]`).
    public init(integerLiteral value: Int) { self.kind = .at(value) }
}

extension Int: TensorIndexConvertible {
    /// An integer index, `t[i]` (PyTorch: an int inside `t[...]`).
    public var tensorIndex: TensorIndex { .at(self) }
}

extension Tensor: TensorIndexConvertible {
    /// Advanced indexing with this tensor, `t[idx]` (PyTorch: a tensor inside `t[...]`).
    public var tensorIndex: TensorIndex { .tensor(self) }
}

extension Range: TensorIndexConvertible where Bound == Int {
    /// `a..<b` is Python's `a:b` (PyTorch: a slice inside `t[...]`).
    public var tensorIndex: TensorIndex { .slice(start: lowerBound, end: upperBound) }
}

extension ClosedRange: TensorIndexConvertible where Bound == Int {
    // `a...-1` means "through the last element"; Python has no inclusive end, so -1 maps to nil.
    /// `a...b` is Python's `a:b+1`, `a...-1` through the last element (PyTorch: a slice inside `t[...]`).
    public var tensorIndex: TensorIndex {
        .slice(start: lowerBound, end: upperBound == -1 ? nil : upperBound + 1)
    }
}

extension PartialRangeFrom: TensorIndexConvertible where Bound == Int {
    /// `a...` is Python's `a:` (PyTorch: a slice inside `t[...]`).
    public var tensorIndex: TensorIndex { .slice(start: lowerBound) }
}

extension PartialRangeUpTo: TensorIndexConvertible where Bound == Int {
    /// `..<b` is Python's `:b` (PyTorch: a slice inside `t[...]`).
    public var tensorIndex: TensorIndex { .slice(end: upperBound) }
}

extension PartialRangeThrough: TensorIndexConvertible where Bound == Int {
    /// `...b` is Python's `:b+1`, `...-1` the whole dim (PyTorch: a slice inside `t[...]`).
    public var tensorIndex: TensorIndex { .slice(end: upperBound == -1 ? nil : upperBound + 1) }
}
