import Foundation

/// A norm's order as torch accepts it: a number (2, 1, inf, -inf, 0, 3.5, ...) or "fro" / "nuc".
public enum NormOrder: Equatable, Sendable, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByStringLiteral,
    CustomStringConvertible
{
    /// A numeric order: 2, 1, `.inf`, -inf, 0, 3.5, ...
    case p(Double)
    /// The Frobenius norm, "fro".
    case fro
    /// The nuclear norm (sum of singular values), "nuc".
    case nuc

    /// `2` for `ord=2` (PyTorch: an int `ord`).
    public init(integerLiteral value: Int) { self = .p(Double(value)) }
    /// `3.5` for `ord=3.5` (PyTorch: a float `ord`).
    public init(floatLiteral value: Double) { self = .p(value) }
    /// "fro" or "nuc" (PyTorch: a string `ord`); anything else fails with torch's message.
    public init(stringLiteral value: String) {
        switch value {
        case "fro": self = .fro
        case "nuc": self = .nuc
        default: torchFail("linalg.norm: Invalid norm order: \(value)")
        }
    }
    /// `ord=inf`, the largest absolute value (PyTorch: `float('inf')`).
    public static let inf = NormOrder.p(.infinity)

    /// The order as torch's messages print it: `2`, `inf`, `fro`.
    public var description: String {
        switch self {
        case .fro: "fro"
        case .nuc: "nuc"
        case .p(let p):
            p == p.rounded() && p.isFinite ? String(Int(p)) : (p.isInfinite ? (p > 0 ? "inf" : "-inf") : String(p))
        }
    }
}

extension Linalg {
    /// `torch.linalg.vector_norm`: `ord` over `dim` (all dims when nil) of a floating tensor.
    public static func vectorNorm(_ x: Tensor, ord: Double = 2, dim: [Int]? = nil, keepdim: Bool = false) -> Tensor {
        if Autocast.isActive {
            return Autocast.run(.float32, [x]) { c in vectorNorm(c[0]!, ord: ord, dim: dim, keepdim: keepdim) }
        }
        return vectorNormImpl(x, ord: ord, dim: dim, keepdim: keepdim).recorded(
            .vectorNorm(ord: ord, dims: dim, keepdim: keepdim), x)
    }

    private static func vectorNormImpl(_ x: Tensor, ord: Double, dim: [Int]?, keepdim: Bool) -> Tensor {
        torchCheck(
            x.dtype.isFloatingPoint,
            "linalg.vector_norm: Expected a floating point or complex tensor as input. Got \(x.dtype.scalarTypeName)")
        // Half types accumulate, take the root and round once in float32 (torch's opmath): rounding the sum of
        // squares before the square root would be a second rounding.
        if x.dtype.isReducedFloat && !(ord.isInfinite || ord == 0 || ord == 1) {
            return vectorNormImpl(x.to(.float32), ord: ord, dim: dim, keepdim: keepdim).to(x.dtype)
        }
        let dims = (dim?.isEmpty ?? true) ? Array(0..<x.ndim) : dim!
        if ord < 0 || ord.isInfinite {
            let reducedEmpty = x.numel == 0 && dims.contains { x.ndim > 0 && x.sizes[wrapDim($0, x.ndim)] == 0 }
            torchCheck(
                !reducedEmpty,
                "linalg.vector_norm cannot compute the \(ord.isInfinite ? (ord > 0 ? "inf" : "-inf") : String(ord)) norm on an empty tensor because the operation does not have an identity"
            )
        }
        switch ord {
        case .infinity: return laReduce(x, dims: dims, keepdim: keepdim, .maxAbs)
        case -.infinity: return laReduce(x, dims: dims, keepdim: keepdim, .minAbs)
        case 0: return laReduce(x, dims: dims, keepdim: keepdim, .countNonzero)
        case 1: return laReduce(x, dims: dims, keepdim: keepdim, .sumAbs)
        case 2: return laMapFloat(laReduce(x, dims: dims, keepdim: keepdim, .sumSquares)) { $0.squareRoot() }
        default:
            return laMapFloat(laReduce(x, dims: dims, keepdim: keepdim, .sumAbsPow(ord))) { pow($0, 1 / ord) }
        }
    }

    /// `torch.linalg.matrix_norm`: "fro", "nuc", ±1, ±2, ±inf over the two dims `dim` (default the last two).
    public static func matrixNorm(_ a: Tensor, ord: NormOrder = .fro, dim: [Int] = [-2, -1], keepdim: Bool = false)
        -> Tensor
    {
        matrixNormImpl(a, ord: ord, dim: dim, keepdim: keepdim).recorded(
            .matrixNorm(ord: ord, dims: dim, keepdim: keepdim), a)
    }

