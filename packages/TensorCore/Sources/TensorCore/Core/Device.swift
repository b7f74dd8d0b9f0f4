/// Where a tensor lives (`torch.device`). This build computes on the CPU; other device types parse,
/// so code written for them reads naturally, and fail with a clear message when used.
public struct Device: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable { case cpu, cuda, mps }
    public let kind: Kind
    public let index: Int?

    public static let cpu = Device(kind: .cpu, index: nil)

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
    public static func isAvailable() -> Bool { false }
    public static func deviceCount() -> Int { 0 }
}

/// `torch.backends.mps` queries: MPS exists only on Apple's systems.
public enum MPS {
    public static func isAvailable() -> Bool { false }
}

extension Device {
    /// The guide's automatic choice: CUDA if available, else MPS, else the CPU.
    public static func best() -> Device {
        if CUDA.isAvailable() { return Device(kind: .cuda) }
        if MPS.isAvailable() { return Device(kind: .mps) }
        return .cpu
    }
}
