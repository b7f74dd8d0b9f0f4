/// Kernels for amax/amin/max/min and argmax/argmin. NaN propagates (the first NaN wins, with its index);
/// on ties the first occurrence wins, as in PyTorch.

/// Which way "better" points: max or min.
protocol ExtremumDirection {
    static var isMax: Bool { get }
    static func better<T: ReduceOrdered>(_ x: T, than y: T) -> Bool
}

enum MaxDirection: ExtremumDirection {
    static var isMax: Bool { true }
    @inline(__always) static func better<T: ReduceOrdered>(_ x: T, than y: T) -> Bool { T.lt(y, x) }
}

enum MinDirection: ExtremumDirection {
    static var isMax: Bool { false }
    @inline(__always) static func better<T: ReduceOrdered>(_ x: T, than y: T) -> Bool { T.lt(x, y) }
}

/// Vectorized extremum of a contiguous Float/Double run; NaN if any element is NaN.
///
/// The SIMD work happens in the concrete `simdExtremum8` overloads: in a generic context `.>` and
/// `replace(with:where:)` resolve to the stdlib's lane-by-lane fallbacks (measured 30x slower), while
/// on `SIMD8<Float>` / `SIMD8<Double>` they are single vector instructions.
@inline(__always)
func simdExtremum<A: ReduceOrdered & BinaryFloatingPoint & SIMDScalar, D: ExtremumDirection>(
    _ p: UnsafePointer<A>, _ n: Int, _: D.Type
) -> A {
    var i = 0
    var result = p[0]
    if A.self == Float.self {
        let best = simdExtremum8(UnsafeRawPointer(p).assumingMemoryBound(to: Float.self), n, &i, max: D.isMax)
        guard let best else { return .nan }
        result = unsafeBitCast(best[0], to: A.self)
        for lane in 1..<8 where D.better(unsafeBitCast(best[lane], to: A.self), than: result) {
            result = unsafeBitCast(best[lane], to: A.self)
        }
    } else if A.self == Double.self {
        let best = simdExtremum8(UnsafeRawPointer(p).assumingMemoryBound(to: Double.self), n, &i, max: D.isMax)
        guard let best else { return .nan }
        result = unsafeBitCast(best[0], to: A.self)
        for lane in 1..<8 where D.better(unsafeBitCast(best[lane], to: A.self), than: result) {
            result = unsafeBitCast(best[lane], to: A.self)
        }
    }
    while i < n {
        let x = p[i]
        if x.isNaN { return x }
        if D.better(x, than: result) { result = x }
        i += 1
    }
    return result
}

/// Lane-wise extremum of the first `n / 8 * 8` elements (advancing `i`); nil if any of them is NaN.
@inline(__always)
private func simdExtremum8(_ p: UnsafePointer<Float>, _ n: Int, _ i: inout Int, max: Bool) -> SIMD8<Float>? {
    var best = SIMD8<Float>(repeating: p[0])
    var sawNaN = SIMDMask<SIMD8<Int32>>()
    while i + 8 <= n {
        let v = UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<Float>.self)
        sawNaN .|= v .!= v
        best.replace(with: v, where: max ? v .> best : v .< best)
        i += 8
    }
    return any(sawNaN) ? nil : best
}

@inline(__always)
private func simdExtremum8(_ p: UnsafePointer<Double>, _ n: Int, _ i: inout Int, max: Bool) -> SIMD8<Double>? {
    var best = SIMD8<Double>(repeating: p[0])
    var sawNaN = SIMDMask<SIMD8<Int64>>()
    while i + 8 <= n {
        let v = UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<Double>.self)
        sawNaN .|= v .!= v
        best.replace(with: v, where: max ? v .> best : v .< best)
        i += 8
    }
    return any(sawNaN) ? nil : best
}

/// amax/amin and the values-only max()/min().
struct ExtremumReducer<T: ReduceOrdered, D: ExtremumDirection>: Reducer {
    let out: UnsafeMutablePointer<T>

