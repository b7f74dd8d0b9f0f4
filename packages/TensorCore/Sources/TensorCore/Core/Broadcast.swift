/// PyTorch's broadcasting rule: align shapes at the right; sizes must match or be 1.
public func broadcastShapes(_ a: [Int], _ b: [Int]) -> [Int] {
    if a == b { return a }
    let rank = Swift.max(a.count, b.count)
    var result = [Int](repeating: 1, count: rank)
    for i in 0..<rank {
        let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
        let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
        torchCheck(
            da == db || da == 1 || db == 1,
            "The size of tensor a (\(da)) must match the size of tensor b (\(db)) at non-singleton dimension \(i)")
        result[i] = da == 1 ? db : da
    }
    return result
}

/// Broadcasts any number of shapes (`torch.broadcast_shapes`), with its message for a mismatch: the shapes
/// merge in order into a running result, which the message names (each shape printed as torch prints a list).
public func broadcastShapes(_ shapes: [[Int]]) -> [Int] {
    var result = [Int](repeating: 1, count: shapes.map(\.count).max() ?? 0)
    for (k, shape) in shapes.enumerated() {
        for i in stride(from: 1, through: shape.count, by: 1) {
            let (size, r) = (shape[shape.count - i], result.count - i)
            if size == 1 || size == result[r] { continue }
            torchCheck(
                result[r] == 1,
                "Attempting to broadcast a dimension of length \(size) at -\(i)! Mismatching argument at index \(k) had [\(shape.map(String.init).joined(separator: ", "))]; but expected shape should be broadcastable to [\(result.map(String.init).joined(separator: ", "))]"
            )
            result[r] = size
        }
    }
    return result
}

/// The broadcast of several operands' shapes, with a binary op's message for a mismatch (torch's `where`,
/// `broadcast_tensors` and the ternary ops report the first pair that disagrees).
func broadcastOperandShapes(_ shapes: [[Int]]) -> [Int] {
    shapes.dropFirst().reduce(shapes.first ?? []) { broadcastShapes($0, $1) }
}

extension Tensor {
    /// Strides that read this tensor as if expanded to `shape` (0 along broadcast dimensions).
    /// `shape` must be a broadcast of this tensor's shape.
    /// PyTorch: the strides `torch.Tensor.expand(shape).stride()` gives.
    public func broadcastStrides(to shape: [Int]) -> [Int] {
        let offset = shape.count - sizes.count
        torchCheck(
            offset >= 0,
            "The expanded size of the tensor (\(shape.count)) must be at least the number of dimensions (\(sizes.count))"
        )
        var result = [Int](repeating: 0, count: shape.count)
        for i in 0..<sizes.count {
            let size = sizes[i]
            let target = shape[i + offset]
            if size == target {
                result[i + offset] = size == 1 ? 0 : strideValues[i]
            } else {
                torchCheck(
                    size == 1,
                    "The expanded size of the tensor (\(target)) must match the existing size (\(size)) at non-singleton dimension \(i + offset).  Target sizes: \(shapeString(shape)).  Tensor sizes: \(shapeString(sizes))"
                )
            }
        }
        return result
    }
}
