// Misuse checks in the spirit of PyTorch's TORCH_CHECK.
//
// Swift's `precondition` drops its message in release builds ("Illegal instruction" is all a user
// sees), while `fatalError` keeps it, so every check a user can trip goes through `torchCheck`.

/// Stops the program with a PyTorch-style message. Never inlined so the cold path stays out of kernels.
@inline(never)
public func torchFail(_ message: String, file: StaticString = #fileID, line: UInt = #line) -> Never {
    fatalError(message, file: file, line: line)
}

/// Stops the program with `message` unless `condition` holds. The message is built only on failure.
/// PyTorch: C++'s `TORCH_CHECK`.
@inline(__always)
public func torchCheck(
    _ condition: Bool, _ message: @autoclosure () -> String,
    file: StaticString = #fileID, line: UInt = #line
) {
    if _slowPath(!condition) { torchFail(message(), file: file, line: line) }
}

/// Wraps a possibly negative dimension like PyTorch's `maybe_wrap_dim`.
@inline(__always)
public func wrapDim(_ dim: Int, _ ndim: Int) -> Int {
    let rank = Swift.max(ndim, 1)  // 0-dim tensors accept dim 0 and -1, as in PyTorch
    torchCheck(
        dim >= -rank && dim < rank,
        "Dimension out of range (expected to be in range of [\(-rank), \(rank - 1)], but got \(dim))")
    return dim < 0 ? dim + rank : dim
}
