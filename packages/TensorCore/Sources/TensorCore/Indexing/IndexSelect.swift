// index_select / index_add / index_copy / index_fill: one index vector along one dimension. They run
// on the advanced-indexing engine (a single index tensor keeps its place, so the indexed slab is
// `before + [n] + after`); dim-0 selection of a contiguous tensor becomes one memcpy per row there.

extension Tensor {
    /// The index as a 1-D view (0-dim indices count as one entry) and the list addressing `dim`.
    fileprivate func indexList(dim: Int, index: Tensor) -> [Tensor?] {
        let vector = index.ndim == 0 ? index.restrided([1], [1]) : index
        return [Tensor?](repeating: nil, count: dim) + [vector]
    }

    /// 0-dim tensors behave as 1-D of one element here, as in PyTorch.
    fileprivate var atLeast1D: Tensor { ndim == 0 ? restrided([1], [1]) : self }

    /// `index_select(dim, index)`: the slices of `dim` listed in `index` (int32/int64 vector).
    /// PyTorch: `torch.index_select`.
    public func indexSelect(dim: Int, index: Tensor) -> Tensor {
        let dim = wrapDim(dim, ndim)
        torchCheck(index.ndim <= 1, "index_select(): Index is supposed to be a vector")
        torchCheck(
            index.dtype == .int64 || index.dtype == .int32,
            "index_select(): Expected dtype int32 or int64 for index")
        torchCheck(
            index.numel == 0 || ndim == 0 || sizes[dim] > 0,
            "index_select(): self indexing axis dim should be positive")
        torchCheck(
            ndim > 0 || index.numel == 1,
            "index_select(): Index to scalar can have only 1 value, got \(index.numel) value(s)")
        let result = atLeast1D.gatherIndexed(
            indexList(dim: dim, index: index), boundsMessage: { _, _ in "index out of range in self" },
            allowNegative: false)
        // A 0-dim self gives a 0-dim result whatever the index's rank, as torch's.
        return (ndim == 0 ? result.restrided([], []) : result)
            .recorded(.indexSelect(dim: dim, index: index), self)
    }

    /// Checks shared by index_add_ and index_copy_; returns the source seen with self's rank.
    fileprivate func checkIndexSource(_ op: String, dim: Int, index: Tensor, source: Tensor) -> Tensor {
        torchCheck(index.ndim <= 1, "\(op)(): Index is supposed to be a vector")
        let count = index.numel
        let sourceSize = source.ndim == 0 ? 1 : source.sizes[dim]
        if op == "index_copy_" {
            torchCheck(
                count == sourceSize,
                "index_copy_(): Number of indices (\(count)) should be equal to source.size(dim) (\(sourceSize))")
        } else {
            torchCheck(
                count == sourceSize,
                "\(op)(): Number of indices (\(count)) should be equal to source.size(dim): (\(sourceSize)), for dim: \(dim)"
            )
        }
        let me = atLeast1D
        let src = source.atLeast1D
        var matches = me.ndim == src.ndim
        if matches {
            for d in 0..<me.ndim where d != dim && me.sizes[d] != src.sizes[d] { matches = false }
        }
        torchCheck(
            matches,
            "source tensor shape must match self tensor shape, excluding the specified dimension. Got self.shape = \(shapeString(sizes)) source.shape = \(shapeString(source.sizes))"
        )
        return src
    }

    /// `index_add_(dim, index, source, alpha=1)`: `self.select(dim, index[i]) += alpha * source.select(dim, i)`;
    /// duplicate indices accumulate.
    /// PyTorch: `torch.Tensor.index_add_`.
    @discardableResult
    public func indexAdd_(dim: Int, index: Tensor, source: Tensor, alpha: Scalar = 1) -> Tensor {
        recordedInPlace(source) { $0.indexAdd(dim: dim, index: index, source: source, alpha: alpha) }
            ?? indexAddRaw_(dim: dim, index: index, source: source, alpha: alpha)
    }

    @discardableResult
    func indexAddRaw_(dim: Int, index: Tensor, source: Tensor, alpha: Scalar) -> Tensor {
        let dim = wrapDim(dim, ndim)
        torchCheck(
            index.dtype == .int64 || index.dtype == .int32,
            "index_add_(): Expected dtype int32/int64 for index but got: \(index.dtype.scalarTypeName)")
        torchCheck(
            source.dtype == dtype,
            "index_add_(): self (\(dtype.scalarTypeName)) and source (\(source.dtype.scalarTypeName)) must have the same scalar type"
        )
        let src = checkIndexSource("index_add_", dim: dim, index: index, source: source)
        if (dtype == .float16 || dtype == .bfloat16) && ndim > 1 && alpha.doubleValue == 1 {
            // PyTorch's path for this case accumulates half types in float and rounds once.
            let work = to(.float32, copy: true)
            work.indexAdd_(dim: dim, index: index, source: source.to(.float32))
            copy_(work)
            return self
        }
        atLeast1D.putIndexed(
            indexList(dim: dim, index: index), src, accumulate: true, alpha: alpha,
            boundsMessage: { value, size in "index \(value) is out of bounds for dimension \(dim) with size \(size)" },
            allowNegative: false)
        bumpVersion()
        return self
    }

