import Foundation

// gather / scatter family. Both walk the index tensor: one loop over every coordinate except `dim`
// (parallel; coordinates outside `dim` never collide, so scatter writes are race-free) and an inner
// loop along `dim` that reads the index.

/// The loop over the index's coordinates with `dim` collapsed, and each operand's stride along `dim`.
private struct DimLoop {
    let loop: StridedLoop
    let length: Int
    let dimStrides: [Int]

    /// `operands[0]` must be the index; every operand is read with the index's sizes.
    init(index: Tensor, dim: Int, operands: [Tensor]) {
        if index.ndim == 0 {
            loop = StridedLoop(shape: [1], strides: operands.map { _ in [0] })
            length = 1
            dimStrides = operands.map { $0.ndim == 0 ? 0 : $0.strideValues[dim] }
            return
        }
        var shape = index.sizes
        length = shape[dim]
        shape[dim] = 1
        loop = StridedLoop(
            shape: shape, strides: operands.map { $0.ndim == 0 ? shape.map { _ in 0 } : $0.strideValues })
        dimStrides = operands.map { $0.ndim == 0 ? 0 : $0.strideValues[dim] }
    }

    var grain: Int { Swift.max(1, Threads.grainSize / Swift.max(length, 1)) }
}

private struct GatherKernel: BitsVisitor {
    let source: Tensor
    let dim: Int
    let index: Tensor
    let result: Tensor

    func visit<E: FixedWidthInteger>(_: E.Type) {
        if index.dtype == .int64 { run(E.self, Int64.self) } else { run(E.self, Int32.self) }
    }

    private func run<E: FixedWidthInteger, I: FixedWidthInteger>(_: E.Type, _: I.Type) {
        let plan = DimLoop(index: index, dim: dim, operands: [index, result, source])
        let size = source.ndim == 0 ? 1 : source.sizes[dim]
        let idx = UnsafePointer(index.rawPointer.assumingMemoryBound(to: I.self))
        let out = result.rawPointer.assumingMemoryBound(to: E.self)
        let src = UnsafePointer(source.rawPointer.assumingMemoryBound(to: E.self))
        let (si, so, ss) = (plan.dimStrides[0], plan.dimStrides[1], plan.dimStrides[2])
        let (li, lo, ls) = (plan.loop.innerStride(0), plan.loop.innerStride(1), plan.loop.innerStride(2))
        let length = plan.length
        let dim = self.dim
        @inline(__always) func element(_ ip: UnsafePointer<I>, _ op: UnsafeMutablePointer<E>, _ sp: UnsafePointer<E>) {
            let v = Int(ip.pointee)
            // gather/scatter take no negative indices (unlike subscripts), as in PyTorch.
            torchCheck(v >= 0 && v < size, "index \(v) is out of bounds for dimension \(dim) with size \(size)")
            op.pointee = sp[v &* ss]
        }
        plan.loop.run(grain: plan.grain) { offsets, count in
            let (i0, o0, s0) = (idx + offsets[0], out + offsets[1], src + offsets[2])
            if count >= length {
                // Long runs across the other dims: walk them innermost (contiguous reads and writes).
                for k in 0..<length {
                    for j in 0..<count { element(i0 + (k &* si + j &* li), o0 + (k &* so + j &* lo), s0 + j &* ls) }
                }
            } else {
                for j in 0..<count {
                    for k in 0..<length { element(i0 + (k &* si + j &* li), o0 + (k &* so + j &* lo), s0 + j &* ls) }
                }
            }
        }
    }
}

enum ScatterReduction {
    case assign, add, multiply, maximum, minimum
}

private struct ScatterKernel: ArithmeticVisitor {
    let target: Tensor
    let dim: Int
    let index: Tensor
    /// Source elements read with the index's sizes (a 0-dim tensor for a scalar value).
    let source: Tensor
    let reduction: ScatterReduction

    func visit<T: IndexArithmetic>(_: T.Type) {
        if index.dtype == .int64 { run(T.self, Int64.self) } else { run(T.self, Int32.self) }
    }

