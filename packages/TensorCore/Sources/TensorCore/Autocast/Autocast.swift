import CVectorKernels
import Foundation

/// `torch.autocast("cpu", dtype:)`: inside `body`, the ops on torch's CPU lists run in the region's lower
/// precision (convolutions, linear, the matmul family, prelu, attention, the recurrent layers), in float32
/// (losses, linear algebra, 3-D pooling, prod, ...) or in the widest input type (cat, stack, indexCopy);
/// every other op runs on what it is given. Autocast is per thread, regions nest (`enabled: false` turns it
/// off inside), and within the outermost region the lower-precision copy of a float32 parameter (a leaf
/// that requires grad) is made once and reused — torch's weight-cast cache. float64 tensors are never cast.
@discardableResult
public func autocast<R>(
    _ deviceType: String = "cpu", dtype: DType? = nil, enabled: Bool = true, cacheEnabled: Bool = true,
    _ body: () throws -> R
) rethrows -> R {
    var enabled = enabled
    let device = Device(deviceType)
    if device.kind != .cpu, enabled {
        // torch on a machine without the device: a warning, then the region runs without autocast.
        Autocast.warn(
            "User provided device_type of '\(device.kind.rawValue)', but \(device.kind == .cuda ? "CUDA" : "MPS") is not available. Disabling"
        )
        enabled = false
    }
    let target = dtype ?? Autocast.defaultDType
    if enabled, target != .bfloat16, target != .float16 {
        Autocast.warn(
            "In CPU autocast, but the target dtype is not supported. Disabling autocast.\nCPU Autocast only supports dtype of torch.bfloat16, torch.float16 currently."
        )
        enabled = false
    }
    let state = cvk_autocast()!
    let saved = state.pointee
    state.pointee.dtype = enabled ? Int32(target.rawValue) + 1 : 0
    state.pointee.cache_enabled = cacheEnabled ? 1 : 0
    state.pointee.excluded = 0
    state.pointee.nesting += 1
    if state.pointee.cache == nil { state.pointee.cache = Unmanaged.passRetained(AutocastCache()).toOpaque() }
    defer {
        state.pointee.nesting -= 1
        if state.pointee.nesting == 0, let cache = state.pointee.cache {
            // Leaving the outermost region frees the cached casts (torch's clear_cache()).
            Unmanaged<AutocastCache>.fromOpaque(cache).release()
            state.pointee.cache = nil
        }
        state.pointee.dtype = saved.dtype
        state.pointee.cache_enabled = saved.cache_enabled
        state.pointee.excluded = saved.excluded
    }
    return try body()
}

/// Queries of the current thread's autocast state (`torch.is_autocast_enabled("cpu")`, ...).
public enum Autocast {
    /// `torch.get_autocast_dtype("cpu")` outside any region, and a region's dtype when none is given.
    public static let defaultDType = DType.bfloat16

    /// `torch.is_autocast_enabled("cpu")`.
    public static func isEnabled(_ deviceType: String = "cpu") -> Bool {
        Device(deviceType).kind == .cpu && cvk_autocast()!.pointee.dtype != 0
    }

    /// `torch.get_autocast_dtype("cpu")`: the innermost enabled region's dtype, else bfloat16.
    public static func dtype(_ deviceType: String = "cpu") -> DType {
        let code = cvk_autocast()!.pointee.dtype
        return code == 0 ? defaultDType : DType(rawValue: UInt8(code - 1))!
    }

    /// Whether the op being entered must apply a policy: a region is on and no enclosing op already did.
    @inline(__always)
    package static var isActive: Bool {
        let state = cvk_autocast()!
        return _slowPath(state.pointee.dtype != 0) && state.pointee.excluded == 0
    }

    static func warn(_ message: String) {
        FileHandle.standardError.write(Data("UserWarning: \(message)\n".utf8))
    }
}

/// Casts made in the outermost region, keyed by the source tensor and the target dtype (torch keys by the
/// source alone, so a nested region of another dtype would get the first dtype's copy). The source is kept
/// alive with its cast, so its identifier cannot be reused by another tensor while the entry exists.
final class AutocastCache {
    struct Key: Hashable {
        let source: ObjectIdentifier
        let dtype: DType
    }
    var entries: [Key: (source: Tensor, cast: Tensor)] = [:]
}
