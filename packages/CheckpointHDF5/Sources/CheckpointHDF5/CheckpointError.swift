/// Everything that can go wrong reading or writing a checkpoint. Each case names the file and, where
/// it applies, the key or archive entry, and says what was expected: data from outside the program
/// never stops it (ARCHITECTURE.md §6).
/// PyTorch raises these as `RuntimeError`, `pickle.UnpicklingError` or `OSError`; here one typed error.
public enum CheckpointError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The operating system refused an operation (open, read, write, fsync, rename).
    case io(file: String, operation: String, reason: String)
    /// The file ends before the structure it describes does.
    case truncated(file: String, what: String)
    /// The file doesn't start (or end) the way this format must.
    case badMagic(file: String, expected: String)
    /// A structural rule of the format is broken.
    case malformed(file: String, key: String?, reason: String)
    /// A zip archive lacks an entry the format requires.
    case missingEntry(file: String, entry: String)
    /// A pickle names a global outside the weights-only allowlist; nothing from it was run.
    case forbiddenGlobal(file: String, global: String)
    /// A tensor's stored byte count doesn't match its shape and dtype.
    case sizeMismatch(file: String, key: String, expectedBytes: Int, actualBytes: Int)
    /// A key occurs twice where keys must be unique.
    case duplicateKey(file: String, key: String)
    /// Valid data this implementation doesn't handle (a dtype, an opcode, a value kind for a format).
    case unsupported(file: String, key: String?, what: String)
    /// Tensors saved on a device this build lacks, with no `mapLocation` to move them.
    case deviceUnavailable(file: String, location: String)
    /// A command-line or API argument is wrong (an unknown extension, a bad option).
    case invalidArgument(String)

    /// Names the file, key and expectation (PyTorch: the exception's `__str__`).
    public var description: String {
        func at(_ key: String?) -> String { key.map { " at key '\($0)'" } ?? "" }
        switch self {
        case .io(let file, let operation, let reason):
            return "\(file): \(operation) failed: \(reason)"
        case .truncated(let file, let what):
            return "\(file): file is truncated: \(what)"
        case .badMagic(let file, let expected):
            return "\(file): not a valid file: expected \(expected)"
        case .malformed(let file, let key, let reason):
            return "\(file): malformed\(at(key)): \(reason)"
        case .missingEntry(let file, let entry):
            return "\(file): archive has no entry '\(entry)'"
        case .forbiddenGlobal(let file, let global):
            return
                "\(file): Weights only load failed: unsupported global \(global) is not allowed in a state dict or checkpoint; refusing to load it"
        case .sizeMismatch(let file, let key, let expected, let actual):
            return
                "\(file): tensor '\(key)' needs \(expected) bytes for its shape and dtype but the file holds \(actual)"
        case .duplicateKey(let file, let key):
            return "\(file): key '\(key)' occurs more than once"
        case .unsupported(let file, let key, let what):
            return "\(file): unsupported\(at(key)): \(what)"
        case .deviceUnavailable(let file, let location):
            return
                "\(file): Attempting to deserialize object on device '\(location)', which this build doesn't have. Pass mapLocation: .cpu to map the storages to the CPU."
        case .invalidArgument(let message):
            return message
        }
    }
}
