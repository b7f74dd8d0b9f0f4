import CVectorKernels

/// What an op on autocast's lists does to its floating-point inputs (torch's `CastPolicy`).
package enum AutocastPolicy {
    /// To the region's dtype (torch's `lower_precision_fp` list).
    case lowerPrecision
    /// To float32 (the `fp32` list: ops whose accuracy or range needs it).
    case float32
    /// To the widest floating type among the inputs, starting from the region's dtype (`promote`).
    case promote
    /// Not cast: the op runs as called, with autocast off for the ops inside it (a composite that torch does
    /// not list but whose parts must not be cast one by one: the GRU and the Elman RNN).
    case unchanged
}

extension Autocast {
    /// Runs `body` on `inputs` cast by `policy`, with autocast off for the ops `body` calls (the op is handled
    /// once, at its entry — torch's ExcludeDispatchKeyGuard). Callers test `isActive` first.
    package static func run<R>(_ policy: AutocastPolicy, _ inputs: [Tensor?], _ body: ([Tensor?]) -> R) -> R {
        let state = cvk_autocast()!
        let target = dtype()
        let cast: [Tensor?]
        switch policy {
        case .lowerPrecision: cast = inputs.map { $0.map { castEligible($0, to: target, state: state) } }
        case .float32: cast = inputs.map { $0.map { castEligible($0, to: .float32, state: state) } }
        case .promote:
            let widest = prioritize(inputs.compactMap { $0 }, target)
            cast = inputs.map { $0.map { castEligible($0, to: widest, state: state) } }
        case .unchanged: cast = inputs
        }
        state.pointee.excluded += 1
        defer { state.pointee.excluded -= 1 }
        return body(cast)
    }

    /// One-tensor form of `run`.
    package static func run<R>(_ policy: AutocastPolicy, _ a: Tensor, _ body: (Tensor) -> R) -> R {
        run(policy, [a]) { body($0[0]!) }
    }

    /// Two-tensor form of `run`.
    package static func run<R>(_ policy: AutocastPolicy, _ a: Tensor, _ b: Tensor, _ body: (Tensor, Tensor) -> R) -> R {
        run(policy, [a, b]) { body($0[0]!, $0[1]!) }
    }

    /// Three-tensor form of `run`, the third optional (a bias, a weight).
    package static func run<R>(
        _ policy: AutocastPolicy, _ a: Tensor, _ b: Tensor, _ c: Tensor?, _ body: (Tensor, Tensor, Tensor?) -> R
    ) -> R {
        run(policy, [a, b, c]) { body($0[0]!, $0[1]!, $0[2]) }
    }

    /// A list of tensors (cat, stack).
    package static func run<R>(_ policy: AutocastPolicy, list: [Tensor], _ body: ([Tensor]) -> R) -> R {
        run(policy, list) { body($0.map { $0! }) }
    }

    /// torch's `prioritize`: float32 once any input is float32, the region's dtype while every input has it;
    /// the other half type (before any float32) is an error, as in torch. float64 inputs take no part.
    private static func prioritize(_ inputs: [Tensor], _ target: DType) -> DType {
        var current = target
        for t in inputs where isEligible(t) {
            if current == .float32 || t.dtype == .float32 {
                current = .float32
            } else if t.dtype != target {
                torchFail("Unexpected floating ScalarType in at::autocast::prioritize")
            }
        }
        return current
    }

    /// torch's `is_eligible`: floating point and not float64 (double inputs are left alone).
    private static func isEligible(_ t: Tensor) -> Bool { t.dtype.isFloatingPoint && t.dtype != .float64 }

    /// torch's `cached_cast`: eligible tensors of another dtype are cast (a recorded, differentiable `to`); a
    /// float32 leaf parameter cast to a lower precision is cast once per outermost region when caching is on.
    private static func castEligible(_ t: Tensor, to dtype: DType, state: UnsafeMutablePointer<cvk_autocast_state>)
        -> Tensor
    {
        guard isEligible(t), t.dtype != dtype else { return t }
        let cacheable =
            dtype.isReducedFloat && t.dtype == .float32 && state.pointee.cache_enabled != 0
            && state.pointee.cache != nil && (installedAutogradRecorder?.isTrainableLeaf(t) ?? false)
        guard cacheable else { return t.to(dtype) }
        let cache = Unmanaged<AutocastCache>.fromOpaque(state.pointee.cache!).takeUnretainedValue()
        let key = AutocastCache.Key(source: ObjectIdentifier(t), dtype: dtype)
        if let hit = cache.entries[key] { return hit.cast }
        let made = t.to(dtype)
        cache.entries[key] = (t, made)
        return made
    }
}
