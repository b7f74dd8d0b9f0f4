/// A tensor's element type, chosen at run time like `torch.dtype`.
public enum DType: UInt8, CaseIterable, Sendable, CustomStringConvertible {
    /// The supported dtypes, `torch.bool` through `torch.float64`.
    case bool, uint8, int8, int16, int32, int64, float16, bfloat16, float32, float64

    /// Bytes per element (`torch.dtype.itemsize`).
    @inlinable public var itemSize: Int {
        switch self {
        case .bool, .uint8, .int8: return 1
        case .int16, .float16, .bfloat16: return 2
        case .int32, .float32: return 4
        case .int64, .float64: return 8
        }
    }

    /// Float16, bfloat16, float32 and float64 (PyTorch: `torch.dtype.is_floating_point`).
    @inlinable public var isFloatingPoint: Bool {
        switch self {
        case .float16, .bfloat16, .float32, .float64: return true
        default: return false
        }
    }

    /// Integral types, bool excluded (PyTorch's `isIntegralType(t, includeBool: false)`).
    @inlinable public var isIntegral: Bool { !isFloatingPoint && self != .bool }

    /// Everything except bool and uint8 (PyTorch: `torch.dtype.is_signed`).
    @inlinable public var isSigned: Bool { self != .bool && self != .uint8 }

    /// PyTorch's spelling: `torch.float32`, `torch.int64`, ...
    public var description: String { "torch.\(name)" }

    /// The bare name as torch prints it in a tensor's repr suffix (`dtype=torch.int32`).
    public var name: String {
        switch self {
        case .bool: return "bool"
        case .uint8: return "uint8"
        case .int8: return "int8"
        case .int16: return "int16"
        case .int32: return "int32"
        case .int64: return "int64"
        case .float16: return "float16"
        case .bfloat16: return "bfloat16"
        case .float32: return "float32"
        case .float64: return "float64"
        }
    }

    /// Looks a dtype up by its PyTorch name (`"float32"`, `"torch.float32"`, `"half"`, `"long"`, ...).
    public init?(name: String) {
        let bare = name.hasPrefix("torch.") ? String(name.dropFirst(6)) : name
        switch bare {
        case "bool": self = .bool
        case "uint8": self = .uint8
        case "int8": self = .int8
        case "int16", "short": self = .int16
        case "int32", "int": self = .int32
        case "int64", "long": self = .int64
        case "float16", "half": self = .float16
        case "bfloat16": self = .bfloat16
        case "float32", "float": self = .float32
        case "float64", "double": self = .float64
        default: return nil
        }
    }

    nonisolated(unsafe) private static var defaultFloat: DType = .float32

    /// `torch.get_default_dtype()`: the dtype of float literals and of `zeros`, `rand`, ... without a dtype.
    public static var defaultFloatingPoint: DType { defaultFloat }

    /// `torch.set_default_dtype`: only floating-point types are accepted, as in PyTorch.
    public static func setDefault(_ dtype: DType) {
        torchCheck(
            dtype.isFloatingPoint,
            "only floating-point types are supported as the default type")
        defaultFloat = dtype
    }
}

// MARK: - Type promotion (torch.promote_types / torch.result_type)

extension DType {
    private var integerRank: Int {
        switch self {
        case .int8: return 1
        case .int16: return 2
        case .int32: return 3
        case .int64: return 4
        default: return 0
        }
    }

    private var floatRank: Int {
        switch self {
        case .float16, .bfloat16: return 1
        case .float32: return 2
        case .float64: return 3
        default: return 0
        }
    }

    /// `torch.promote_types(a, b)`: the lattice of c10's promoteTypes table.
    public static func promote(_ a: DType, _ b: DType) -> DType {
        if a == b { return a }
        if a == .bool { return b }
        if b == .bool { return a }
        switch (a.isFloatingPoint, b.isFloatingPoint) {
        case (true, true):
            if a.floatRank == 1 && b.floatRank == 1 { return .float32 }  // half + bfloat16
            return a.floatRank >= b.floatRank ? a : b
        case (true, false): return a
        case (false, true): return b
        case (false, false):
            if a == .uint8 { return b == .int8 ? .int16 : b }
            if b == .uint8 { return a == .int8 ? .int16 : a }
            return a.integerRank >= b.integerRank ? a : b
        }
    }
}

/// One operand of `torch.result_type`: a tensor of some rank or a plain number (a "wrapped scalar").
public enum PromotionOperand {
    /// A tensor of this dtype; `ndim` 0 ranks below dimensioned tensors.
    case tensor(DType, ndim: Int)
    /// A plain number, ranked by its kind only.
    case scalar(Scalar)
}

extension DType {
    /// `torch.result_type`: dimensioned tensors outrank 0-dim tensors, which outrank plain numbers;
    /// a lower-priority operand wins only when it belongs to a higher category (bool < integer < float).
    public static func resultType(_ operands: [PromotionOperand]) -> DType {
        var dimResult: DType?
        var zeroDimResult: DType?
        var scalarResult: DType?
        func merge(_ slot: inout DType?, _ dtype: DType) {
            slot = slot.map { promote($0, dtype) } ?? dtype
        }
        for operand in operands {
            switch operand {
            case .tensor(let dtype, let ndim):
                if ndim > 0 { merge(&dimResult, dtype) } else { merge(&zeroDimResult, dtype) }
            case .scalar(let scalar):
                // A Python float counts as the default dtype, an int as int64 (c10's ResultTypeState).
                let dtype = scalar.dtype.isFloatingPoint ? DType.defaultFloatingPoint : scalar.dtype
                merge(&scalarResult, dtype)
            }
        }
        return combineCategories(dimResult, combineCategories(zeroDimResult, scalarResult)) ?? .float32
    }

    private static func combineCategories(_ higher: DType?, _ lower: DType?) -> DType? {
        guard let higher else { return lower }
        guard let lower else { return higher }
        if higher.isFloatingPoint { return higher }
        if higher == .bool || lower.isFloatingPoint { return promote(higher, lower) }
        return higher
    }
}
