import Foundation

// Boolean-mask ops: masked_fill, masked_select, masked_scatter, nonzero / argwhere.

/// Writes `value` wherever the (broadcast) mask is true.
private struct MaskedFillKernel: ElementVisitor {
    let tensor: Tensor
    let mask: Tensor
    let value: Scalar

    func visit<T: TensorElement>(_: T.Type) {
        let element = value.element(T.self)
        let loop = StridedLoop(
            shape: tensor.sizes, strides: [tensor.strideValues, mask.broadcastStrides(to: tensor.sizes)])
        let base = tensor.mutablePointer(T.self)
        let maskBase = mask.pointer(Bool.self)
        let so = loop.innerStride(0)
        let sm = loop.innerStride(1)
        loop.run { offsets, count in
            let p = base + offsets[0]
            let m = maskBase + offsets[1]
            if so == 1 && sm == 1 {
                for i in 0..<count where m[i] { p[i] = element }
            } else if sm == 0 {
                if m[0] {
                    for i in 0..<count { p[i &* so] = element }
                }
            } else {
                for i in 0..<count where m[i &* sm] { p[i &* so] = element }
            }
        }
    }
}

/// Copies the elements under true mask positions, in row-major order, into a 1-D result.
private struct MaskedSelectKernel: BitsVisitor {
    let source: Tensor
    let mask: Tensor
    let shape: [Int]
    let result: Tensor

    func visit<E: FixedWidthInteger>(_: E.Type) {
        let loop = StridedLoop(
            shape: shape, strides: [source.broadcastStrides(to: shape), mask.broadcastStrides(to: shape)])
        let src = UnsafePointer(source.rawPointer.assumingMemoryBound(to: E.self))
        let maskBase = mask.pointer(Bool.self)
        var out = result.rawPointer.assumingMemoryBound(to: E.self)
        let ss = loop.innerStride(0)
        let sm = loop.innerStride(1)
        loop.forEachRun(in: 0..<loop.numel) { offsets, count in
            let s = src + offsets[0]
            let m = maskBase + offsets[1]
            for i in 0..<count where m[i &* sm] {
                out.pointee = s[i &* ss]
                out += 1
            }
        }
    }
}

/// Fills true mask positions with consecutive elements of a contiguous source.
private struct MaskedScatterKernel: BitsVisitor {
    let tensor: Tensor
    let mask: Tensor
    let source: Tensor

    func visit<E: FixedWidthInteger>(_: E.Type) {
        let loop = StridedLoop(
            shape: tensor.sizes, strides: [tensor.strideValues, mask.broadcastStrides(to: tensor.sizes)])
        let dst = tensor.rawPointer.assumingMemoryBound(to: E.self)
        let maskBase = mask.pointer(Bool.self)
        var next = UnsafePointer(source.rawPointer.assumingMemoryBound(to: E.self))
        let sd = loop.innerStride(0)
        let sm = loop.innerStride(1)
        loop.forEachRun(in: 0..<loop.numel) { offsets, count in
            let d = dst + offsets[0]
            let m = maskBase + offsets[1]
            for i in 0..<count where m[i &* sm] {
                d[i &* sd] = next.pointee
                next += 1
            }
        }
    }
}

/// Coordinates of the nonzero elements. Works on bits: a float is nonzero unless every bit but the
/// sign is clear, so -0.0 counts as zero and NaN as nonzero, as in PyTorch.
private struct NonzeroKernel: BitsVisitor {
    let tensor: Tensor

