import CGradState
import Foundation

/// Per-thread autograd switches (torch's GradMode, InferenceMode and AnomalyMode are thread-local too).
/// Kept in plain memory reached through a C thread-local pointer (one load, no reference counting); a
/// pthread key only frees it when the thread exits. (@TaskLocal would forbid
/// `setGradEnabled(false)` outside a scope.)
struct GradFlags {
    var enabled = true
    var inference = false
    var anomaly = false
    /// Nodes recorded on this thread so far (tells an in-place op which nodes its computation created).
    var recordedNodes = 0
    /// The running backward passes and their queued final callbacks (Autograd.queueCallback).
    let finalCallbacks = FinalCallbacks()
}

// Constant-initialized globals (no lazy-initialization check on each read); the key is created once.
@exclusivity(unchecked) nonisolated(unsafe) private var gradStateKey = pthread_key_t()
@exclusivity(unchecked) nonisolated(unsafe) private var gradStateKeyReady = false
nonisolated(unsafe) private var gradStateKeyOnce = pthread_once_t()

private func createGradStateKey() {
    pthread_key_create(&gradStateKey) { pointer in
        let flags = pointer?.assumingMemoryBound(to: GradFlags.self)
        flags?.deinitialize(count: 1)
        flags?.deallocate()
    }
    gradStateKeyReady = true
}

/// This thread's flags (created on first use).
var gradState: UnsafeMutablePointer<GradFlags> {
    @inline(__always) get {
        if let pointer = cgs_current() { return pointer.assumingMemoryBound(to: GradFlags.self) }
        return createGradState()
    }
}

@inline(never)
private func createGradState() -> UnsafeMutablePointer<GradFlags> {
    if !gradStateKeyReady { pthread_once(&gradStateKeyOnce, createGradStateKey) }
    let flags = UnsafeMutablePointer<GradFlags>.allocate(capacity: 1)
    flags.initialize(to: GradFlags())
    pthread_setspecific(gradStateKey, flags)
    cgs_set_current(flags)
    return flags
}

/// `torch.is_grad_enabled()`.
public var isGradEnabled: Bool { gradState.pointee.enabled }

/// `torch.set_grad_enabled(mode)` for the current thread.
public func setGradEnabled(_ enabled: Bool) { gradState.pointee.enabled = enabled }

/// `with torch.no_grad():` — nothing computed inside is recorded.
@discardableResult
public func noGrad<R>(_ body: () throws -> R) rethrows -> R { try setGradEnabled(false, body) }

/// `with torch.enable_grad():` — recording back on inside a `noGrad` block.
@discardableResult
public func enableGrad<R>(_ body: () throws -> R) rethrows -> R { try setGradEnabled(true, body) }

/// `with torch.set_grad_enabled(mode):`.
@discardableResult
public func setGradEnabled<R>(_ enabled: Bool, _ body: () throws -> R) rethrows -> R {
    let state = gradState
    let saved = state.pointee.enabled
    state.pointee.enabled = enabled
    defer { state.pointee.enabled = saved }
    return try body()
}

/// `with torch.inference_mode():` — no recording (as no_grad); `isInferenceModeEnabled` reports it.
@discardableResult
public func inferenceMode<R>(_ enabled: Bool = true, _ body: () throws -> R) rethrows -> R {
    let state = gradState
    let (savedGrad, savedInference) = (state.pointee.enabled, state.pointee.inference)
    if enabled { state.pointee.enabled = false }
    state.pointee.inference = enabled
    defer { (state.pointee.enabled, state.pointee.inference) = (savedGrad, savedInference) }
    return try body()
}

/// `torch.is_inference_mode_enabled()`.
public var isInferenceModeEnabled: Bool { gradState.pointee.inference }

/// `with torch.autograd.detect_anomaly():` — every node remembers the forward op that created it, and a
/// backward that produces NaN stops naming that op.
@discardableResult
public func detectAnomaly<R>(_ body: () throws -> R) rethrows -> R {
    let state = gradState
    let saved = state.pointee.anomaly
    state.pointee.anomaly = true
    defer { state.pointee.anomaly = saved }
    return try body()
}

/// `torch.is_anomaly_enabled()`.
public var isAnomalyEnabled: Bool { gradState.pointee.anomaly }
