/// `torch.use_deterministic_algorithms` and its queries. With the mode on, every op gives the same bits for
/// the same inputs on any number of threads (kernels whose order of work depends on the thread count split
/// by fixed-size chunks instead), and `empty` / `emptyLike` fill their memory as torch does (NaN, or the
/// integer maximum, `True` for bool) so that reading uninitialized memory cannot go unnoticed.
public enum Determinism {
    nonisolated(unsafe) static var enabled = false
    nonisolated(unsafe) static var warnOnly = false
    /// `torch.utils.deterministic.fill_uninitialized_memory` (on by default; it acts only in deterministic mode).
    nonisolated(unsafe) public static var fillUninitializedMemory = true

    /// Whether `empty` must fill its memory.
    static var fillsEmpty: Bool { enabled && fillUninitializedMemory }

    /// Into how many parts work whose partial results are added together is split: the thread count, or in
    /// deterministic mode a fixed `parts` (the parts then share the threads), so that the order of the
    /// additions — and the bits of the sum — never depend on how many threads there are.
    static var partitionWidth: Int { enabled ? parts : Threads.get() }
    static let parts = 8
}

/// `torch.use_deterministic_algorithms(mode, warn_only=)`.
public func useDeterministicAlgorithms(_ mode: Bool, warnOnly: Bool = false) {
    Determinism.enabled = mode
    Determinism.warnOnly = mode && warnOnly
}

/// `torch.are_deterministic_algorithms_enabled()`.
public func areDeterministicAlgorithmsEnabled() -> Bool { Determinism.enabled }

/// `torch.is_deterministic_algorithms_warn_only_enabled()`.
public func isDeterministicAlgorithmsWarnOnlyEnabled() -> Bool { Determinism.warnOnly }

extension Tensor {
    /// torch's `fill_empty_deterministic_`: NaN for floating types, the largest value for integers, true for bool.
    func filledAsUninitialized() -> Tensor {
        switch dtype {
        case .bool: return fill_(true)
        case .uint8: return fill_(.int(Int64(UInt8.max)))
        case .int8: return fill_(.int(Int64(Int8.max)))
        case .int16: return fill_(.int(Int64(Int16.max)))
        case .int32: return fill_(.int(Int64(Int32.max)))
        case .int64: return fill_(.int(Int64.max))
        case .float16, .bfloat16, .float32, .float64: return fill_(.double(.nan))
        }
    }
}