    private static func matrixNormImpl(_ a: Tensor, ord: NormOrder, dim: [Int], keepdim: Bool) -> Tensor {
        torchCheck(a.ndim >= 2, "linalg.matrix_norm: The input tensor A must have at least 2 dimensions.")
        torchCheck(
            a.dtype.isFloatingPoint,
            "linalg.matrix_norm: Expected a floating point or complex tensor as input. Got \(a.dtype.scalarTypeName)")
        if ord == .nuc || ord == .p(2) || ord == .p(-2) { checkFloating(a, "linalg.matrix_norm") }  // LAPACK: no half types
        torchCheck(
            dim.count == 2,
            "linalg.matrix_norm: dim must be a 2-tuple. Got \(dim.map(String.init).joined(separator: " "))")
        let d0 = wrapDim(dim[0], a.ndim), d1 = wrapDim(dim[1], a.ndim)
        torchCheck(d0 != d1, "linalg.matrix_norm: dims must be different. Got (\(dim[0]), \(dim[1]))")
        switch ord {
        case .fro: return vectorNorm(a, ord: 2, dim: [d0, d1], keepdim: keepdim)
        case .nuc, .p(2), .p(-2):
            // Singular values of the matrices spanned by (d0, d1): move those dims last.
            let others = (0..<a.ndim).filter { $0 != d0 && $0 != d1 }
            let s = svdvals(a.laPermuted(others + [d0, d1]))
            let op: LAReduction = ord == .nuc ? .sum : (ord == .p(2) ? .max : .min)
            var r = laReduce(s, dims: [-1], keepdim: false, op)
            if keepdim {
                for d in [d0, d1].sorted() { r = r.laUnsqueezed(d) }
            }
            return r
        case .p(let p) where Swift.abs(p) == 1 || p.isInfinite:
            // 1: max over columns of column sums of |a|; inf: max over rows of row sums.
            let (sumDim, maxDim) = Swift.abs(p) == 1 ? (d0, d1) : (d1, d0)
            let sums = laReduce(a, dims: [sumDim], keepdim: true, .sumAbs)
            let r = laReduce(sums, dims: [maxDim], keepdim: true, p > 0 ? .max : .min)
            if keepdim { return r }
            let shape = (0..<a.ndim).filter { $0 != d0 && $0 != d1 }.map { a.sizes[$0] }
            return r.asStrided(shape, contiguousStrides(shape))
        default:
            torchFail("linalg.matrix_norm: Order \(ord) not supported.")
        }
    }

    /// `torch.linalg.norm`: a vector norm (1 dim, or all dims when neither ord nor dim is given) or a
    /// matrix norm (2 dims, or a 2-D input with an ord).
    public static func norm(_ a: Tensor, ord: NormOrder? = nil, dim: [Int]? = nil, keepdim: Bool = false) -> Tensor {
        if let dim {
            torchCheck(
                dim.count == 1 || dim.count == 2,
                "linalg.norm: If dim is specified, it must be of length 1 or 2. Got \(shapeString(dim))")
            if dim.count == 2 { return matrixNorm(a, ord: ord ?? .fro, dim: dim, keepdim: keepdim) }
            guard case .p(let p) = ord ?? .p(2) else {
                torchFail("linalg.vector_norm: Expected a floating point number but got \(ord!)")
            }
            return vectorNorm(a, ord: p, dim: dim, keepdim: keepdim)
        }
        guard let ord else { return vectorNorm(a, ord: 2, dim: nil, keepdim: keepdim) }
        torchCheck(
            a.ndim == 1 || a.ndim == 2,
            "linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. Got \(a.ndim)D.")
        if a.ndim == 2 { return matrixNorm(a, ord: ord, dim: [-2, -1], keepdim: keepdim) }
        guard case .p(let p) = ord else {
            torchFail("linalg.vector_norm: Expected a floating point number but got \(ord)")
        }
        return vectorNorm(a, ord: p, dim: nil, keepdim: keepdim)
    }
}

extension Tensor {
    /// `t.norm(p, dim, keepdim)` (`torch.norm`): "fro" is the 2-norm over `dim` (all dims when nil),
    /// "nuc" the nuclear norm of the matrices over `dim` (default the last two), a number a vector norm.
    public func norm(p: NormOrder = .fro, dim: [Int]? = nil, keepdim: Bool = false) -> Tensor {
        switch p {
        case .fro: return Linalg.vectorNorm(self, ord: 2, dim: dim, keepdim: keepdim)
        case .nuc: return Linalg.matrixNorm(self, ord: .nuc, dim: dim ?? [-2, -1], keepdim: keepdim)
        case .p(let order): return Linalg.vectorNorm(self, ord: order, dim: dim, keepdim: keepdim)
        }
    }

    /// `t.norm(p, dim)` along one dim (PyTorch: `torch.norm`).
    public func norm(p: NormOrder = .fro, dim: Int, keepdim: Bool = false) -> Tensor {
        norm(p: p, dim: [dim], keepdim: keepdim)
    }

    /// `t.trace()`: the sum of the main diagonal of a 2-D tensor; integer inputs give int64, as torch.
    public func trace() -> Tensor {
        if Autocast.isActive { return Autocast.run(.float32, [self]) { c in c[0]!.trace() } }
        torchCheck(ndim == 2, "trace: expected a matrix, but got tensor with dim \(ndim)")
        torchCheck(dtype != .bool, "\"trace\" not implemented for 'Bool'")
        return laReduce(laDiagonal(), dims: [0], keepdim: false, .sum).recorded(.trace, self)
    }
}

/// Applies a Double function to every element of a contiguous floating tensor, in place.
private func laMapFloat(_ t: Tensor, _ f: (Double) -> Double) -> Tensor {
    switch t.dtype {
    case .float32:
        let p = t.mutablePointer(Float.self)
        for i in 0..<t.numel { p[i] = Float(f(Double(p[i]))) }
    case .float64:
        let p = t.mutablePointer(Double.self)
        for i in 0..<t.numel { p[i] = f(p[i]) }
    default:
        let wide = t.to(.float64)
        let p = wide.mutablePointer(Double.self)
        for i in 0..<t.numel { p[i] = f(p[i]) }
        t.copy_(wide)
    }
    return t
}
