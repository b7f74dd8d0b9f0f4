/// The iteration engine behind every elementwise kernel (PyTorch's TensorIterator, reduced to its core).
///
/// Operands share one shape (broadcasting has already set their strides, 0 where expanded). Adjacent
/// dimensions that are contiguous for every operand are merged, so a contiguous or simply broadcast
/// problem becomes a single flat run and the kernel's inner loop sees plain pointers and one stride per
/// operand. Work is split by linear element index across threads.
public struct StridedLoop {
    /// Coalesced shape, innermost last; never empty (a 0-dim problem becomes `[1]`).
    /// PyTorch: `TensorIteratorBase::shape()`.
    public let shape: [Int]
    /// `strides[operand][dim]`, in elements.
    /// PyTorch: `TensorIteratorBase::strides(arg)`, in elements rather than bytes.
    public let strides: [[Int]]
    /// The element count of the whole problem (PyTorch: `TensorIteratorBase::numel()`).
    public let numel: Int

    /// Coalesces `shape` and each operand's strides (PyTorch: `TensorIteratorBase::coalesce_dimensions`).
    public init(shape: [Int], strides operandStrides: [[Int]]) {
        var dims: [Int] = []
        var strides = [[Int]](repeating: [], count: operandStrides.count)
        for d in 0..<shape.count where shape[d] != 1 {
            let canMerge =
                !dims.isEmpty
                && (0..<operandStrides.count).allSatisfy {
                    strides[$0].last! == operandStrides[$0][d] * shape[d]
                }
            if canMerge {
                dims[dims.count - 1] *= shape[d]
                for op in 0..<operandStrides.count { strides[op][strides[op].count - 1] = operandStrides[op][d] }
            } else {
                dims.append(shape[d])
                for op in 0..<operandStrides.count { strides[op].append(operandStrides[op][d]) }
            }
        }
        if dims.isEmpty {
            dims = [1]
            for op in 0..<strides.count { strides[op] = [0] }
        }
        self.shape = dims
        self.strides = strides
        self.numel = shape.reduce(1, *)
    }

    /// Inner-dimension stride of `operand`.
    /// No PyTorch counterpart: the stride a kernel's inner loop steps by, as TensorIterator's loops read `strides[0]`.
    @inline(__always) public func innerStride(_ operand: Int) -> Int { strides[operand][shape.count - 1] }

    /// Calls `body(offsets, count)` for every run along the innermost dimension that intersects `range`
    /// (linear row-major element indices); `offsets[k]` is operand k's element offset of the run's start.
    /// PyTorch: `TensorIteratorBase::serial_for_each`.
    @inline(__always)
    public func forEachRun(in range: Range<Int>, _ body: (UnsafePointer<Int>, Int) -> Void) {
        let rank = shape.count
        let operands = strides.count
        let inner = shape[rank - 1]
        withUnsafeTemporaryAllocation(of: Int.self, capacity: rank + operands) { scratch in
            let index = scratch.baseAddress!
            let offsets = index + rank
            // Decompose the start into a multi-index and per-operand offsets.
            var rest = range.lowerBound
            var d = rank - 1
            while d >= 0 {
                index[d] = rest % shape[d]
                rest /= shape[d]
                d -= 1
            }
            for op in 0..<operands {
                var offset = 0
                for dim in 0..<rank { offset += index[dim] * strides[op][dim] }
                offsets[op] = offset
            }
            var position = range.lowerBound
            while position < range.upperBound {
                let count = Swift.min(inner - index[rank - 1], range.upperBound - position)
                body(UnsafePointer(offsets), count)
                position += count
                // Advance the multi-index by `count` along the inner dim, carrying outward.
                index[rank - 1] += count
                for op in 0..<operands { offsets[op] += count * strides[op][rank - 1] }
                var dim = rank - 1
                while dim > 0 && index[dim] == shape[dim] {
                    index[dim] = 0
                    for op in 0..<operands {
                        offsets[op] += strides[op][dim - 1] - shape[dim] * strides[op][dim]
                    }
                    index[dim - 1] += 1
                    dim -= 1
                }
            }
        }
    }

    /// Runs `forEachRun` over all elements, in parallel chunks of at least `grain` elements.
    /// PyTorch: `TensorIteratorBase::for_each(loop, grain_size)`.
    @inline(__always)
    public func run(grain: Int = Threads.grainSize, _ body: (UnsafePointer<Int>, Int) -> Void) {
        parallelFor(numel, grain: grain) { range in forEachRun(in: range, body) }
    }
}
