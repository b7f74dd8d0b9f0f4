/// Kernels for amax/amin/max/min and argmax/argmin. NaN propagates (the first NaN wins, with its index);
/// on ties the first occurrence wins, as in PyTorch.

/// Which way "better" points: max or min.
protocol ExtremumDirection {
    static func better<T: ReduceOrdered>(_ x: T, than y: T) -> Bool
    static func betterMask<A: BinaryFloatingPoint & SIMDScalar>(_ x: SIMD8<A>, than y: SIMD8<A>) -> ExtremumMask8<A>
}

typealias ExtremumMask8<A: SIMDScalar> = SIMDMask<SIMD8<A>.MaskStorage>

enum MaxDirection: ExtremumDirection {
    @inline(__always) static func better<T: ReduceOrdered>(_ x: T, than y: T) -> Bool { T.lt(y, x) }
    @inline(__always) static func betterMask<A: BinaryFloatingPoint & SIMDScalar>(
        _ x: SIMD8<A>, than y: SIMD8<A>
    ) -> ExtremumMask8<A> { x .> y }
}

enum MinDirection: ExtremumDirection {
    @inline(__always) static func better<T: ReduceOrdered>(_ x: T, than y: T) -> Bool { T.lt(x, y) }
    @inline(__always) static func betterMask<A: BinaryFloatingPoint & SIMDScalar>(
        _ x: SIMD8<A>, than y: SIMD8<A>
    ) -> ExtremumMask8<A> { x .< y }
}

/// Vectorized extremum of a contiguous Float/Double run; NaN if any element is NaN.
@inline(__always)
func simdExtremum<A: ReduceOrdered & BinaryFloatingPoint & SIMDScalar, D: ExtremumDirection>(
    _ p: UnsafePointer<A>, _ n: Int, _: D.Type
) -> A {
    var best = SIMD8<A>(repeating: p[0])
    var sawNaN = SIMDMask<SIMD8<A>.MaskStorage>()
    var i = 0
    while i + 8 <= n {
        let v = UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<A>.self)
        sawNaN .|= v .!= v
        best.replace(with: v, where: D.betterMask(v, than: best))
        i += 8
    }
    if any(sawNaN) { return .nan }
    var result = best[0]
    for lane in 1..<8 where D.better(best[lane], than: result) { result = best[lane] }
    while i < n {
        let x = p[i]
        if x.isNaN { return x }
        if D.better(x, than: result) { result = x }
        i += 1
    }
    return result
}

/// amax/amin and the values-only max()/min().
struct ExtremumReducer<T: ReduceOrdered, D: ExtremumDirection>: Reducer {
    let out: UnsafeMutablePointer<T>

    func run(_ p: UnsafePointer<T>, _ n: Int, start: Int) -> T {
        if T.self == Float.self {
            return unsafeBitCast(simdExtremum(UnsafeRawPointer(p).assumingMemoryBound(to: Float.self), n, D.self), to: T.self)
        }
        if T.self == Double.self {
            return unsafeBitCast(simdExtremum(UnsafeRawPointer(p).assumingMemoryBound(to: Double.self), n, D.self), to: T.self)
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

    func rows(_ acc: UnsafeMutablePointer<(T, Int)>, _ p: UnsafePointer<T>, rows: Int, stride: Int, width: Int, start: Int) {
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
