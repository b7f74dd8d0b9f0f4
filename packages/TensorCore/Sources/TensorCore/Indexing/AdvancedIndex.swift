import Foundation

/// Advanced indexing resolved against one tensor (PyTorch's `at::index` / `index_put_` layout rule).
///
/// The indexed dimensions are replaced by the broadcast shape of the index tensors: in place when the
/// indexed dimensions are adjacent, at the front otherwise. The result is `outer + indexShape + inner`,
/// and every position's element offset is `outerTable[o] + offsets[b] + innerTable[i]`.
struct AdvancedIndexPlan {
    let outerShape: [Int]
    let outerStrides: [Int]
    let indexShape: [Int]
    /// Element offset (relative to the base's storage offset) of each broadcast index position.
    let offsets: [Int]
    let innerShape: [Int]
    let innerStrides: [Int]

    var resultShape: [Int] { outerShape + indexShape + innerShape }

    /// `indices[d]` indexes dimension `d` of `base` (nil: untouched). Masks (bool/uint8) stand for the
    /// `nonzero()` coordinates of as many dimensions as they have.
    /// `boundsMessage(value, size)` replaces the default out-of-bounds message (index_select's own);
    /// `allowNegative` false rejects negative indices (index_select/index_add/index_copy do).
    init(
        base: Tensor, indices: [Tensor?], boundsMessage: ((Int, Int) -> String)? = nil, allowNegative: Bool = true
    ) {
        var perDim = [Tensor?](repeating: nil, count: base.ndim)
        var dim = 0
        for index in indices {
            guard let index else {
                dim += 1
                continue
            }
            switch index.dtype {
            case .int64, .int32:
                torchCheck(dim < base.ndim, "too many indices for tensor of dimension \(base.ndim)")
                perDim[dim] = index
                dim += 1
            case .bool, .uint8:
                torchCheck(
                    dim + index.ndim <= base.ndim, "too many indices for tensor of dimension \(base.ndim)")
                for j in 0..<index.ndim {
                    torchCheck(
                        index.sizes[j] == base.sizes[dim + j],
                        "The shape of the mask \(shapeString(index.sizes)) at index \(j) does not match the shape of the indexed tensor \(shapeString(base.sizes)) at index \(dim + j)"
                    )
                }
                let coordinates = index.nonzero()
                for j in 0..<index.ndim {
                    perDim[dim + j] = coordinates.restrided(
                        [coordinates.sizes[0]], [coordinates.strideValues[0]],
                        offset: coordinates.storageOffset + j * coordinates.strideValues[1])
                }
                dim += index.ndim
            default:
                torchFail("tensors used as indices must be long, int, byte or bool tensors")
            }
        }
        let indexed = (0..<base.ndim).filter { perDim[$0] != nil }
        torchCheck(
            !indexed.isEmpty,
            "index(): expected at least one index tensor of at least one dimension (use a subscript for 0-dim masks)")

        // Broadcast the index tensors together.
        var shape = perDim[indexed[0]]!.sizes
        for d in indexed.dropFirst() {
            let other = perDim[d]!.sizes
            if canBroadcast(shape, other) {
                shape = broadcastShapes(shape, other)
            } else {
                let all = indexed.map { shapeString(perDim[$0]!.sizes) }.joined(separator: ", ")
                torchFail("shape mismatch: indexing tensors could not be broadcast together with shapes \(all)")
            }
        }
        indexShape = shape

        // Offsets of every broadcast position, bounds-checked and wrapped.
        let count = shape.reduce(1, *)
        var offsets = [Int](repeating: 0, count: count)
        let lowest = allowNegative ? -1 : 0
        for (k, d) in indexed.enumerated() {
            let size = base.sizes[d]
            let stride = base.strideValues[d]
            let values = perDim[d]!.expandedView(shape).indexValues()
            for i in 0..<count {
                var v = values[i]
                torchCheck(
                    v >= lowest * size && v < size,
                    boundsMessage?(v, size) ?? "index \(v) is out of bounds for dimension \(k) with size \(size)")
                if v < 0 { v += size }
                offsets[i] += v * stride
            }
        }
        self.offsets = offsets

        let adjacent = indexed.last! - indexed.first! + 1 == indexed.count
        let rest = (0..<base.ndim).filter { perDim[$0] == nil }
        let outerDims = adjacent ? rest.filter { $0 < indexed[0] } : []
        let innerDims = adjacent ? rest.filter { $0 > indexed[0] } : rest
        outerShape = outerDims.map { base.sizes[$0] }
        outerStrides = outerDims.map { base.strideValues[$0] }
        innerShape = innerDims.map { base.sizes[$0] }
        innerStrides = innerDims.map { base.strideValues[$0] }
    }
}

