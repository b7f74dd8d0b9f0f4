import Foundation

extension Tensor {
    /// `torch.tensor(data)`: copies nested arrays or a number. Swift `Double`s play Python floats and
    /// become the default dtype (float32), `Int`s become int64, unless `dtype` says otherwise.
    public convenience init<D: TensorData>(_ data: D, dtype: DType? = nil) {
        var leaves: [D.Leaf] = []
        var shape: [Int] = []
        data.collect(into: &leaves, shape: &shape, depth: 0)
        let natural: DType = D.Leaf.self == Double.self ? DType.defaultFloatingPoint : D.Leaf.dtype
        let exact = Tensor(copying: leaves, shape: shape)
        let target = dtype ?? natural
        if target == exact.dtype {
            self.init(storage: exact.storage, shape: shape, strides: exact.strideValues, dtype: target)
        } else {
            let converted = exact.to(target)
            self.init(storage: converted.storage, shape: shape, strides: converted.strideValues, dtype: target)
        }
    }

    /// A tensor holding exactly these elements in this shape, with the elements' own dtype
    /// (`torch.from_numpy` on a copied array: `[Double]` gives float64).
    public convenience init<T: TensorElement>(copying elements: [T], shape: [Int]) {
        let count = shape.reduce(1, *)
        torchCheck(
            count == elements.count,
            "shape '\(shapeString(shape))' is invalid for input of size \(elements.count)")
        self.init(uninitializedShape: shape, dtype: T.dtype)
        elements.withUnsafeBytes { bytes in
            if let base = bytes.baseAddress { rawPointer.copyMemory(from: base, byteCount: bytes.count) }
        }
    }

    /// Wraps memory without copying (`torch.from_blob`); the tensor writes through to it.
    /// `deallocator` runs when the last view is gone; pass nil if the memory outlives every view.
    public convenience init(
        borrowing data: UnsafeMutableRawPointer, shape: [Int], strides: [Int]? = nil, dtype: DType,
        deallocator: (@Sendable (UnsafeMutableRawPointer) -> Void)? = nil
    ) {
        let strides = strides ?? contiguousStrides(shape)
        var extent = 1
        for (size, stride) in zip(shape, strides) where size > 0 { extent += (size - 1) * stride }
        let storage = TensorStorage(
            borrowing: data, byteCount: shape.contains(0) ? 0 : extent * dtype.itemSize,
            deallocator: deallocator)
        self.init(storage: storage, shape: shape, strides: strides, dtype: dtype)
    }

    /// A tensor that holds a copy of raw bytes (e.g. a file's payload) in the given dtype and shape.
    /// PyTorch: `torch.frombuffer` (copying rather than sharing the bytes).
    public convenience init(bytes: UnsafeRawBufferPointer, shape: [Int], dtype: DType) {
        let count = shape.reduce(1, *)
        torchCheck(
            bytes.count == count * dtype.itemSize,
            "expected \(count * dtype.itemSize) bytes for shape \(shapeString(shape)) of \(dtype), got \(bytes.count)")
        self.init(uninitializedShape: shape, dtype: dtype)
        if let base = bytes.baseAddress { rawPointer.copyMemory(from: base, byteCount: bytes.count) }
    }

    // MARK: Filled tensors

    /// `torch.empty`: uninitialized memory (filled with NaN / the integer maximum in deterministic mode).
    public static func empty(_ shape: [Int], dtype: DType? = nil) -> Tensor {
        let result = Tensor(uninitializedShape: shape, dtype: dtype ?? .defaultFloatingPoint)
        return Determinism.fillsEmpty ? result.filledAsUninitialized() : result
    }
    /// `torch.empty(*size)`: the variadic spelling, `Tensor.empty(2, 3)`.
    public static func empty(_ shape: Int..., dtype: DType? = nil) -> Tensor { empty(shape, dtype: dtype) }

    /// `torch.full`: the dtype follows the fill value (bool, int64, or the default float) unless given.
    public static func full(_ shape: [Int], _ value: Scalar, dtype: DType? = nil) -> Tensor {
        let dtype = dtype ?? (value.dtype == .float64 ? .defaultFloatingPoint : value.dtype)
        return Tensor(uninitializedShape: shape, dtype: dtype).fill_(value)
    }