    func visit<E: FixedWidthInteger>(_: E.Type) -> Tensor {
        let source = tensor.contiguous()
        let ignored: E = tensor.dtype.isFloatingPoint ? E(1) << (E.bitWidth - 1) : 0
        let keep = ~ignored
        let count = tensor.numel
        let p = source.rawPointer.assumingMemoryBound(to: E.self)
        var hits = 0
        for i in 0..<count where p[i] & keep != 0 { hits += 1 }
        let rank = tensor.ndim
        let result = Tensor(uninitializedShape: [hits, rank], dtype: .int64)
        let out = result.mutablePointer(Int64.self)
        let sizes = tensor.sizes
        var row = 0
        withExtendedLifetime(source) {
            for i in 0..<count where p[i] & keep != 0 {
                var rest = i
                var d = rank - 1
                while d >= 0 {
                    out[row * rank + d] = Int64(rest % sizes[d])
                    rest /= sizes[d]
                    d -= 1
                }
                row += 1
            }
        }
        return result
    }
}

extension Tensor {
    /// The broadcast shape of an in-place op's operand, which may not grow `self` (PyTorch's message).
    fileprivate func checkInPlaceBroadcast(_ other: [Int]) {
        let shape = broadcastShapes(sizes, other)
        torchCheck(
            shape == sizes,
            "output with shape \(shapeString(sizes)) doesn't match the broadcast shape \(shapeString(shape))")
    }

    /// `masked_fill_`: sets the elements where `mask` (bool, broadcast to this shape) is true.
    /// PyTorch: `torch.Tensor.masked_fill_`.
    @discardableResult
    public func maskedFill_(_ mask: Tensor, _ value: Scalar) -> Tensor {
        recordedInPlace(nil) { $0.maskedFill(mask, value) } ?? maskedFillRaw_(mask, value)
    }

    @discardableResult
    func maskedFillRaw_(_ mask: Tensor, _ value: Scalar) -> Tensor {
        torchCheck(
            mask.dtype == .bool,
            "masked_fill_ only supports boolean masks, but got mask with dtype \(mask.dtype.cppTypeName)")
        checkInPlaceBroadcast(mask.sizes)
        let mask = mask.storage === storage ? mask.clone() : mask
        if numel > 0 { dtype.visit(MaskedFillKernel(tensor: self, mask: mask, value: value)) }
        bumpVersion()
        return self
    }

    /// `masked_fill_` with a 0-dim tensor value.
    /// PyTorch: `torch.Tensor.masked_fill_`.
    @discardableResult
    public func maskedFill_(_ mask: Tensor, _ value: Tensor) -> Tensor {
        torchCheck(
            value.ndim == 0,
            "masked_fill_ only supports a 0-dimensional value tensor, but got tensor with \(value.ndim) dimension(s).")
        if let tracked = recordedInPlace(value, { $0.maskedFill(mask, value) }) { return tracked }
        return maskedFillRaw_(mask, value.scalarValue())
    }

    /// `masked_fill`: a copy of `self` broadcast with `mask`, filled where the mask is true.
    /// PyTorch: `torch.Tensor.masked_fill`.
    public func maskedFill(_ mask: Tensor, _ value: Scalar) -> Tensor {
        torchCheck(
            mask.dtype == .bool,
            "masked_fill_ only supports boolean masks, but got mask with dtype \(mask.dtype.cppTypeName)")
        let shape = broadcastShapes(mask.sizes, sizes)
        return expandedView(shape).untrackedCopy().maskedFillRaw_(mask, value).recorded(
            .maskedFill(mask: mask), self, nil)
    }

    /// `masked_fill` with a 0-dim tensor value (PyTorch: `torch.Tensor.masked_fill`).
    public func maskedFill(_ mask: Tensor, _ value: Tensor) -> Tensor {
        torchCheck(
            value.ndim == 0,
            "masked_fill_ only supports a 0-dimensional value tensor, but got tensor with \(value.ndim) dimension(s).")
        torchCheck(
            mask.dtype == .bool,
            "masked_fill_ only supports boolean masks, but got mask with dtype \(mask.dtype.cppTypeName)")
        let shape = broadcastShapes(mask.sizes, sizes)
        return expandedView(shape).untrackedCopy().maskedFillRaw_(mask, value.scalarValue())
            .recorded(.maskedFill(mask: mask), self, value)
    }

