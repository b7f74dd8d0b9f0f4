import Foundation

/// Strided copy with broadcasting and dtype conversion: the one kernel behind `copy_`, `contiguous`,
/// `clone`, `to(dtype)` and materializing expanded views.
private struct CopyKernel: ElementVisitor {
    let dst: Tensor
    let src: Tensor

    func visit<D: TensorElement>(_: D.Type) {
        switch src.dtype {
        case .bool: copy(Bool.self, D.self)
        case .uint8: copy(UInt8.self, D.self)
        case .int8: copy(Int8.self, D.self)
        case .int16: copy(Int16.self, D.self)
        case .int32: copy(Int32.self, D.self)
        case .int64: copy(Int64.self, D.self)
        case .float16: copy(Float16.self, D.self)
        case .bfloat16: copy(BFloat16.self, D.self)
        case .float32: copy(Float.self, D.self)
        case .float64: copy(Double.self, D.self)
        }
    }

    private func copy<S: TensorElement, D: TensorElement>(_: S.Type, _: D.Type) {
        let loop = StridedLoop(
            shape: dst.sizes, strides: [dst.strideValues, src.broadcastStrides(to: dst.sizes)])
        if let tile = TransposeTiling(loop) {
            tile.run(dst.mutablePointer(D.self), src.pointer(S.self), Convert<S, D>())
        } else {
            runUnary(loop, dst.mutablePointer(D.self), src.pointer(S.self), Convert<S, D>())
        }
    }
}

/// A copy whose destination is contiguous along the last dim while the source is contiguous along the
/// one before (a transposed view being materialized). Walking either side linearly strides the other
/// across cache lines, so the last two dims are copied in square tiles that both fit in L1.
private struct TransposeTiling {
    static let tile = 32
    let loop: StridedLoop
    let rows: Int, cols: Int, outer: Int

    init?(_ loop: StridedLoop) {
        let rank = loop.shape.count
        guard rank >= 2 else { return nil }
        let (dst, src) = (loop.strides[0], loop.strides[1])
        guard dst[rank - 1] == 1, src[rank - 2] == 1, src[rank - 1] != 1, dst[rank - 2] != 1 else { return nil }
        self.loop = loop
        rows = loop.shape[rank - 2]
        cols = loop.shape[rank - 1]
        guard rows >= Self.tile, cols >= Self.tile else { return nil }
        outer = loop.numel / (rows * cols)
    }

    func run<F: UnaryFunctor>(_ out: UnsafeMutablePointer<F.Output>, _ input: UnsafePointer<F.Input>, _ f: F) {
        let rank = loop.shape.count
        let (dstRow, srcCol) = (loop.strides[0][rank - 2], loop.strides[1][rank - 1])
        let tilesPerMatrix = ((rows + Self.tile - 1) / Self.tile) * ((cols + Self.tile - 1) / Self.tile)
        let colTiles = (cols + Self.tile - 1) / Self.tile
        parallelFor(outer * tilesPerMatrix, grain: Swift.max(1, Threads.grainSize / (Self.tile * Self.tile))) { range in
            for item in range {
                let matrix = item / tilesPerMatrix
                let r0 = (item % tilesPerMatrix) / colTiles * Self.tile
                let c0 = (item % tilesPerMatrix) % colTiles * Self.tile
                // Offsets of this matrix: decompose `matrix` over the leading dims.
                var rest = matrix, dstBase = 0, srcBase = 0
                var d = rank - 3
                while d >= 0 {
                    let index = rest % loop.shape[d]
                    rest /= loop.shape[d]
                    dstBase += index * loop.strides[0][d]
                    srcBase += index * loop.strides[1][d]
                    d -= 1
                }
                let rEnd = Swift.min(r0 + Self.tile, rows), cEnd = Swift.min(c0 + Self.tile, cols)
                for r in r0..<rEnd {
                    let o = out + dstBase + r * dstRow
                    let x = input + srcBase + r
                    for c in c0..<cEnd { o[c] = f(x[c &* srcCol]) }
                }
            }
        }
    }
}

/// `static_cast<D>(S)` as a functor, so the copy loop inlines it and vectorizes.
private struct Convert<S: TensorElement, D: TensorElement>: UnaryFunctor {
    @inline(__always) func callAsFunction(_ x: S) -> D { convertElement(x, to: D.self) }
}

extension Tensor {
    /// Copies `src` into this tensor in place, broadcasting and converting dtype (`Tensor.copy_`).
    /// PyTorch: `torch.Tensor.copy_`.
    @discardableResult
    public func copy_(_ src: Tensor) -> Tensor {
        if src === self { return self }
        if let tracked = recordedInPlace(src, { $0.copiedFrom(src) }) { return tracked }
        return copyElements(src)
    }

