import TensorCore

/// torch's `_compute_bucket_assignment_by_size` as DDP calls it: parameters taken in reverse order
/// (roughly the order backward produces their gradients), one open bucket per dtype, a bucket closed
/// once it holds at least the current limit — 1 MB for the first, then `capBytes` (25 MB) — and the
/// buckets kept in the order they were closed (no sort: DDP passes explicit indices).
enum BucketAssignment {
    static let firstBucketBytes = 1024 * 1024

    static func assign(_ parameters: [Tensor], capBytes: Int, firstBytes: Int = firstBucketBytes) -> [[Int]] {
        let limits = [firstBytes, capBytes]
        var open: [DType: (indices: [Int], bytes: Int, limit: Int)] = [:]
        var order: [DType] = []  // dtypes in first-seen order, for the leftover buckets
        var result: [[Int]] = []
        for index in parameters.indices.reversed() {
            let p = parameters[index]
            if open[p.dtype] == nil {
                open[p.dtype] = ([], 0, 0)
                order.append(p.dtype)
            }
            open[p.dtype]!.indices.append(index)
            open[p.dtype]!.bytes += p.numel * p.dtype.itemSize
            let bucket = open[p.dtype]!
            if bucket.bytes >= limits[bucket.limit] {
                result.append(bucket.indices)
                open[p.dtype] = ([], 0, min(bucket.limit + 1, limits.count - 1))
            }
        }
        for dtype in order where !(open[dtype]!.indices.isEmpty) { result.append(open[dtype]!.indices) }
        return result
    }
}