    /// `masked_select`: the elements where the broadcast mask is true, as a 1-D tensor.
    /// PyTorch: `torch.masked_select`.
    public func maskedSelect(_ mask: Tensor) -> Tensor {
        torchCheck(mask.dtype == .bool, "masked_select: expected BoolTensor for mask")
        let shape = broadcastShapes(mask.sizes, sizes)
        let hits = mask.expandedView(shape).countTrue()
        let result = Tensor(uninitializedShape: [hits], dtype: dtype)
        if hits > 0 {
            dtype.visitBits(MaskedSelectKernel(source: self, mask: mask, shape: shape, result: result))
        }
        return result.recorded(.maskedSelect(mask: mask), self)
    }

    /// `masked_scatter_`: copies consecutive elements of `source` into the true mask positions.
    /// PyTorch: `torch.Tensor.masked_scatter_`.
    @discardableResult
    public func maskedScatter_(_ mask: Tensor, _ source: Tensor) -> Tensor {
        recordedInPlace(source) { $0.maskedScatter(mask, source) } ?? maskedScatterRaw_(mask, source)
    }

    @discardableResult
    func maskedScatterRaw_(_ mask: Tensor, _ source: Tensor) -> Tensor {
        torchCheck(
            mask.dtype == .bool,
            "masked_scatter_ only supports boolean masks, but got mask with dtype \(mask.dtype.cppTypeName)")
        torchCheck(
            source.dtype == dtype,
            "masked_scatter: expected self and source to have same dtypes but got \(dtype.scalarTypeName) and \(source.dtype.scalarTypeName)"
        )
        checkInPlaceBroadcast(mask.sizes)
        let hits = mask.expandedView(sizes).countTrue()
        torchCheck(hits <= source.numel, "Number of elements of source < number of ones in mask")
        let source = source.contiguous()
        let mask = mask.storage === storage ? mask.clone() : mask
        if hits > 0 { dtype.visitBits(MaskedScatterKernel(tensor: self, mask: mask, source: source)) }
        bumpVersion()
        return self
    }

    /// The out-of-place `masked_scatter_`, broadcasting `self` with `mask` (PyTorch: `torch.Tensor.masked_scatter`).
    public func maskedScatter(_ mask: Tensor, _ source: Tensor) -> Tensor {
        let shape = broadcastShapes(mask.sizes, sizes)
        return expandedView(shape).untrackedCopy().maskedScatterRaw_(mask, source)
            .recorded(.maskedScatter(mask: mask), self, source)
    }

    /// `nonzero()`: the coordinates of nonzero elements, `[count, ndim]` int64, row-major order.
    /// PyTorch: `torch.nonzero`.
    public func nonzero() -> Tensor {
        dtype.visitBits(NonzeroKernel(tensor: self))
    }

    /// `nonzero(as_tuple=True)`: one 1-D int64 tensor of coordinates per dimension (a 0-dim input is
    /// treated as 1-D, as PyTorch does); with `asTuple` false, the single `[count, ndim]` tensor.
    public func nonzero(asTuple: Bool) -> [Tensor] {
        if !asTuple { return [nonzero()] }
        let source = ndim == 0 ? restrided([1], [1]) : self
        let coordinates = source.nonzero()
        let rows = coordinates.sizes[0]
        return (0..<source.ndim).map { j in
            coordinates.restrided([rows], [source.ndim], offset: j).contiguous()
        }
    }

    /// `torch.argwhere`: same as `nonzero()`.
    public func argwhere() -> Tensor { nonzero() }

    /// Number of true elements of a bool tensor (any layout).
    func countTrue() -> Int {
        let loop = StridedLoop(shape: sizes, strides: [strideValues])
        let base = pointer(Bool.self)
        let stride = loop.innerStride(0)
        var total = 0
        loop.forEachRun(in: 0..<loop.numel) { offsets, count in
            let p = base + offsets[0]
            var hits = 0
            for i in 0..<count where p[i &* stride] { hits += 1 }
            total += hits
        }
        return total
    }
}
