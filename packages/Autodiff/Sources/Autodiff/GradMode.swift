import Foundation

/// Per-thread autograd switches (torch's GradMode, InferenceMode and AnomalyMode are thread-local too).
/// Kept behind a pthread key: one `pthread_getspecific` (a few ns) on the tracked path only; untracked
/// ops never read it. (@TaskLocal would forbid `setGradEnabled(false)` outside a scope.)
final class GradState {
    var enabled = true
    var inference = false
    var anomaly = false
}

private let gradStateKey: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key) { pointer in
        if let pointer { Unmanaged<GradState>.fromOpaque(pointer).release() }
    }
    return key
}()

var gradState: GradState {
    @inline(__always) get {
        if let pointer = pthread_getspecific(gradStateKey) {
            return Unmanaged<GradState>.fromOpaque(pointer).takeUnretainedValue()
        }
        let state = GradState()
        pthread_setspecific(gradStateKey, Unmanaged.passRetained(state).toOpaque())
        return state
    }
}

/// `torch.is_grad_enabled()`.
public var isGradEnabled: Bool { gradState.enabled }

/// `torch.set_grad_enabled(mode)` for the current thread.
public func setGradEnabled(_ enabled: Bool) { gradState.enabled = enabled }

/// `with torch.no_grad():` — nothing computed inside is recorded.
@discardableResult
public func noGrad<R>(_ body: () throws -> R) rethrows -> R {
    let state = gradState
    let saved = state.enabled
    state.enabled = false
    defer { state.enabled = saved }
    return try body()
}

/// `with torch.enable_grad():` — recording back on inside a `noGrad` block.
@discardableResult
public func enableGrad<R>(_ body: () throws -> R) rethrows -> R {
    let state = gradState
    let saved = state.enabled
    state.enabled = true
    defer { state.enabled = saved }
    return try body()
}

/// `with torch.set_grad_enabled(mode):`.
@discardableResult
public func setGradEnabled<R>(_ enabled: Bool, _ body: () throws -> R) rethrows -> R {
    let state = gradState
    let saved = state.enabled
    state.enabled = enabled
    defer { state.enabled = saved }
    return try body()
}

/// `with torch.inference_mode():` — no recording (as no_grad); `isInferenceModeEnabled` reports it.
@discardableResult
public func inferenceMode<R>(_ enabled: Bool = true, _ body: () throws -> R) rethrows -> R {
    let state = gradState
    let (savedGrad, savedInference) = (state.enabled, state.inference)
    if enabled { state.enabled = false }
    state.inference = enabled
    defer { (state.enabled, state.inference) = (savedGrad, savedInference) }
    return try body()
}

/// `torch.is_inference_mode_enabled()`.
public var isInferenceModeEnabled: Bool { gradState.inference }

/// `with torch.autograd.detect_anomaly():` — every node remembers the forward op that created it, and a
/// backward that produces NaN stops naming that op.
@discardableResult
public func detectAnomaly<R>(_ body: () throws -> R) rethrows -> R {
    let state = gradState
    let saved = state.anomaly
    state.anomaly = true
    defer { state.anomaly = saved }
    return try body()
}

/// `torch.is_anomaly_enabled()`.
public var isAnomalyEnabled: Bool { gradState.anomaly }