    private func run<T: IndexArithmetic, I: FixedWidthInteger>(_: T.Type, _: I.Type) {
        let plan = DimLoop(index: index, dim: dim, operands: [index, target, source])
        let size = target.ndim == 0 ? 1 : target.sizes[dim]
        let idx = index.rawPointer.assumingMemoryBound(to: I.self)
        let dst = target.mutablePointer(T.self)
        let src = source.pointer(T.self)
        let (si, sd, ss) = (plan.dimStrides[0], plan.dimStrides[1], plan.dimStrides[2])
        let (li, ld, ls) = (plan.loop.innerStride(0), plan.loop.innerStride(1), plan.loop.innerStride(2))
        let length = plan.length
        let dim = self.dim
        let reduction = self.reduction
        @inline(__always) func element(_ ip: UnsafeMutablePointer<I>, _ dp: UnsafeMutablePointer<T>, _ value: T) {
            let v = Int(ip.pointee)
            torchCheck(v >= 0 && v < size, "index \(v) is out of bounds for dimension \(dim) with size \(size)")
            let p = dp + v &* sd
            switch reduction {
            case .assign: p.pointee = value
            case .add: p.pointee = T.indexSum(p.pointee, value)
            case .multiply: p.pointee = T.indexProduct(p.pointee, value)
            case .maximum: p.pointee = T.indexMax(p.pointee, value)
            case .minimum: p.pointee = T.indexMin(p.pointee, value)
            }
        }
        // Positions that differ outside `dim` never collide, so any split of the runs is race-free, and
        // both loop orders keep each destination's updates in ascending `k` (PyTorch's order).
        plan.loop.run(grain: plan.grain) { offsets, count in
            let (i0, d0, s0) = (idx + offsets[0], dst + offsets[1], src + offsets[2])
            if count >= length {
                for k in 0..<length {
                    for j in 0..<count { element(i0 + (k &* si + j &* li), d0 + j &* ld, s0[k &* ss + j &* ls]) }
                }
            } else {
                for j in 0..<count {
                    for k in 0..<length { element(i0 + (k &* si + j &* li), d0 + j &* ld, s0[k &* ss + j &* ls]) }
                }
            }
        }
    }
}

extension Tensor {
    /// `gather`: `out[i][j][k] = self[index[i][j][k]][j][k]` for `dim` 0 (and likewise for other dims).
    /// PyTorch: `torch.gather`.
    public func gather(dim: Int, index: Tensor) -> Tensor {
        let dim = wrapDim(dim, ndim)
        torchCheck(index.dtype == .int64 || index.dtype == .int32, "gather(): Expected dtype int32/int64 for index")
        checkGatherShapes(dim: dim, index: index)
        let result = Tensor(uninitializedShape: index.sizes, dtype: dtype)
        if index.numel > 0 {
            dtype.visitBits(GatherKernel(source: self, dim: dim, index: index, result: result))
        }
        return result.recorded(.gather(dim: dim, index: index), self)
    }

    private func checkGatherShapes(dim: Int, index: Tensor) {
        torchCheck(
            Swift.max(index.ndim, 1) == Swift.max(ndim, 1),
            "Index tensor must have the same number of dimensions as input tensor")
        for d in 0..<index.ndim where d != dim {
            torchCheck(
                index.sizes[d] <= sizes[d],
                "Size does not match at dimension \(d) expected index \(shapeString(index.sizes)) to be no larger than self \(shapeString(sizes)) apart from dimension \(dim)"
            )
        }
    }

    func checkScatter(_ op: String, dim: Int, index: Tensor, source: Tensor?) {
        torchCheck(
            index.dtype == .int64 || index.dtype == .int32, "\(op)(): Expected dtype int32/int64 for index")
        if let source {
            torchCheck(source.dtype == dtype, "\(op)(): Expected self.dtype to be equal to src.dtype")
        }
        if index.numel == 0 { return }
        torchCheck(
            Swift.max(index.ndim, 1) == Swift.max(ndim, 1),
            "Index tensor must have the same number of dimensions as self tensor")
        if let source {
            torchCheck(
                Swift.max(index.ndim, 1) == Swift.max(source.ndim, 1),
                "Index tensor must have the same number of dimensions as src tensor")
        }
        var fitsSelf = true
        var fitsSource = true
        for d in 0..<index.ndim {
            if d != dim && index.sizes[d] > sizes[d] { fitsSelf = false }
            if let source, index.sizes[d] > source.sizes[d] { fitsSource = false }
        }
        if let source {
            torchCheck(
                fitsSelf && fitsSource,
                "Expected index \(shapeString(index.sizes)) to be no larger than self \(shapeString(sizes)) apart from dimension \(dim) and to be no larger size than src \(shapeString(source.sizes))"
            )
        } else {
            torchCheck(
                fitsSelf,
                "Expected index \(shapeString(index.sizes)) to be no larger than self \(shapeString(sizes)) apart from dimension \(dim)"
            )
        }
    }

