import TensorCore

/// The logic of `convert-checkpoint`, testable without a process.
/// No PyTorch counterpart: the `convert-checkpoint` tool (in Python, `torch.load` then `torch.save`/`save_file`).
public enum CheckpointConverter {
    /// What `convert(input:output:options:)` changes on the way; no PyTorch counterpart.
    public struct Options: Sendable {
        /// Casts every floating-point tensor to this dtype (like PyTorch's `{k: v.to(dtype) for ...}` over the state dict).
        public var dtype: DType?
        /// Prepended to every top-level key (e.g. "module." to look like a DDP state dict).
        /// No PyTorch counterpart: a key rewrite Python does with a dict comprehension.
        public var prefix: String?
        /// Removed from the start of every top-level key that has it (e.g. DDP's "module.").
        /// PyTorch: like `torch.nn.modules.utils.consume_prefix_in_state_dict_if_present`, on the top-level keys.
        public var stripPrefix: String?
        /// No PyTorch counterpart: the converter's options, all off by default.
        public init(dtype: DType? = nil, prefix: String? = nil, stripPrefix: String? = nil) {
            self.dtype = dtype
            self.prefix = prefix
            self.stripPrefix = stripPrefix
        }
    }

    /// Reads `input`, renames/casts, writes `output`; formats come from the extensions.
    /// No PyTorch counterpart (`torch.save(torch.load(input), output)` with the renames and cast).
    public static func convert(input: String, output: String, options: Options = Options()) throws(CheckpointError) {
        let outputFormat = try CheckpointFormat(path: output)
        let value = try Checkpoint.load(from: input, mapLocation: .cpu, dtype: options.dtype)
        try Checkpoint.save(try renamed(value, options: options, file: input), to: output, format: outputFormat)
    }

    /// Applies `stripPrefix` then `prefix` to the top-level string keys.
    /// No PyTorch counterpart (Python uses a dict comprehension); errors name `file`.
    public static func renamed(_ value: StateValue, options: Options, file: String) throws(CheckpointError)
        -> StateValue
    {
        guard options.prefix != nil || options.stripPrefix != nil else { return value }
        guard case .dict(let dict) = value else {
            throw .unsupported(file: file, key: nil, what: "renaming keys needs a dict at the top level")
        }
        var result = StateDict()
        for (key, item) in dict {
            var newKey = key
            if case .string(var name) = key {
                if let strip = options.stripPrefix, !strip.isEmpty, name.hasPrefix(strip) {
                    name.removeFirst(strip.count)
                }
                if let prefix = options.prefix { name = prefix + name }
                newKey = .string(name)
            }
            guard !result.contains(newKey) else { throw .duplicateKey(file: file, key: newKey.text) }
            result[newKey] = item
        }
        return .dict(result)
    }

    /// One line per leaf: dotted key, then `shape dtype` for tensors or `= value` for the rest.
    /// No PyTorch counterpart: the text the converter prints for `--list`, one leaf per line.
    public static func listing(_ value: StateValue) -> [String] {
        var lines: [String] = []
        func walk(_ value: StateValue, _ path: String) {
            func child(_ key: String) -> String { path.isEmpty ? key : path + "." + key }
            switch value {
            case .tensor(let t):
                lines.append("\(path)\t[\(t.shape.dims.map(String.init).joined(separator: ", "))]\t\(t.dtype.name)")
            case .dict(let d):
                if d.isEmpty { lines.append("\(path)\t= {}") }
                for (k, v) in d { walk(v, child(k.text)) }
            case .list(let items), .tuple(let items):
                if items.isEmpty { lines.append("\(path)\t= \(value)") }
                for (i, v) in items.enumerated() { walk(v, child(String(i))) }
            default:
                lines.append("\(path)\t= \(value)")
            }
        }
        walk(value, "")
        return lines
    }
}