private func canBroadcast(_ a: [Int], _ b: [Int]) -> Bool {
    for i in 1...Swift.max(a.count, b.count, 1) {
        let x = i <= a.count ? a[a.count - i] : 1
        let y = i <= b.count ? b[b.count - i] : 1
        if x != y && x != 1 && y != 1 { return false }
    }
    return true
}

/// Gathers the plan's positions of `base` into a fresh contiguous tensor, one inner block per row.
private struct AdvancedGatherKernel: BitsVisitor {
    let plan: AdvancedIndexPlan
    let base: Tensor
    let result: Tensor

    func visit<E: FixedWidthInteger>(_: E.Type) {
        let outer = offsetTable(plan.outerShape, plan.outerStrides)
        let innerCount = plan.innerShape.reduce(1, *)
        let denseInner = isDense(plan.innerShape, plan.innerStrides)
        let inner = denseInner ? [] : offsetTable(plan.innerShape, plan.innerStrides)
        let positions = plan.offsets.count
        let rows = outer.count * positions
        let src = UnsafePointer(base.rawPointer.assumingMemoryBound(to: E.self))
        let dst = result.rawPointer.assumingMemoryBound(to: E.self)
        plan.offsets.withUnsafeBufferPointer { offsets in
            outer.withUnsafeBufferPointer { outer in
                inner.withUnsafeBufferPointer { inner in
                    parallelFor(rows, grain: Swift.max(1, Threads.grainSize / Swift.max(innerCount, 1))) { range in
                        for row in range {
                            let from = src + outer[row / positions] + offsets[row % positions]
                            let to = dst + row * innerCount
                            if denseInner {
                                memcpy(to, from, innerCount * MemoryLayout<E>.stride)
                            } else {
                                for i in 0..<innerCount { to[i] = from[inner[i]] }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Writes (or accumulates) a value broadcast to the plan's result shape into the plan's positions.
private struct AdvancedPutKernel: ArithmeticVisitor {
    let plan: AdvancedIndexPlan
    let base: Tensor
    let values: Tensor
    let accumulate: Bool
    /// index_add's multiplier of the values (nil: 1).
    let alpha: Scalar?
    /// PyTorch adds multi-dimensional index_add slices with a vectorized, fused `a + alpha * b`.
    let fused: Bool

    func visit<T: IndexArithmetic>(_: T.Type) {
        let resultShape = plan.resultShape
        let valueStrides = values.broadcastStrides(to: resultShape)
        let no = plan.outerShape.count
        let nb = plan.indexShape.count
        let outer = offsetTable(plan.outerShape, plan.outerStrides)
        let inner = offsetTable(plan.innerShape, plan.innerStrides)
        let valueOuter = offsetTable(plan.outerShape, Array(valueStrides[0..<no]))
        let valueIndex = offsetTable(plan.indexShape, Array(valueStrides[no..<(no + nb)]))
        let valueInner = offsetTable(plan.innerShape, Array(valueStrides[(no + nb)...]))
        let dst = base.mutablePointer(T.self)
        let src = values.pointer(T.self)
        let positions = plan.offsets.count
        let factor = alpha?.element(T.self)
        let count = inner.count
        // Dense rows (the usual `t[idx] = rows` / index_add along dim 0) skip the offset tables.
        let valueInnerStrides = Array(valueStrides[(no + nb)...])
        let denseRows =
            isDense(plan.innerShape, plan.innerStrides)
            && (isDense(plan.innerShape, valueInnerStrides) || valueInnerStrides.allSatisfy { $0 == 0 })
        let vs = valueInnerStrides.allSatisfy { $0 == 0 } ? 0 : 1
        let fused = self.fused
        let accumulate = self.accumulate
        inner.withUnsafeBufferPointer { inner in
            valueInner.withUnsafeBufferPointer { valueInner in
                @inline(__always) func row(_ to: UnsafeMutablePointer<T>, _ from: UnsafePointer<T>) {
                    if denseRows {
                        if let factor {
                            if fused {
                                for i in 0..<count { to[i] = T.indexFusedMultiplyAdd(to[i], from[i &* vs], factor) }
                            } else {
                                for i in 0..<count { to[i] = T.indexSum(to[i], T.indexProduct(from[i &* vs], factor)) }
                            }
                        } else if accumulate {
                            for i in 0..<count { to[i] = T.indexSum(to[i], from[i &* vs]) }
                        } else if vs == 1 {
                            to.update(from: from, count: count)
                        } else {
                            to.update(repeating: from[0], count: count)
                        }
                    } else if let factor {
                        if fused {
                            for i in 0..<count {
                                to[inner[i]] = T.indexFusedMultiplyAdd(to[inner[i]], from[valueInner[i]], factor)
                            }
                        } else {
                            for i in 0..<count {
                                to[inner[i]] = T.indexSum(to[inner[i]], T.indexProduct(from[valueInner[i]], factor))
                            }
                        }
                    } else if accumulate {
                        for i in 0..<count { to[inner[i]] = T.indexSum(to[inner[i]], from[valueInner[i]]) }
                    } else {
                        for i in 0..<count { to[inner[i]] = from[valueInner[i]] }
                    }
                }
                // Serial: duplicate indices must accumulate without races, and the last write wins otherwise.
                for o in 0..<outer.count {
                    for b in 0..<positions {
                        row(dst + outer[o] + plan.offsets[b], src + valueOuter[o] + valueIndex[b])
                    }
                }
            }
        }
    }
}

extension Tensor {
    /// `torch.Tensor.index` (`t[indices]` with tensors): `indices[d]` indexes dimension `d`; nil leaves
    /// it whole. Always a copy.
    public func index(_ indices: [Tensor?]) -> Tensor {
        gatherIndexed(indices).recorded(.index(indices), self)
    }

    /// index's engine; index_select passes its own bounds message.
    func gatherIndexed(
        _ indices: [Tensor?], boundsMessage: ((Int, Int) -> String)? = nil, allowNegative: Bool = true
    ) -> Tensor {
        torchCheck(
            indices.count <= ndim,
            "too many indices for tensor of dimension \(ndim) (got \(indices.count))")
        let plan = AdvancedIndexPlan(
            base: self, indices: indices, boundsMessage: boundsMessage, allowNegative: allowNegative)
        let result = Tensor(uninitializedShape: plan.resultShape, dtype: dtype)
        if result.numel > 0 {
            dtype.visitBits(AdvancedGatherKernel(plan: plan, base: self, result: result))
        }
        return result
    }

    /// `index_put_`: writes `values` (broadcast to the indexing result) at the indexed positions;
    /// with `accumulate`, duplicates add up.
    /// PyTorch: `torch.Tensor.index_put_`.
    @discardableResult
    public func indexPut_(_ indices: [Tensor?], _ values: Tensor, accumulate: Bool = false) -> Tensor {
        recordedInPlace(values) { $0.indexPut(indices, values, accumulate: accumulate) }
            ?? putIndexed(indices, values, accumulate: accumulate)
    }

    /// index_put_'s engine; index_add_/index_copy_/index_fill_ pass their own bounds message and alpha.
    @discardableResult
    func putIndexed(
        _ indices: [Tensor?], _ values: Tensor, accumulate: Bool, alpha: Scalar? = nil,
        boundsMessage: ((Int, Int) -> String)? = nil, allowNegative: Bool = true
    ) -> Tensor {
        torchCheck(
            indices.count <= ndim,
            "too many indices for tensor of dimension \(ndim) (got \(indices.count))")
        torchCheck(
            values.dtype == dtype,
            "Index put requires the source and destination dtypes match, got \(dtype.scalarTypeName) for the destination and \(values.dtype.scalarTypeName) for the source."
        )
        let plan = AdvancedIndexPlan(
            base: self, indices: indices, boundsMessage: boundsMessage, allowNegative: allowNegative)
        let shape = plan.resultShape
        torchCheck(
            values.ndim <= shape.count && canBroadcast(shape, values.sizes)
                && broadcastShapesIfPossible(shape, values.sizes) == shape,
            "shape mismatch: value tensor of shape \(shapeString(values.sizes)) cannot be broadcast to indexing result of shape \(shapeString(shape))"
        )
        if plan.offsets.isEmpty || shape.contains(0) {
            bumpVersion()
            return self
        }
        let source = values.storage === storage ? values.clone() : values
        dtype.visitArithmetic(
            AdvancedPutKernel(
                plan: plan, base: self, values: source, accumulate: accumulate, alpha: alpha,
                fused: alpha != nil && ndim > 1))
        bumpVersion()
        return self
    }

    /// Out-of-place `index_put`.
    /// PyTorch: `torch.index_put`.
    public func indexPut(_ indices: [Tensor?], _ values: Tensor, accumulate: Bool = false) -> Tensor {
        untrackedCopy().putIndexed(indices, values, accumulate: accumulate)
            .recorded(.indexPut(indices, accumulate: accumulate), self, values)
    }
}

private func broadcastShapesIfPossible(_ a: [Int], _ b: [Int]) -> [Int]? {
    canBroadcast(a, b) ? broadcastShapes(a, b) : nil
}