    func runScatter(dim: Int, index: Tensor, source: Tensor, reduction: ScatterReduction) {
        if index.numel > 0 {
            let source = source.storage === storage ? source.clone() : source
            if reduction != .assign && (dtype == .float16 || dtype == .bfloat16) {
                // PyTorch reduces half types in float and rounds once at the end.
                let work = to(.float32, copy: true)
                ScatterKernel(target: work, dim: dim, index: index, source: source.to(.float32), reduction: reduction)
                    .visit(Float.self)
                copy_(work)
            } else {
                dtype.visitArithmetic(
                    ScatterKernel(target: self, dim: dim, index: index, source: source, reduction: reduction))
            }
        }
        bumpVersion()
    }

    private static func scatterReduction(_ reduce: String?) -> ScatterReduction {
        switch reduce {
        case nil: return .assign
        case "add": return .add
        case "multiply": return .multiply
        default: torchFail("reduce argument must be either add or multiply.")
        }
    }

    /// `scatter_(dim, index, src, reduce=None)`: `self[index[i][j]][j] = src[i][j]` (dim 0); `reduce`
    /// "add" or "multiply" combines instead of overwriting.
    /// PyTorch: `torch.Tensor.scatter_`.
    @discardableResult
    public func scatter_(dim: Int, index: Tensor, src: Tensor, reduce: String? = nil) -> Tensor {
        recordedInPlace(src) { $0.scatter(dim: dim, index: index, src: src, reduce: reduce) }
            ?? scatterRaw_(dim: dim, index: index, src: src, reduce: reduce)
    }

    @discardableResult
    func scatterRaw_(dim: Int, index: Tensor, src: Tensor, reduce: String?) -> Tensor {
        let dim = wrapDim(dim, ndim)
        checkScatter("scatter", dim: dim, index: index, source: src)
        runScatter(dim: dim, index: index, source: src, reduction: Tensor.scatterReduction(reduce))
        return self
    }

    /// `scatter_(dim, index, value, reduce=None)` with a number.
    /// PyTorch: `torch.Tensor.scatter_(dim, index, value)`.
    @discardableResult
    public func scatter_(dim: Int, index: Tensor, value: Scalar, reduce: String? = nil) -> Tensor {
        recordedInPlace(nil) { $0.scatter(dim: dim, index: index, value: value, reduce: reduce) }
            ?? scatterRaw_(dim: dim, index: index, value: value, reduce: reduce)
    }

    @discardableResult
    func scatterRaw_(dim: Int, index: Tensor, value: Scalar, reduce: String?) -> Tensor {
        let dim = wrapDim(dim, ndim)
        checkScatter("scatter", dim: dim, index: index, source: nil)
        runScatter(
            dim: dim, index: index, source: Tensor.full([], value, dtype: dtype),
            reduction: Tensor.scatterReduction(reduce))
        return self
    }

    /// The out-of-place `scatter_` (PyTorch: `torch.scatter`).
    public func scatter(dim: Int, index: Tensor, src: Tensor, reduce: String? = nil) -> Tensor {
        let result = untrackedCopy().scatterRaw_(dim: dim, index: index, src: src, reduce: reduce)
        guard reduce == nil else { return result.recorded(.notImplemented("scatter"), self, src) }
        return result.recorded(.scatter(dim: wrapDim(dim, ndim), index: index), self, src)
    }

    /// The out-of-place `scatter_` with a number (PyTorch: `torch.scatter(input, dim, index, value)`).
    public func scatter(dim: Int, index: Tensor, value: Scalar, reduce: String? = nil) -> Tensor {
        let result = untrackedCopy().scatterRaw_(dim: dim, index: index, value: value, reduce: reduce)
        guard reduce == nil else { return result.recorded(.notImplemented("scatter"), self) }
        return result.recorded(.scatter(dim: wrapDim(dim, ndim), index: index), self, nil)
    }

    /// `scatter_add_`: adds `src` into the indexed positions; duplicate indices accumulate.
    /// PyTorch: `torch.Tensor.scatter_add_`.
    @discardableResult
    public func scatterAdd_(dim: Int, index: Tensor, src: Tensor) -> Tensor {
        recordedInPlace(src) { $0.scatterAdd(dim: dim, index: index, src: src) }
            ?? scatterAddRaw_(dim: dim, index: index, src: src)
    }

    @discardableResult
    func scatterAddRaw_(dim: Int, index: Tensor, src: Tensor) -> Tensor {
        let dim = wrapDim(dim, ndim)
        checkScatter("scatter_add", dim: dim, index: index, source: src)
        runScatter(dim: dim, index: index, source: src, reduction: .add)
        return self
    }

    /// The out-of-place `scatter_add_` (PyTorch: `torch.scatter_add`).
    public func scatterAdd(dim: Int, index: Tensor, src: Tensor) -> Tensor {
        untrackedCopy().scatterAddRaw_(dim: dim, index: index, src: src)
            .recorded(.scatterAdd(dim: wrapDim(dim, ndim), index: index), self, src)
    }
}