    func run(_ p: UnsafePointer<T>, _ n: Int, start: Int) -> T {
        if T.self == Float.self {
            return unsafeBitCast(
                simdExtremum(UnsafeRawPointer(p).assumingMemoryBound(to: Float.self), n, D.self), to: T.self)
        }
        if T.self == Double.self {
            return unsafeBitCast(
                simdExtremum(UnsafeRawPointer(p).assumingMemoryBound(to: Double.self), n, D.self), to: T.self)
        }
        var best = p[0]
        for i in 0..<n {
            let x = p[i]
            if T.isNaN(x) { return x }
            if D.better(x, than: best) { best = x }
        }
        return best
    }
    func rows(_ acc: UnsafeMutablePointer<T>, _ p: UnsafePointer<T>, rows: Int, stride: Int, width: Int, start: Int) {
        acc.update(from: p, count: width)
        for r in 1..<Swift.max(rows, 1) {
            let row = p + r * stride
            // A NaN in acc stays (nothing is better than it); a NaN in x replaces.
            for j in 0..<width {
                let x = row[j]
                if T.isNaN(x) || D.better(x, than: acc[j]) { acc[j] = x }
            }
        }
    }
    func combine(_ a: T, _ b: T) -> T {
        if T.isNaN(a) { return a }
        return T.isNaN(b) || D.better(b, than: a) ? b : a
    }
    func store(_ acc: T, at index: Int) { out[index] = acc }
}

/// max(dim)/min(dim) and argmax/argmin: value and index of the first best element.
struct ArgExtremumReducer<T: ReduceOrdered, D: ExtremumDirection>: Reducer {
    let values: UnsafeMutablePointer<T>?
    let indices: UnsafeMutablePointer<Int64>

    func run(_ p: UnsafePointer<T>, _ n: Int, start: Int) -> (T, Int) {
        if T.self == Float.self { return firstExtremum(p, n, start, Float.self) }
        if T.self == Double.self { return firstExtremum(p, n, start, Double.self) }
        var best = p[0]
        var index = 0
        if T.isNaN(best) { return (best, start) }
        for i in 1..<Swift.max(n, 1) {
            let x = p[i]
            if T.isNaN(x) { return (x, start + i) }
            if D.better(x, than: best) { (best, index) = (x, i) }
        }
        return (best, start + index)
    }
    /// Vectorized value pass, then a search for its first occurrence (first NaN if the value is NaN;
    /// -0.0 and 0.0 tie, so the first of them is reported as PyTorch's scalar loop does).
    @inline(__always)
    private func firstExtremum<F: ReduceOrdered & BinaryFloatingPoint & SIMDScalar>(
        _ p: UnsafePointer<T>, _ n: Int, _ start: Int, _: F.Type
    ) -> (T, Int) {
        let q = UnsafeRawPointer(p).assumingMemoryBound(to: F.self)
        let best = simdExtremum(q, n, D.self)
        var i = 0
        if best.isNaN {
            while !q[i].isNaN { i += 1 }
        } else {
            while q[i] != best { i += 1 }
        }
        return (p[i], start + i)
    }

    func rows(
        _ acc: UnsafeMutablePointer<(T, Int)>, _ p: UnsafePointer<T>, rows: Int, stride: Int, width: Int, start: Int
    ) {
        for j in 0..<width { acc[j] = (p[j], start) }
        for r in 1..<Swift.max(rows, 1) {
            let row = p + r * stride
            for j in 0..<width {
                let x = row[j]
                let current = acc[j].0
                if !T.isNaN(current) && (T.isNaN(x) || D.better(x, than: current)) { acc[j] = (x, start + r) }
            }
        }
    }
    func combine(_ a: (T, Int), _ b: (T, Int)) -> (T, Int) {
        if T.isNaN(a.0) { return a }
        return T.isNaN(b.0) || D.better(b.0, than: a.0) ? b : a
    }
    func store(_ acc: (T, Int), at index: Int) {
        values?[index] = acc.0
        indices[index] = Int64(acc.1)
    }
}