    /// `copy_` without the autograd hook: fresh results (clone, to) are never tracked in place.
    @discardableResult
    func copyElements(_ src: Tensor) -> Tensor {
        _ = broadcastShapes(sizes, src.sizes)  // precise error first
        if src.dtype == dtype && src.isContiguous && isContiguous && src.sizes == sizes {
            memmove(rawPointer, src.rawPointer, numel * dtype.itemSize)
        } else if src.isContiguous && isContiguous && src.sizes == sizes && src.storage !== storage,
            HalfConversion.run(src, into: self)
        {
            // float32 ↔ bfloat16/float16 (autocast's casts, the half GEMMs): the vectorized C loops.
        } else if src.sizes == sizes && isContiguous && src.storage !== storage && convertingPermuted(src) {
            // A transposed view converted (a Linear weight's gradient reaching its float32 parameter).
        } else {
            // A source that overlaps the destination is staged first, as PyTorch does for partial overlap.
            let source = src.storage === storage ? src.clone() : src
            dtype.visit(CopyKernel(dst: self, src: source))
        }
        bumpVersion()
        return self
    }

    /// float32 ↔ bfloat16/float16 from a permuted dense `src` (its elements fill numel consecutive slots, as a
    /// transposed view's do): the span converts on the C loops, then one same-dtype transposing copy — the
    /// element-wise converting transpose is a generic loop several times slower. False if it does not apply.
    private func convertingPermuted(_ src: Tensor) -> Bool {
        guard src.dtype != dtype, numel > 0 else { return false }
        var expected = 1
        for (size, stride) in zip(src.sizes, src.strideValues).filter({ $0.0 != 1 }).sorted(by: { $0.1 < $1.1 }) {
            guard stride == expected else { return false }
            expected *= size
        }
        let staged = Tensor(uninitializedShape: [numel], dtype: dtype)
        let span = Tensor(
            storage: src.storage, offset: src.storageOffset, shape: [numel], strides: [1], dtype: src.dtype)
        // torch converts a strided copy element by element (c10), whose bfloat16 NaN is 0x7FC0.
        guard HalfConversion.run(span, into: staged, bf16NaN: 0x7FC0) else { return false }
        let view = Tensor(storage: staged.storage, offset: 0, shape: src.sizes, strides: src.strideValues, dtype: dtype)
        dtype.visit(CopyKernel(dst: self, src: view))
        return true
    }

    /// A contiguous tensor with the same values: `self` when already contiguous, else a copy.
    /// PyTorch: `torch.Tensor.contiguous`.
    public func contiguous() -> Tensor {
        isContiguous ? self : clone()
    }

    /// A copy with fresh contiguous storage (`torch.clone` with the default memory format for our layouts).
    public func clone() -> Tensor {
        let result = Tensor(uninitializedShape: sizes, dtype: dtype)
        result.copyElements(self)
        return result.recorded(.clone, self)
    }

    /// Converts to `dtype`; returns `self` when nothing changes and `copy` is false, as torch does.
    public func to(_ dtype: DType, copy: Bool = false) -> Tensor {
        if dtype == self.dtype && !copy { return self }
        let result = Tensor(uninitializedShape: sizes, dtype: dtype)
        result.copyElements(self)
        return result.recorded(.cast, self)
    }

    /// Moves to a device; only the CPU exists in this build (`t.to("cuda")` fails clearly).
    /// PyTorch: `torch.Tensor.to(device)`.
    public func to(_ device: Device) -> Tensor {
        device.checkAvailable()
        return self
    }

    /// Moves to the device a string like "cpu" or "cuda:0" names (PyTorch: `torch.Tensor.to("cpu")`).
    public func to(_ device: String) -> Tensor { to(Device(device)) }
    /// Returns `self`: every tensor is already on the CPU (PyTorch: `torch.Tensor.cpu`).
    public func cpu() -> Tensor { self }
    /// Fails clearly in this CPU-only build (PyTorch: `torch.Tensor.cuda`).
    public func cuda() -> Tensor { to(Device(kind: .cuda)) }

    /// Converts to float32 (PyTorch: `torch.Tensor.float`).
    public func float() -> Tensor { to(.float32) }
    /// Converts to float64 (PyTorch: `torch.Tensor.double`).
    public func double() -> Tensor { to(.float64) }
    /// Converts to float16 (PyTorch: `torch.Tensor.half`).
    public func half() -> Tensor { to(.float16) }
    /// Converts to bfloat16 (PyTorch: `torch.Tensor.bfloat16`).
    public func bfloat16() -> Tensor { to(.bfloat16) }
    /// Converts to int64 (PyTorch: `torch.Tensor.long`).
    public func long() -> Tensor { to(.int64) }
    /// Converts to int32 (PyTorch: `torch.Tensor.int`).
    public func int() -> Tensor { to(.int32) }
    /// Converts to int16 (PyTorch: `torch.Tensor.short`).
    public func short() -> Tensor { to(.int16) }
    /// Converts to int8 (PyTorch: `torch.Tensor.char`).
    public func char() -> Tensor { to(.int8) }
    /// Converts to uint8 (PyTorch: `torch.Tensor.byte`).
    public func byte() -> Tensor { to(.uint8) }
    /// Converts to bool, nonzero is true (PyTorch: `torch.Tensor.bool`).
    public func bool() -> Tensor { to(.bool) }
    /// `type_as`: converts to `other`'s dtype.
    /// PyTorch: `torch.Tensor.type_as`.
    public func typeAs(_ other: Tensor) -> Tensor { to(other.dtype) }
}
