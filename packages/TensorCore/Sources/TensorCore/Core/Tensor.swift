/// An n-dimensional array with PyTorch's semantics: reference type, strided view of a shared storage.
///
/// `t2 = t1.view(...)` shares memory with `t1`, in-place ops (`add_`, subscript assignment) write
/// through every view, and `clone()` copies. The layout fields never change after creation; in-place
/// ops change only the elements.
public final class Tensor: @unchecked Sendable {
    public let storage: TensorStorage
    /// Offset of element [0, 0, ...] in the storage, in elements (`storage_offset()`).
    public let storageOffset: Int
    public let dtype: DType
    @usableFromInline package let sizes: [Int]
    @usableFromInline package let strideValues: [Int]
    public let numel: Int
    public let isContiguous: Bool

    /// Autodiff's slot (ARCHITECTURE.md §3). TensorCore never looks inside; it is nil for untracked tensors,
    /// so an op pays one nil check to learn that nothing records it.
    package var autogradMeta: AnyObject?

    /// A view of `storage`: the designated initializer every op ends in.
    public init(storage: TensorStorage, offset: Int = 0, shape: [Int], strides: [Int], dtype: DType) {
        self.storage = storage
        self.storageOffset = offset
        self.sizes = shape
        self.strideValues = strides
        self.dtype = dtype
        var count = 1
        for size in shape { count &*= size }
        self.numel = count
        self.isContiguous = Tensor.computeContiguity(shape, strides)
    }

    /// Fresh contiguous memory of the given shape, uninitialized (`torch.empty`).
    public convenience init(uninitializedShape shape: [Int], dtype: DType) {
        for size in shape {
            torchCheck(size >= 0, "Trying to create tensor with negative dimension \(size): \(shapeString(shape))")
        }
        let count = shape.reduce(1, *)
        self.init(
            storage: TensorStorage(byteCount: count * dtype.itemSize), shape: shape,
            strides: contiguousStrides(shape), dtype: dtype)
    }

    private static func computeContiguity(_ shape: [Int], _ strides: [Int]) -> Bool {
        var expected = 1
        var i = shape.count - 1
        while i >= 0 {
            if shape[i] != 1 {
                if strides[i] != expected { return shape[i] == 0 }
                expected &*= shape[i]
            }
            i -= 1
        }
        return true
    }

    // MARK: Attributes

    /// `t.shape` / `t.size()`.
    public var shape: Size { Size(sizes) }
    /// `t.size(dim)`, negative dims counting from the end.
    public func size(_ dim: Int) -> Int { sizes[wrapDim(dim, sizes.count)] }
    public func size() -> Size { shape }
    public var strides: [Int] { strideValues }
    /// `t.stride(dim)`.
    public func stride(_ dim: Int) -> Int { strideValues[wrapDim(dim, sizes.count)] }
    public var ndim: Int { sizes.count }
    public func dim() -> Int { sizes.count }
    public var elementSize: Int { dtype.itemSize }
    public var device: Device { .cpu }
    public var isFloatingPoint: Bool { dtype.isFloatingPoint }

    // MARK: Raw access (for kernels and interop)

    /// Typed pointer to element [0, 0, ...]; `T` must match `dtype` (checked).
    @inlinable public func mutablePointer<T: TensorElement>(_: T.Type = T.self) -> UnsafeMutablePointer<T> {
        torchCheck(T.dtype == dtype, "expected a \(T.dtype) tensor but got \(dtype)")
        return storage.data.assumingMemoryBound(to: T.self) + storageOffset
    }

    @inlinable public func pointer<T: TensorElement>(_: T.Type = T.self) -> UnsafePointer<T> {
        UnsafePointer(mutablePointer(T.self))
    }

    /// Raw address of element [0, 0, ...].
    public var rawPointer: UnsafeMutableRawPointer { storage.data + storageOffset * dtype.itemSize }

    /// Marks an in-place write for Autodiff's version check (every view of the storage sees it).
    @inline(__always) public func bumpVersion() { storage.bumpVersion() }
}
