/// A tensor's shape, printed like `torch.Size([3, 4, 5])` and usable as an `[Int]` collection.
public struct Size: RandomAccessCollection, Hashable, Sendable, ExpressibleByArrayLiteral,
    CustomStringConvertible
{
    public var dims: [Int]

    @inlinable public init(_ dims: [Int]) { self.dims = dims }
    public init(arrayLiteral elements: Int...) { self.dims = elements }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { dims.count }
    /// Negative positions count from the end, as in Python (`t.shape[-1]`).
    @inlinable public subscript(position: Int) -> Int {
        dims[position < 0 ? position + dims.count : position]
    }

    /// Number of elements a tensor of this shape holds (`torch.Size.numel()`).
    @inlinable public func numel() -> Int { dims.reduce(1, *) }

    public var description: String {
        "torch.Size([\(dims.map(String.init).joined(separator: ", "))])"
    }

    public static func == (lhs: Size, rhs: [Int]) -> Bool { lhs.dims == rhs }
    public static func == (lhs: [Int], rhs: Size) -> Bool { lhs == rhs.dims }
}

/// Row-major (C-contiguous) strides for a shape, in elements.
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
