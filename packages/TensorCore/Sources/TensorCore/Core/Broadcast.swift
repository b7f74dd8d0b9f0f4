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

/// Broadcasts any number of shapes (`torch.broadcast_shapes`).
public func broadcastShapes(_ shapes: [[Int]]) -> [Int] {
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
