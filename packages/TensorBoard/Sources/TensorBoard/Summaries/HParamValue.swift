/// A hyperparameter's value in `addHparams`: a number, a string or a bool, written as literals.
/// PyTorch: the Python `int`/`float`/`str`/`bool` values of `add_hparams`' `hparam_dict`.
public enum HParamValue: Sendable, Equatable, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByStringLiteral, ExpressibleByBooleanLiteral
{
    /// An int or float.
    case number(Double)
    /// A string.
    case string(String)
    /// A bool, written as torch writes it (see below).
    case bool(Bool)

    /// A float literal is a number (no PyTorch counterpart: Python values need no wrapper).
    public init(floatLiteral value: Double) { self = .number(value) }
    /// An integer literal is a number (no PyTorch counterpart: Python values need no wrapper).
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    /// A string literal is a string (no PyTorch counterpart: Python values need no wrapper).
    public init(stringLiteral value: String) { self = .string(value) }
    /// A bool literal is a bool (no PyTorch counterpart: Python values need no wrapper).
    public init(booleanLiteral value: Bool) { self = .bool(value) }

    /// torch's `hparams()` tests `isinstance(v, (int, float))` first, which a Python bool passes, so a
    /// bool is written as the number 1 or 0 with type FLOAT64; we write what torch writes.
    var proto: (value: HParamsProto.Value, type: HParamsProto.DataType) {
        switch self {
        case .number(let v): (.number(v), .float64)
        case .bool(let v): (.number(v ? 1 : 0), .float64)
        case .string(let v): (.string(v), .string)
        }
    }
}

/// `bins` of `addHistogram`.
/// PyTorch: the `bins` argument of `SummaryWriter.add_histogram` ("tensorflow", an int, or edges).
public enum HistogramBins: Sendable, Equatable {
    /// torch's default: ±1e-12·1.1^k up to 1e20, and 0.
    case tensorflow
    /// `bins=n`: n equal bins from the minimum to the maximum (numpy's rule).
    case count(Int)
    /// Explicit increasing edges.
    case edges([Double])

    func edges(for values: [Double]) -> [Double] {
        switch self {
        case .tensorflow: return Histogram.tensorflowBins
        case .edges(let edges): return edges
        case .count(let n):
            var (lo, hi) = (values.min() ?? 0, values.max() ?? 1)
            if lo == hi { (lo, hi) = (lo - 0.5, hi + 0.5) }
            let step = (hi - lo) / Double(n)
            return (0...n).map { $0 == n ? hi : Double($0) * step + lo }
        }
    }
}
