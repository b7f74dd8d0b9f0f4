import Autodiff
import Foundation
import TensorCore

/// `torch.amp.GradScaler("cpu")`: dynamic loss scaling for reduced-precision training. `scale(loss)`
/// multiplies the loss so small float16 gradients do not flush to zero; `step(optimizer)` unscales the
/// gradients, skips the step when any is inf/NaN, and `update()` backs the scale off after a skipped step
/// or grows it after `growthInterval` clean ones — torch's algorithm, arithmetic and defaults, so the scale
/// trajectory equals torch's step for step.
public final class GradScaler {
    /// Where each optimizer is within the current iteration (torch's `OptState`).
    private enum Stage { case ready, unscaled, stepped }
    private struct OptimizerState {
        var stage = Stage.ready
        /// Whether some gradient was inf/NaN; nil when the optimizer had no gradient to check.
        var foundInf: Bool?
    }

    /// False when built disabled (or for an unavailable device): every method is then a pass-through (PyTorch: `GradScaler.is_enabled()`).
    public let isEnabled: Bool
    /// The factor the scale grows by after `growthInterval` clean steps (PyTorch: `GradScaler.get_growth_factor()`/`set_growth_factor`).
    public var growthFactor: Double
    /// The factor the scale shrinks by after a step with inf/NaN gradients (PyTorch: `GradScaler.get_backoff_factor()`/`set_backoff_factor`).
    public var backoffFactor: Double
    /// Clean steps needed before the scale grows (PyTorch: `GradScaler.get_growth_interval()`/`set_growth_interval`).
    public var growthInterval: Int
    private var initScale: Double
    private var initGrowthTracker = 0
    /// The scale and the run of clean steps; nil until the first `scale(_:)`, as torch creates them lazily.
    private var currentScale: Float?
    private var growthTracker: Int32?
    private var optimizerStates: [ObjectIdentifier: OptimizerState] = [:]

    /// - Parameter device: "cpu" (torch's default is "cuda", which, as in torch without CUDA, warns and
    ///   disables the scaler).
    public init(
        _ device: String = "cpu", initScale: Double = 65536, growthFactor: Double = 2, backoffFactor: Double = 0.5,
        growthInterval: Int = 2000, enabled: Bool = true
    ) {
        var enabled = enabled
        if Device(device).kind == .cuda, enabled {
            FileHandle.standardError.write(
                Data("UserWarning: torch.cuda.amp.GradScaler is enabled, but CUDA is not available.  Disabling.\n".utf8)
            )
            enabled = false
        } else {
            Device(device).checkAvailable()
        }
        isEnabled = enabled
        if enabled {
            torchCheck(growthFactor > 1.0, "The growth factor must be > 1.0.")
            torchCheck(backoffFactor < 1.0, "The backoff factor must be < 1.0.")
        }
        self.initScale = initScale
        self.growthFactor = growthFactor
        self.backoffFactor = backoffFactor
        self.growthInterval = growthInterval
    }

    // MARK: The iteration: scale, (unscale_), step, update

    /// `scale(outputs)`: `outputs * scale` (a float32 scalar tensor, so a 0-dim loss of a lower precision
    /// comes back as float32, as in torch); unchanged when disabled.
    public func scale(_ outputs: Tensor) -> Tensor {
        guard isEnabled else { return outputs }
        if currentScale == nil { lazyInit() }
        return outputs * Tensor(currentScale!)
    }

    /// `scale([outputs])`: each tensor times the one scale.
    /// PyTorch: `torch.amp.GradScaler.scale` with an iterable of outputs.
    public func scale(_ outputs: [Tensor]) -> [Tensor] { outputs.map { scale($0) } }

