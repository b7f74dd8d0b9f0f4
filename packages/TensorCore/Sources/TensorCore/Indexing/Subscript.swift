/// `t[...]` with Python's rules (PyTorch's `applySlicing` + `index` / `index_put_`).
///
/// Integers, slices, `...` and new axes produce a view (shared storage); any index tensor or mask
/// makes the read a copy (advanced indexing) and the write an `index_put_`.
extension Tensor {
    /// `t[0, 1..<3, .newAxis]`: a view for basic indices, a copy for advanced ones; assignment writes
    /// through (PyTorch: `torch.Tensor.__getitem__` / `__setitem__`).
    public subscript(_ indices: any TensorIndexConvertible...) -> Tensor {
        get { getItem(indices.map(\.tensorIndex)) }
        set { setItem(indices.map(\.tensorIndex), newValue) }
    }

    /// `t[0] = 5`, `t[mask] = 0.5`; reading gives the value of a one-element result (`let v: Double = t[0, 1]`).
    /// PyTorch: `torch.Tensor.__setitem__` with a number, and `t[i].item()` for reads.
    public subscript<S: ScalarConvertible>(_ indices: any TensorIndexConvertible...) -> S {
        get { getItem(indices.map(\.tensorIndex)).scalarValue().converted(to: S.self) }
        set { setItem(indices.map(\.tensorIndex), newValue.scalar) }
    }

    // Swift's `...` (UnboundedRange) is a function type that cannot conform to a protocol, so the
    // positions it is most used in get their own overloads: `t[...]`, `t[..., 0]`, `t[0, ...]`, `t[0, 1, ...]`.
    /// `t[...]`, `t[..., 0]`: Swift's `...` as the leading `:` (PyTorch: `t[:, 0]`).
    public subscript(_: UnboundedRange, _ rest: any TensorIndexConvertible...) -> Tensor {
        get { getItem([.all] + rest.map(\.tensorIndex)) }
        set { setItem([.all] + rest.map(\.tensorIndex), newValue) }
    }

    /// `t[0, ...]`: Swift's `...` as a `:` in second position (PyTorch: `t[0, :]`).
    public subscript(
        _ first: any TensorIndexConvertible, _: UnboundedRange, _ rest: any TensorIndexConvertible...
    ) -> Tensor {
        get { getItem([first.tensorIndex, .all] + rest.map(\.tensorIndex)) }
        set { setItem([first.tensorIndex, .all] + rest.map(\.tensorIndex), newValue) }
    }

    /// `t[0, 1, ...]`: Swift's `...` as a `:` in third position (PyTorch: `t[0, 1, :]`).
    public subscript(
        _ first: any TensorIndexConvertible, _ second: any TensorIndexConvertible, _: UnboundedRange,
        _ rest: any TensorIndexConvertible...
    ) -> Tensor {
        get { getItem([first.tensorIndex, second.tensorIndex, .all] + rest.map(\.tensorIndex)) }
        set { setItem([first.tensorIndex, second.tensorIndex, .all] + rest.map(\.tensorIndex), newValue) }
    }

    /// `t[..., 0] = 5`, read as a number (PyTorch: `t[:, 0] = 5`).
    public subscript<S: ScalarConvertible>(_: UnboundedRange, _ rest: any TensorIndexConvertible...) -> S {
        get { getItem([.all] + rest.map(\.tensorIndex)).scalarValue().converted(to: S.self) }
        set { setItem([.all] + rest.map(\.tensorIndex), newValue.scalar) }
    }

    /// `t[0, ...] = 5`, read as a number (PyTorch: `t[0, :] = 5`).
    public subscript<S: ScalarConvertible>(
        _ first: any TensorIndexConvertible, _: UnboundedRange, _ rest: any TensorIndexConvertible...
    ) -> S {
        get { getItem([first.tensorIndex, .all] + rest.map(\.tensorIndex)).scalarValue().converted(to: S.self) }
        set { setItem([first.tensorIndex, .all] + rest.map(\.tensorIndex), newValue.scalar) }
    }

    /// `t[0, 1, ...] = 5`, read as a number (PyTorch: `t[0, 1, :] = 5`).
    public subscript<S: ScalarConvertible>(
        _ first: any TensorIndexConvertible, _ second: any TensorIndexConvertible, _: UnboundedRange,
        _ rest: any TensorIndexConvertible...
    ) -> S {
        get {
            getItem([first.tensorIndex, second.tensorIndex, .all] + rest.map(\.tensorIndex)).scalarValue()
                .converted(to: S.self)
        }
        set { setItem([first.tensorIndex, second.tensorIndex, .all] + rest.map(\.tensorIndex), newValue.scalar) }
    }

    /// `t[indices]` (Python `__getitem__`).
    /// PyTorch: `torch.Tensor.__getitem__`.
    public func getItem(_ indices: [TensorIndex]) -> Tensor {
        let (view, advanced) = applySlicing(indices)
        guard let advanced else { return view }
        return view.index(advanced)
    }

