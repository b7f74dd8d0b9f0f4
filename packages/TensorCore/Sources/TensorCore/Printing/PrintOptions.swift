import Foundation

/// How tensors print (`torch.set_printoptions` / `torch.get_printoptions`).
public struct PrintOptions: Sendable, Equatable {
    /// Digits after the decimal point (4).
    /// PyTorch: `torch.set_printoptions(precision=)`.
    public var precision = 4
    /// More elements than this print summarized with `...` (1000; `.infinity` never summarizes).
    /// PyTorch: `torch.set_printoptions(threshold=)`.
    public var threshold: Double = 1000
    /// Items kept at each end of a summarized dimension (3).
    /// PyTorch: `torch.set_printoptions(edgeitems=)`.
    public var edgeitems = 3
    /// Characters per line before wrapping (80).
    /// PyTorch: `torch.set_printoptions(linewidth=)`.
    public var linewidth = 80
    /// Force (true) or forbid (false) scientific notation; nil lets each tensor decide.
    /// PyTorch: `torch.set_printoptions(sci_mode=)`.
    public var sciMode: Bool? = nil

    /// PyTorch's defaults, as `torch.set_printoptions(profile="default")` restores them.
    public init() {}

    private static let lock = NSLock()
    nonisolated(unsafe) private static var stored = PrintOptions()

    /// The options every `description` uses.
    /// Read for `torch._tensor_str.get_printoptions()`, assigned for `torch.set_printoptions(...)`.
    public static var current: PrintOptions {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}

/// `torch.set_printoptions`: unset arguments keep their value, except `sciMode`, which (as in torch)
/// is always replaced. `profile` is "default", "short" or "full".
public func setPrintOptions(
    precision: Int? = nil, threshold: Double? = nil, edgeitems: Int? = nil, linewidth: Int? = nil,
    profile: String? = nil, sciMode: Bool? = nil
) {
    var options = PrintOptions.current
    switch profile {
    case "default":
        options.precision = 4
        options.threshold = 1000
        options.edgeitems = 3
        options.linewidth = 80
    case "short":
        options.precision = 2
        options.threshold = 1000
        options.edgeitems = 2
        options.linewidth = 80
    case "full":
        options.precision = 4
        options.threshold = .infinity
        options.edgeitems = 3
        options.linewidth = 80
    default:
        break
    }
    if let precision { options.precision = precision }
    if let threshold { options.threshold = threshold }
    if let edgeitems { options.edgeitems = edgeitems }
    if let linewidth { options.linewidth = linewidth }
    options.sciMode = sciMode
    PrintOptions.current = options
}

/// `torch.get_printoptions()`.
public func getPrintOptions() -> PrintOptions { PrintOptions.current }