    /// `unscale_(optimizer)`: divides the optimizer's gradients by the scale in place (multiplying by
    /// float32(1 / Double(scale)), torch's reciprocal) and records whether any was inf/NaN. Call it before
    /// clipping or inspecting gradients; `step` calls it otherwise.
    public func unscale_(_ optimizer: Optimizer) {
        guard isEnabled else { return }
        let scale = checkedScale("unscale_")
        var state = optimizerStates[ObjectIdentifier(optimizer)] ?? OptimizerState()
        switch state.stage {
        case .unscaled: torchFail("unscale_() has already been called on this optimizer since the last update().")
        case .stepped: torchFail("unscale_() is being called after step().")
        case .ready: break
        }
        let inverse = Tensor(Float(1.0 / Double(scale)))
        state.foundInf = noGrad { Self.checkAndUnscale(optimizer, inverse: inverse) }
        state.stage = .unscaled
        optimizerStates[ObjectIdentifier(optimizer)] = state
    }

    /// `step(optimizer)`: unscales (unless `unscale_` already did) and runs `optimizer.step()` only when every
    /// gradient is finite. Returns whether the step ran.
    /// PyTorch: `torch.amp.GradScaler.step` (it returns the optimizer's result; here, whether the step ran).
    @discardableResult
    public func step(_ optimizer: Optimizer) -> Bool {
        guard isEnabled else {
            optimizer.step()
            return true
        }
        _ = checkedScale("step")
        let key = ObjectIdentifier(optimizer)
        if optimizerStates[key]?.stage == .stepped {
            torchFail("step() has already been called since the last update().")
        }
        if (optimizerStates[key]?.stage ?? .ready) == .ready { unscale_(optimizer) }
        guard let foundInf = optimizerStates[key]!.foundInf else {
            torchFail("No inf checks were recorded for this optimizer.")
        }
        if !foundInf { optimizer.step() }
        optimizerStates[key]!.stage = .stepped
        return !foundInf
    }

    /// `update()`: backoff after any skipped step this iteration, else one more clean step (growing the
    /// scale when the run reaches `growthInterval`, unless that would overflow float32) — torch's
    /// `_amp_update_scale_`, in its arithmetic (a float32 scale times a double factor, rounded to float32).
    public func update() {
        guard isEnabled else { return }
        let scale = checkedScale("update")
        let checks = optimizerStates.values.compactMap(\.foundInf)
        torchCheck(!checks.isEmpty, "No inf checks were recorded prior to update.")
        if checks.contains(true) {
            currentScale = Float(Double(scale) * backoffFactor)
            growthTracker = 0
        } else {
            let successful = growthTracker! + 1
            if Int(successful) == growthInterval {
                let grown = Float(Double(scale) * growthFactor)
                if grown.isFinite { currentScale = grown }
                growthTracker = 0
            } else {
                growthTracker = successful
            }
        }
        optimizerStates = [:]
    }

    /// `update(new_scale)`: sets the scale (rounded to float32) instead of the automatic rule.
    /// PyTorch: `torch.amp.GradScaler.update(new_scale)`.
    public func update(newScale: Double) {
        guard isEnabled else { return }
        _ = checkedScale("update")
        currentScale = Float(newScale)
        optimizerStates = [:]
    }

    /// `update(new_scale)` with a one-element tensor that does not require grad.
    /// PyTorch: `torch.amp.GradScaler.update(new_scale)` with a tensor.
    public func update(newScale: Tensor) {
        guard isEnabled else { return }
        let reason =
            "new_scale should be a float or a 1-element torch.cuda.FloatTensor or torch.FloatTensor with requires_grad=False."
        torchCheck(newScale.numel == 1 && !newScale.requiresGrad, reason)
        update(newScale: newScale.item(Double.self))
    }

    // MARK: Reading and saving the state

    /// `get_scale()`: the current scale (the initial one before the first `scale(_:)`); 1 when disabled.
    /// PyTorch: `torch.amp.GradScaler.get_scale`.
    public func getScale() -> Double {
        guard isEnabled else { return 1 }
        return currentScale.map(Double.init) ?? initScale
    }

