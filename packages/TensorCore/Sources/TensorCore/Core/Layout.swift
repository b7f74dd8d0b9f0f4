/// Layout predicates shared by every family.
extension Tensor {
    /// PyTorch's `is_non_overlapping_and_dense`: the elements fill a block with no gaps or repeats.
    var isNonOverlappingAndDense: Bool {
        if isContiguous { return true }
        // Size-0/1 dims go last (they never constrain), the rest by increasing stride.
        let order = (0..<ndim).sorted { a, b in
            if sizes[a] < 2 { return false }
            if sizes[b] < 2 { return true }
            return strideValues[a] < strideValues[b]
        }
        var required = 1
        for d in order {
            if sizes[d] < 2 { return true }
            if strideValues[d] != required { return false }
            required *= sizes[d]
        }
        return true
    }
}
