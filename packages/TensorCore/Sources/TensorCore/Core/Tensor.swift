/// An n-dimensional array with PyTorch's semantics: reference type, strided view of a shared storage.
///
/// `t2 = t1.view(...)` shares memory with `t1`, in-place ops (`add_`, subscript assignment) write
/// through every view, and `clone()` copies. The layout fields never change after creation; in-place
/// ops change only the elements.
public final class Tensor: @unchecked Sendable {
    /// The shared buffer this view reads and writes (PyTorch: `torch.Tensor.untyped_storage()`).
    public let storage: TensorStorage
    /// Offset of element [0, 0, ...] in the storage, in elements (`storage_offset()`).
    /// PyTorch: `torch.Tensor.storage_offset()`.
    public let storageOffset: Int
    /// The element type (PyTorch: `torch.Tensor.dtype`).
    public let dtype: DType
    @usableFromInline package let sizes: [Int]
    @usableFromInline package let strideValues: [Int]
    /// The number of elements, the product of the sizes (PyTorch: `torch.Tensor.numel()`).
    public let numel: Int
    /// Whether the strides are the row-major ones for the shape, computed once at creation
    /// (PyTorch: `torch.Tensor.is_contiguous()`).
    public let isContiguous: Bool

    /// Autodiff's slot (ARCHITECTURE.md §3). TensorCore never looks inside; it is nil for untracked tensors,
    /// so an op pays one nil check to learn that nothing records it.
    package var autogradMeta: AnyObject?

    /// A view of `storage`: the designated initializer every op ends in.
    /// PyTorch: `torch.Tensor.set_(storage, storage_offset, size, stride)` on a fresh tensor.
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
    /// PyTorch: `torch.Tensor.shape`.
    public var shape: Size { Size(sizes) }
    /// `t.size(dim)`, negative dims counting from the end.
    /// PyTorch: `torch.Tensor.size(dim)`.
    public func size(_ dim: Int) -> Int { sizes[wrapDim(dim, sizes.count)] }
    /// `t.size()`, the same as `shape` (PyTorch: `torch.Tensor.size()`).
    public func size() -> Size { shape }
    /// Every dim's stride in elements (PyTorch: `torch.Tensor.stride()`).
    public var strides: [Int] { strideValues }
    /// `t.stride(dim)`.
    /// PyTorch: `torch.Tensor.stride(dim)`.
    public func stride(_ dim: Int) -> Int { strideValues[wrapDim(dim, sizes.count)] }
    /// The number of dims (PyTorch: `torch.Tensor.ndim`).
    public var ndim: Int { sizes.count }
    /// The number of dims (PyTorch: `torch.Tensor.dim()`).
    public func dim() -> Int { sizes.count }
    /// Bytes per element (PyTorch: `torch.Tensor.element_size()`).
    public var elementSize: Int { dtype.itemSize }
    /// Always the CPU: this port has no other device (PyTorch: `torch.Tensor.device`).
    public var device: Device { .cpu }
    /// PyTorch: `torch.Tensor.is_floating_point()`.
    public var isFloatingPoint: Bool { dtype.isFloatingPoint }

    // MARK: Raw access (for kernels and interop)

    /// Typed pointer to element [0, 0, ...]; `T` must match `dtype` (checked).
    /// PyTorch: `torch.Tensor.data_ptr()` (typed, as C++'s `mutable_data_ptr<T>()`).
    @inlinable public func mutablePointer<T: TensorElement>(_: T.Type = T.self) -> UnsafeMutablePointer<T> {
        torchCheck(T.dtype == dtype, "expected a \(T.dtype) tensor but got \(dtype)")
        return storage.data.assumingMemoryBound(to: T.self) + storageOffset
    }

    /// Read-only typed pointer to element [0, 0, ...]; `T` must match `dtype` (checked).
    /// PyTorch: `torch.Tensor.data_ptr()` (typed, as C++'s `const_data_ptr<T>()`).
    @inlinable public func pointer<T: TensorElement>(_: T.Type = T.self) -> UnsafePointer<T> {
        UnsafePointer(mutablePointer(T.self))
    }

    /// Raw address of element [0, 0, ...].
    /// PyTorch: `torch.Tensor.data_ptr()`.
    public var rawPointer: UnsafeMutableRawPointer { storage.data + storageOffset * dtype.itemSize }

    /// Marks an in-place write for Autodiff's version check (every view of the storage sees it).
    /// PyTorch: C++'s `torch::autograd::impl::bump_version`; Python reads the counter as `torch.Tensor._version`.
    @inline(__always) public func bumpVersion() { storage.bumpVersion() }
}