    /// `torch.zeros`: a tensor of zeros, in the default float dtype unless `dtype` is given.
    public static func zeros(_ shape: [Int], dtype: DType? = nil) -> Tensor {
        let result = Tensor(uninitializedShape: shape, dtype: dtype ?? .defaultFloatingPoint)
        memset(result.rawPointer, 0, result.numel * result.dtype.itemSize)
        return result
    }
    /// `torch.zeros(*size)`: the variadic spelling, `Tensor.zeros(2, 3)`.
    public static func zeros(_ shape: Int..., dtype: DType? = nil) -> Tensor { zeros(shape, dtype: dtype) }

    /// `torch.ones`: a tensor of ones, in the default float dtype unless `dtype` is given.
    public static func ones(_ shape: [Int], dtype: DType? = nil) -> Tensor {
        Tensor(uninitializedShape: shape, dtype: dtype ?? .defaultFloatingPoint).fill_(1)
    }
    /// `torch.ones(*size)`: the variadic spelling, `Tensor.ones(2, 3)`.
    public static func ones(_ shape: Int..., dtype: DType? = nil) -> Tensor { ones(shape, dtype: dtype) }

    /// `torch.empty_like`: uninitialized, with `other`'s shape and (unless given) dtype.
    public static func emptyLike(_ other: Tensor, dtype: DType? = nil) -> Tensor {
        let result = Tensor(uninitializedShape: other.sizes, dtype: dtype ?? other.dtype)
        return Determinism.fillsEmpty ? result.filledAsUninitialized() : result
    }
    /// `torch.zeros_like`: zeros with `other`'s shape and (unless given) dtype.
    public static func zerosLike(_ other: Tensor, dtype: DType? = nil) -> Tensor {
        zeros(other.sizes, dtype: dtype ?? other.dtype)
    }
    /// `torch.ones_like`: ones with `other`'s shape and (unless given) dtype.
    public static func onesLike(_ other: Tensor, dtype: DType? = nil) -> Tensor {
        ones(other.sizes, dtype: dtype ?? other.dtype)
    }
    /// `torch.full_like`: `value` everywhere, with `other`'s shape and (unless given) dtype.
    public static func fullLike(_ other: Tensor, _ value: Scalar, dtype: DType? = nil) -> Tensor {
        full(other.sizes, value, dtype: dtype ?? other.dtype)
    }

    // MARK: In-place fills

    private struct FillKernel: ElementVisitor {
        let tensor: Tensor
        let value: Scalar
        func visit<T: TensorElement>(_: T.Type) {
            let element: T =
                switch value {
                case .double(let d): T(fromDouble: d)
                case .int(let i): T(fromInt64: i)
                case .bool(let b): T(fromInt64: b ? 1 : 0)
                }
            let loop = StridedLoop(shape: tensor.sizes, strides: [tensor.strideValues])
            let base = tensor.mutablePointer(T.self)
            let stride = loop.innerStride(0)
            loop.run { offsets, count in
                let p = base + offsets[0]
                if stride == 1 {
                    p.update(repeating: element, count: count)
                } else {
                    for i in 0..<count { p[i &* stride] = element }
                }
            }
        }
    }

    /// Fills every element with `value`, converted to this tensor's dtype (`fill_`).
    /// PyTorch: `Tensor.fill_`.
    @discardableResult
    public func fill_(_ value: Scalar) -> Tensor {
        if let tracked = recordedInPlace(
            nil, { Tensor.full($0.sizes, value, dtype: $0.dtype).recorded(.fill(zero: false), $0) })
        {
            return tracked
        }
        dtype.visit(FillKernel(tensor: self, value: value))
        bumpVersion()
        return self
    }

    /// `torch.Tensor.zero_`: sets every element to zero in place.
    @discardableResult
    public func zero_() -> Tensor {
        recordedInPlace(nil) { Tensor.zeros($0.sizes, dtype: $0.dtype).recorded(.fill(zero: true), $0) } ?? fill_(0)
    }
}
