/// Where a tensor lives (`torch.device`). This build computes on the CPU; other device types parse,
/// so code written for them reads naturally, and fail with a clear message when used.
public struct Device: Hashable, Sendable, CustomStringConvertible {
    /// A device type, as the part of `torch.device("cuda:1")` before the colon (PyTorch: `torch.device.type`).
    public enum Kind: String, Sendable { case cpu, cuda, mps }
    /// PyTorch: `torch.device.type`.
    public let kind: Kind
    /// The device ordinal, nil when the spec names none (PyTorch: `torch.device.index`).
    public let index: Int?

    /// PyTorch: `torch.device("cpu")`.
    public static let cpu = Device(kind: .cpu, index: nil)

    /// PyTorch: `torch.device(type, index)`.
    public init(kind: Kind, index: Int? = nil) {
        self.kind = kind
        self.index = index
    }

    /// Parses "cpu", "cuda", "cuda:1", "mps" like `torch.device("cuda:1")`.
    public init(_ spec: String) {
        let parts = spec.split(separator: ":", maxSplits: 1).map(String.init)
        guard let kind = Kind(rawValue: parts[0]) else {
            torchFail(
                "Expected one of cpu, cuda, mps device type at start of device string: \(spec)")
        }
        var index: Int?
        if parts.count == 2 {
            guard let parsed = Int(parts[1]), parsed >= 0 else {
                torchFail("Invalid device string: '\(spec)'")
            }
            index = parsed
        }
        self.init(kind: kind, index: index)
    }

    /// "cpu", "cuda:1": the string `torch.device` prints as (PyTorch: `str(torch.device)`).
    public var description: String {
        index.map { "\(kind.rawValue):\($0)" } ?? kind.rawValue
    }

    /// Stops with PyTorch's message unless the device can hold tensors in this build.
    public func checkAvailable() {
        switch kind {
        case .cpu: return
        case .cuda: torchFail("Torch not compiled with CUDA enabled")
        case .mps: torchFail("The MPS backend is not available on this platform")
        }
    }
}

/// `torch.cuda` queries: this CPU build has no CUDA devices.
public enum CUDA {
    /// Always false in this CPU build (PyTorch: `torch.cuda.is_available`).
    public static func isAvailable() -> Bool { false }
    /// Always 0 in this CPU build (PyTorch: `torch.cuda.device_count`).
    public static func deviceCount() -> Int { 0 }
}

/// `torch.backends.mps` queries: MPS exists only on Apple's systems.
public enum MPS {
    /// Always false in this CPU build (PyTorch: `torch.backends.mps.is_available`).
    public static func isAvailable() -> Bool { false }
}

extension Device {
    /// The guide's automatic choice: CUDA if available, else MPS, else the CPU.
    /// No PyTorch counterpart: the `"cuda" if torch.cuda.is_available() else ...` idiom as one call.
    public static func best() -> Device {
        if CUDA.isAvailable() { return Device(kind: .cuda) }
        if MPS.isAvailable() { return Device(kind: .mps) }
        return .cpu
    }
}
