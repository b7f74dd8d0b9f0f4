import CBLAS
import Foundation

/// The ATen-native kernels behind torch.nn (convolution, pooling, normalization, embedding, losses,
/// attention), forward and backward, named after PyTorch's native functions. Autodiff wires the
/// backward kernels as derivatives; Layers' modules call the forward ones.
package enum NNOps {}

/// An int or a tuple of ints, as torch's `kernel_size=3` / `stride=(2, 1)` arguments accept.
public struct IntOrTuple: ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral, Sendable, Equatable {
    /// One int, repeated for every dim, or one per dim (PyTorch: `kernel_size=3` / `(2, 1)`).
    public var values: [Int]
    /// PyTorch: a tuple argument, `stride=(2, 1)`.
    public init(_ values: [Int]) { self.values = values }
    /// `3`: the same value for every dim (PyTorch: `kernel_size=3`).
    public init(integerLiteral value: Int) { values = [value] }
    /// `[2, 1]`: one value per dim (PyTorch: `stride=(2, 1)`).
    public init(arrayLiteral elements: Int...) { values = elements }
}

/// Convolution padding: explicit ints, or "same" / "valid".
/// PyTorch: the `padding` argument of `torch.nn.functional.conv2d` (ints, "same" or "valid").
public enum ConvPadding: ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral, ExpressibleByStringLiteral, Sendable {
    /// Ints: one for every dim, or one per dim.
    case explicit([Int])
    /// Output size equals input size (stride 1 only).
    case same
    /// No padding.
    case valid

    /// `1`: the same padding on every side of every dim (PyTorch: `padding=1`).
    public init(integerLiteral value: Int) { self = .explicit([value]) }
    /// `[1, 2]`: padding per dim (PyTorch: `padding=(1, 2)`).
    public init(arrayLiteral elements: Int...) { self = .explicit(elements) }
    /// "same" or "valid"; anything else fails with torch's message.
    public init(stringLiteral value: String) {
        switch value {
        case "same": self = .same
        case "valid": self = .valid
        default: torchFail("Invalid padding string: '\(value)'")
        }
    }
}

/// Loss reduction ("none" / "mean" / "sum"; "batchmean" only for `klDiv`).
/// PyTorch: the `reduction` argument of `torch.nn` losses.
public enum LossReduction: String, ExpressibleByStringLiteral, Sendable {
    /// Per-element losses, the mean, the sum, or the sum divided by the batch size.
    case none, mean, sum, batchmean
    /// "none", "mean", "sum" or "batchmean"; anything else fails with torch's message.
    public init(stringLiteral value: String) {
        guard let r = LossReduction(rawValue: value) else { torchFail("\(value) is not a valid value for reduction") }
        self = r
    }
}

/// Float and Double: the element types the NN kernels compute in (BLAS plus the math they need).
protocol NNFloat: BlasScalar {
    static func nnExp(_ x: Self) -> Self
    static func nnLog(_ x: Self) -> Self
    static func nnLog1p(_ x: Self) -> Self
    static func nnSqrt(_ x: Self) -> Self
}

extension Float: NNFloat {
    @inline(__always) static func nnExp(_ x: Float) -> Float { Foundation.exp(x) }
    @inline(__always) static func nnLog(_ x: Float) -> Float { Foundation.log(x) }
    @inline(__always) static func nnLog1p(_ x: Float) -> Float { Foundation.log1p(x) }
    @inline(__always) static func nnSqrt(_ x: Float) -> Float { x.squareRoot() }
}

extension Double: NNFloat {
    @inline(__always) static func nnExp(_ x: Double) -> Double { Foundation.exp(x) }
    @inline(__always) static func nnLog(_ x: Double) -> Double { Foundation.log(x) }
    @inline(__always) static func nnLog1p(_ x: Double) -> Double { Foundation.log1p(x) }
    @inline(__always) static func nnSqrt(_ x: Double) -> Double { x.squareRoot() }
}

/// Runs a Float or Double kernel for `dtype`; other dtypes stop with torch's "not implemented" message.
protocol NNKernel {
    associatedtype Output
    func run<T: NNFloat>(_: T.Type) -> Output
}

extension NNKernel {
    @inline(__always) func dispatch(_ dtype: DType, _ name: String) -> Output {
        switch dtype {
        case .float32: return run(Float.self)
        case .float64: return run(Double.self)
        default: torchFail("\"\(name)\" not implemented for '\(dtype.scalarTypeName)'")
        }
    }
}

