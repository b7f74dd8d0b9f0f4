/// The element count of a shape read from a file, or nil when a tensor of that shape can't be made: the
/// contiguous strides multiply every dim with 0 counted as 1, so `[0, 2^40, 2^40]` holds no element yet
/// overflows them (a trap in `Tensor(uninitializedShape:)`). Dims must be non-negative.
func checkedElementCount(_ shape: [Int]) -> Int? {
    var strideSpan = 1
    for d in shape {
        let (span, overflow) = strideSpan.multipliedReportingOverflow(by: max(d, 1))
        guard !overflow else { return nil }
        strideSpan = span
    }
    return shape.reduce(1, *)
}
