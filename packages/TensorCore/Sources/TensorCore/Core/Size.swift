/// A tensor's shape, printed like `torch.Size([3, 4, 5])` and usable as an `[Int]` collection.
public struct Size: RandomAccessCollection, Hashable, Sendable, ExpressibleByArrayLiteral,
    CustomStringConvertible
{
    /// The sizes as a plain array (PyTorch: `list(t.shape)`).
    public var dims: [Int]

    /// PyTorch: `torch.Size(dims)`.
    @inlinable public init(_ dims: [Int]) { self.dims = dims }
    /// PyTorch: `torch.Size([2, 3])`, written `[2, 3]`.
    public init(arrayLiteral elements: Int...) { self.dims = elements }

    /// Always 0 (Collection plumbing; PyTorch's `torch.Size` is a tuple).
    @inlinable public var startIndex: Int { 0 }
    /// The number of dims (PyTorch: `len(torch.Size)`).
    @inlinable public var endIndex: Int { dims.count }
    /// Negative positions count from the end, as in Python (`t.shape[-1]`).
    /// PyTorch: `torch.Size.__getitem__`.
    @inlinable public subscript(position: Int) -> Int {
        dims[position < 0 ? position + dims.count : position]
    }

    /// Number of elements a tensor of this shape holds (`torch.Size.numel()`).
    @inlinable public func numel() -> Int { dims.reduce(1, *) }

    /// PyTorch: `torch.Size.__repr__`.
    public var description: String {
        "torch.Size([\(dims.map(String.init).joined(separator: ", "))])"
    }

    /// A shape equals the same dims as an array, as `torch.Size` equals a tuple (PyTorch: `torch.Size.__eq__`).
    public static func == (lhs: Size, rhs: [Int]) -> Bool { lhs.dims == rhs }
    /// An array equals a shape with the same dims (PyTorch: `torch.Size.__eq__`).
    public static func == (lhs: [Int], rhs: Size) -> Bool { lhs == rhs.dims }
}

/// Row-major (C-contiguous) strides for a shape, in elements.
/// PyTorch: the strides of a fresh `torch.empty(shape)`, `torch.empty(shape).stride()`.
@inlinable public func contiguousStrides(_ shape: [Int]) -> [Int] {
    var strides = [Int](repeating: 1, count: shape.count)
    var running = 1
    var i = shape.count - 1
    while i >= 0 {
        strides[i] = running
        running *= Swift.max(shape[i], 1)
        i -= 1
    }
    return strides
}

/// Formats a shape as PyTorch does in messages: `[2, 3]`.
@inlinable public func shapeString(_ shape: [Int]) -> String {
    "[\(shape.map(String.init).joined(separator: ", "))]"
}