/// Same dtype check as ATen's "expected scalar type X but found Y".
func nnCheckSameDType(_ a: Tensor, _ b: Tensor) {
    torchCheck(a.dtype == b.dtype, "expected scalar type \(a.dtype.scalarTypeName) but found \(b.dtype.scalarTypeName)")
}

/// OpenBLAS threads for a region: work parallel over images runs single-threaded GEMMs, so the two
/// levels of parallelism never oversubscribe the cores. Afterwards BLAS goes back to `Threads.get()`
/// (not to a saved value, which a concurrent caller could have lowered).
func nnWithBlasThreads<R>(_ threads: Int, _ body: () -> R) -> R {
    if Int(openblas_get_num_threads()) != threads { openblas_set_num_threads(Int32(threads)) }
    defer { laSyncBlasThreads() }
    return body()
}

/// Runs `body(range)` over `0..<count` in up to `Threads.get()` chunks of at least one item each, every
/// chunk with single-threaded BLAS; with one chunk BLAS keeps all threads. In deterministic mode the chunks
/// are `Determinism.parts` fixed ranges whatever the thread count (each its own `body` call), so partial
/// results that `NNPartialSums` adds up come in the same pieces.
func nnParallelItems(_ count: Int, minPerChunk: Int = 1, _ body: (Range<Int>) -> Void) {
    if Determinism.enabled {
        let chunks = Swift.max(1, Swift.min(Determinism.parts, count / Swift.max(minPerChunk, 1)))
        nnWithBlasThreads(1) {
            parallelFor(chunks, grain: 1) { range in
                for c in range { body((count * c / chunks)..<(count * (c + 1) / chunks)) }
            }
        }
        return
    }
    let threads = Threads.get()
    if threads <= 1 || count < 2 * minPerChunk {
        laSyncBlasThreads()
        if count > 0 { body(0..<count) }
        return
    }
    nnWithBlasThreads(1) { parallelFor(count, grain: minPerChunk, body) }
}

/// Partial sums of a weight gradient computed by parallel chunks: each chunk fills a zeroed private
/// accumulator while the others compute, and `finish` adds them into `out` in the order of the chunks'
/// first items — never in the order the threads happened to end, so the same chunks give the same bits.
final class NNPartialSums<T: NNFloat>: @unchecked Sendable {
    private let out: UnsafeMutablePointer<T>
    private let length: Int
    private let lock = NSLock()
    private var partials: [(first: Int, values: UnsafeMutablePointer<T>)] = []

    init(into out: UnsafeMutablePointer<T>, length: Int) {
        self.out = out
        self.length = length
    }

    /// Runs `body` for the chunk starting at item `first` on its own zeroed accumulator.
    func accumulate(_ first: Int, _ body: (UnsafeMutablePointer<T>) -> Void) {
        let acc = UnsafeMutablePointer<T>.allocate(capacity: Swift.max(length, 1))
        acc.update(repeating: 0, count: length)
        body(acc)
        lock.withLock { partials.append((first, acc)) }
    }

    /// Adds every chunk's sums into `out` in chunk order; call once the parallel loop has returned.
    func finish() {
        for partial in partials.sorted(by: { $0.first < $1.first }) {
            for i in 0..<length { out[i] += partial.values[i] }
            partial.values.deallocate()
        }
        partials = []
    }
}

@inline(__always) func nnExpD(_ x: Double) -> Double { Foundation.exp(x) }
@inline(__always) func nnLogD(_ x: Double) -> Double { Foundation.log(x) }
@inline(__always) func nnPowD(_ x: Double, _ y: Double) -> Double { Foundation.pow(x, y) }

/// A float tensor times a constant, as a fresh contiguous tensor.
func nnScale(_ t: Tensor, _ factor: Double) -> Tensor {
    if t.dtype.isReducedFloat { return t.mul(.double(factor)) }  // rounded once, as torch's mul
    return NNScaleKernel(t: t, factor: factor).dispatch(t.dtype, "mul").recorded(.mulScalar(.double(factor)), t)
}

private struct NNScaleKernel: NNKernel {
    let t: Tensor, factor: Double
    func run<T: NNFloat>(_: T.Type) -> Tensor {
        let src = t.contiguous()
        let out = Tensor(uninitializedShape: t.sizes, dtype: t.dtype)
        let p = src.pointer(T.self), q = out.mutablePointer(T.self), f = T(factor)
        for i in 0..<t.numel { q[i] = p[i] * f }
        return out
    }
}