    /// The run of clean steps since the last growth or backoff (`_get_growth_tracker()`).
    /// PyTorch: `torch.amp.GradScaler._get_growth_tracker`.
    public var growthTrackerValue: Int { isEnabled ? growthTracker.map(Int.init) ?? initGrowthTracker : 0 }

    /// `state_dict()`: torch's five entries in torch's order (an empty dict when disabled).
    public func stateDict() -> StateValue {
        guard isEnabled else { return .dict(StateDict()) }
        return [
            "scale": .double(getScale()), "growth_factor": .double(growthFactor),
            "backoff_factor": .double(backoffFactor), "growth_interval": .int(Int64(growthInterval)),
            "_growth_tracker": .int(Int64(growthTrackerValue)),
        ]
    }

    /// `load_state_dict(state)`: restores a state written by `stateDict()` here or by torch.
    public func loadStateDict(_ value: StateValue) throws(GradScalerLoadError) {
        guard isEnabled else { return }
        guard let dict = value.dict else { throw .notADict }
        guard !dict.isEmpty else { throw .empty }
        func number(_ key: String) throws(GradScalerLoadError) -> Double {
            guard let v = dict[key]?.double else { throw .missingKey(key) }
            return v
        }
        let scale = try number("scale"), growth = try number("growth_factor"), backoff = try number("backoff_factor")
        guard let interval = dict["growth_interval"]?.int else { throw .missingKey("growth_interval") }
        guard let tracker = dict["_growth_tracker"]?.int else { throw .missingKey("_growth_tracker") }
        initScale = scale
        if currentScale != nil { currentScale = Float(scale) }
        growthFactor = growth
        backoffFactor = backoff
        growthInterval = Int(interval)
        initGrowthTracker = Int(tracker)
        if growthTracker != nil { growthTracker = Int32(truncatingIfNeeded: tracker) }
    }

    // MARK: Internals

    private func lazyInit() {
        currentScale = Float(initScale)
        growthTracker = Int32(initGrowthTracker)
    }

    private func checkedScale(_ function: String) -> Float {
        let fix = "This may indicate your script did not use scaler.scale(loss or outputs) earlier in the iteration."
        guard let scale = currentScale else { torchFail("Attempted \(function) but _scale is None.  " + fix) }
        return scale
    }

    /// torch's `_amp_foreach_non_finite_check_and_unscale_` over every gradient: each is multiplied by
    /// `inverse` in place (also when some are inf/NaN); returns whether any element was non-finite, or nil
    /// when no parameter has a gradient. float16 gradients are refused, as torch refuses them.
    private static func checkAndUnscale(_ optimizer: Optimizer, inverse: Tensor) -> Bool? {
        var found: Bool?
        for group in optimizer.paramGroups {
            for p in group.params {
                guard let g = p.grad else { continue }
                torchCheck(g.dtype != .float16, "Attempting to unscale FP16 gradients.")
                let finite = g.isfinite().all().item(Bool.self)
                found = (found ?? false) || !finite
                g.mul_(inverse)
            }
        }
        return found
    }
}

/// Why `GradScaler.loadStateDict` refused a state.
/// PyTorch: `torch.amp.GradScaler.load_state_dict`'s failures (`RuntimeError` for an empty dict, `KeyError` for a
/// missing entry).
public enum GradScalerLoadError: Error, Equatable, CustomStringConvertible {
    /// The state is not a dict.
    case notADict
    /// The dict is empty (saved from a disabled scaler).
    case empty
    /// A required numeric entry is missing.
    case missingKey(String)

    /// The message, torch's wording for `empty` (PyTorch: the exception's `__str__`).
    public var description: String {
        switch self {
        case .notADict: return "a GradScaler state dict must be a dict"
        case .empty:
            return
                "The source state dict is empty, possibly because it was saved from a disabled instance of GradScaler."
        case .missingKey(let key): return "the GradScaler state dict has no numeric '\(key)'"
        }
    }
}