    /// The out-of-place `index_add_` (PyTorch: `torch.index_add`).
    public func indexAdd(dim: Int, index: Tensor, source: Tensor, alpha: Scalar = 1) -> Tensor {
        untrackedCopy().indexAddRaw_(dim: dim, index: index, source: source, alpha: alpha)
            .recorded(.indexAdd(dim: wrapDim(dim, Swift.max(ndim, 1)), index: index, alpha: alpha), self, source)
    }

    /// `index_copy_(dim, index, source)`: `self.select(dim, index[i]) = source.select(dim, i)`.
    /// PyTorch: `torch.Tensor.index_copy_`.
    @discardableResult
    public func indexCopy_(dim: Int, index: Tensor, source: Tensor) -> Tensor {
        recordedInPlace(source) { $0.indexCopy(dim: dim, index: index, source: source) }
            ?? indexCopyRaw_(dim: dim, index: index, source: source)
    }

    @discardableResult
    func indexCopyRaw_(dim: Int, index: Tensor, source: Tensor) -> Tensor {
        let dim = wrapDim(dim, ndim)
        torchCheck(
            index.dtype == .int64,
            "index_copy_(): Expected a long tensor for index, but got \(index.dtype.scalarTypeName)")
        torchCheck(
            source.dtype == dtype,
            "index_copy_(): self and source expected to have the same dtype, but got (self) \(dtype.scalarTypeName) and (source) \(source.dtype.scalarTypeName)"
        )
        let src = checkIndexSource("index_copy_", dim: dim, index: index, source: source)
        atLeast1D.putIndexed(
            indexList(dim: dim, index: index), src, accumulate: false,
            boundsMessage: { value, size in
                "index_copy_(): index \(value) is out of bounds for dimension \(dim) with size \(size)"
            }, allowNegative: false)
        bumpVersion()
        return self
    }

    /// The out-of-place `index_copy_` (PyTorch: `torch.index_copy`).
    public func indexCopy(dim: Int, index: Tensor, source: Tensor) -> Tensor {
        if Autocast.isActive {
            return Autocast.run(.promote, [self, source]) { c in c[0]!.indexCopy(dim: dim, index: index, source: c[1]!)
            }
        }
        return untrackedCopy().indexCopyRaw_(dim: dim, index: index, source: source)
            .recorded(.indexCopy(dim: wrapDim(dim, Swift.max(ndim, 1)), index: index), self, source)
    }

    /// `index_fill_(dim, index, value)`: fills the slices of `dim` listed in `index` (int64).
    /// PyTorch: `torch.Tensor.index_fill_`.
    @discardableResult
    public func indexFill_(dim: Int, index: Tensor, value: Scalar) -> Tensor {
        recordedInPlace(nil) { $0.indexFill(dim: dim, index: index, value: value) }
            ?? indexFillRaw_(dim: dim, index: index, value: value)
    }

    @discardableResult
    func indexFillRaw_(dim: Int, index: Tensor, value: Scalar) -> Tensor {
        let dim = wrapDim(dim, ndim)
        torchCheck(index.dtype == .int64, "index_fill_(): Expected dtype int64 for index.")
        torchCheck(index.ndim <= 1, "Index has to be a vector/scalar")
        atLeast1D.putIndexed(
            indexList(dim: dim, index: index), Tensor.full([], value, dtype: dtype), accumulate: false,
            boundsMessage: { value, size in "index \(value) is out of bounds for dimension \(dim) with size \(size)" })
        bumpVersion()
        return self
    }

    /// `index_fill_` with a 0-dim tensor value.
    /// PyTorch: `torch.Tensor.index_fill_`.
    @discardableResult
    public func indexFill_(dim: Int, index: Tensor, value: Tensor) -> Tensor {
        torchCheck(
            value.ndim == 0,
            "index_fill_ only supports a 0-dimensional value tensor, but got tensor with \(value.ndim) dimension(s).")
        if let tracked = recordedInPlace(value, { $0.indexFill(dim: dim, index: index, value: value) }) {
            return tracked
        }
        return indexFillRaw_(dim: dim, index: index, value: value.scalarValue())
    }

    /// The out-of-place `index_fill_` (PyTorch: `torch.Tensor.index_fill`).
    public func indexFill(dim: Int, index: Tensor, value: Scalar) -> Tensor {
        untrackedCopy().indexFillRaw_(dim: dim, index: index, value: value)
            .recorded(.indexFill(dim: wrapDim(dim, Swift.max(ndim, 1)), index: index), self, nil)
    }

    /// The out-of-place `index_fill_` with a 0-dim tensor value (PyTorch: `torch.Tensor.index_fill`).
    public func indexFill(dim: Int, index: Tensor, value: Tensor) -> Tensor {
        torchCheck(
            value.ndim == 0,
            "index_fill_ only supports a 0-dimensional value tensor, but got tensor with \(value.ndim) dimension(s).")
        return untrackedCopy().indexFillRaw_(dim: dim, index: index, value: value.scalarValue())
            .recorded(.indexFill(dim: wrapDim(dim, Swift.max(ndim, 1)), index: index), self, value)
    }
}