    /// `t[indices] = value` (Python `__setitem__`): broadcasts `value` and converts it to this dtype.
    /// PyTorch: `torch.Tensor.__setitem__`.
    public func setItem(_ indices: [TensorIndex], _ value: Tensor) {
        let (view, advanced) = applySlicing(indices)
        // Leading size-1 dimensions of the value are dropped first, as PyTorch's setitem does.
        var value = value
        let ones = value.sizes.prefix { $0 == 1 }.count
        if ones > 0 {
            value = value.restrided(Array(value.sizes.dropFirst(ones)), Array(value.strideValues.dropFirst(ones)))
        }
        if let advanced {
            view.indexPut_(advanced, value.to(dtype))
        } else {
            torchCheck(
                value.ndim <= view.ndim,
                "expand(torch.\(value.dtype.scalarTypeName)Tensor{\(shapeString(value.sizes))}, size=\(shapeString(view.sizes))): the number of sizes provided (\(view.ndim)) must be greater or equal to the number of dimensions in the tensor (\(value.ndim))"
            )
            view.copy_(value)
        }
    }

    /// `t[indices] = scalar`.
    /// PyTorch: `torch.Tensor.__setitem__` with a Python number.
    public func setItem(_ indices: [TensorIndex], _ value: Scalar) {
        let (view, advanced) = applySlicing(indices)
        if let advanced {
            view.indexPut_(advanced, Tensor.full([], value, dtype: dtype))
        } else {
            view.fill_(value)
        }
    }

    /// The view selected by the basic indices, and the index tensors left for advanced indexing
    /// (one entry per dimension of the view, masks covering as many dimensions as they have).
    func applySlicing(_ indices: [TensorIndex]) -> (Tensor, [Tensor?]?) {
        var specified = 0
        for index in indices {
            switch index.kind {
            case .at, .slice: specified += 1
            case .tensor(let t): specified += (t.dtype == .bool || t.dtype == .uint8) ? Swift.max(t.ndim, 0) : 1
            case .ellipsis, .newAxis: break
            }
        }
        torchCheck(specified <= ndim, "too many indices for tensor of dimension \(ndim)")

        var shape = sizes
        var strides = strideValues
        var offset = storageOffset
        var dim = 0  // position in the view being built
        var realDim = 0  // position in self, for messages
        var advanced: [(dim: Int, index: Tensor)] = []
        var last = "Alias"  // torch's node for the view: its last step (full slices and `...` add none)

        func select(_ i: Int) {
            let size = shape[dim]
            torchCheck(i >= -size && i < size, "index \(i) is out of bounds for dimension \(realDim) with size \(size)")
            offset += (i < 0 ? i + size : i) * strides[dim]
            last = "Select"
            shape.remove(at: dim)
            strides.remove(at: dim)
            realDim += 1
        }

        for index in indices {
            switch index.kind {
            case .at(let i):
                select(i)
            case .slice(let start, let end, let step):
                torchCheck(step != 0, "slice step cannot be zero")
                torchCheck(step > 0, "step must be greater than zero")
                let size = shape[dim]
                var lower = start ?? 0
                var upper = end ?? size
                if lower < 0 { lower = Swift.max(lower + size, 0) }
                if upper < 0 { upper = Swift.max(upper + size, 0) }
                lower = Swift.min(lower, size)
                upper = Swift.max(Swift.min(upper, size), lower)
                if lower != 0 || upper != size || step != 1 { last = "Slice" }
                offset += lower * strides[dim]
                shape[dim] = (upper - lower + step - 1) / step
                strides[dim] *= step
                dim += 1
                realDim += 1
            case .ellipsis:
                dim += ndim - specified
                realDim += ndim - specified
            case .newAxis:
                last = "Unsqueeze"
                shape.insert(1, at: dim)
                strides.insert(dim < strides.count ? strides[dim] * shape[dim + 1] : 1, at: dim)
                dim += 1
            case .tensor(let t):
                let isMask = t.dtype == .bool || t.dtype == .uint8
                if t.ndim == 0 && !isMask && !t.dtype.isFloatingPoint {
                    select(Int(t.elementValue(Int64.self)))  // a 0-dim integer tensor acts like an integer
                } else if t.ndim == 0 && isMask {
                    // A 0-dim mask adds a dimension that it then keeps (true) or empties (false).
                    shape.insert(1, at: dim)
                    strides.insert(dim < strides.count ? strides[dim] * shape[dim + 1] : 1, at: dim)
                    let keep = t.elementValue(Int64.self) != 0
                    advanced.append((dim, Tensor.zeros(keep ? [1] : [0], dtype: .int64)))
                    dim += 1
                } else {
                    advanced.append((dim, t))
                    dim += isMask ? t.ndim : 1
                    realDim += isMask ? t.ndim : 1
                }
            }
        }
        let view = Tensor(storage: storage, offset: offset, shape: shape, strides: strides, dtype: dtype)
            .recorded(.subscriptView(last: last), self)
        if advanced.isEmpty { return (view, nil) }
        var list: [Tensor?] = []
        var position = 0
        for (at, index) in advanced {
            while position < at {
                list.append(nil)
                position += 1
            }
            list.append(index)
            position += (index.dtype == .bool || index.dtype == .uint8) ? index.ndim : 1
        }
        return (view, list)
    }
}

extension Scalar {
    /// This number as one of the `ScalarConvertible` Swift types (a subscript read into `Double`, `Int`, ...).
    func converted<S: ScalarConvertible>(to _: S.Type) -> S {
        if let value = self as? S { return value }
        if S.self == Int.self { return Int(int64Value) as! S }
        if S.self == Int64.self { return int64Value as! S }
        if S.self == Int32.self { return Int32(truncatingIfNeeded: int64Value) as! S }
        if S.self == Double.self { return doubleValue as! S }
        if S.self == Float.self { return Float(doubleValue) as! S }
        if S.self == Bool.self { return boolValue as! S }
        torchFail("cannot read a tensor element as \(S.self)")
    }
}
