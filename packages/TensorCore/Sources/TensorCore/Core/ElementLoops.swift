/// Elementwise loops over a `StridedLoop` whose element function is a struct (a functor), not a closure.
///
/// Why not closures: an element closure is captured by the per-chunk closure handed to `parallelFor`,
/// and the optimizer does not inline a closure value through that capture, so every element paid an
/// indirect call (measured ~10 ns/element for a float add). A functor's type is a generic parameter
/// instead, so each specialization calls it directly and the contiguous loops vectorize.

package protocol UnaryFunctor {
    associatedtype Input: TensorElement
    associatedtype Output: TensorElement
    func callAsFunction(_ x: Input) -> Output
}

package protocol BinaryFunctor {
    associatedtype Left: TensorElement
    associatedtype Right: TensorElement
    associatedtype Output: TensorElement
    func callAsFunction(_ a: Left, _ b: Right) -> Output
}

package protocol TernaryFunctor {
    associatedtype First: TensorElement
    associatedtype Second: TensorElement
    associatedtype Third: TensorElement
    associatedtype Output: TensorElement
    func callAsFunction(_ a: First, _ b: Second, _ c: Third) -> Output
}

@inline(__always)
package func runUnary<F: UnaryFunctor>(
    _ loop: StridedLoop, _ out: UnsafeMutablePointer<F.Output>, _ a: UnsafePointer<F.Input>,
    grain: Int = Threads.grainSize, _ f: F
) {
    let so = loop.innerStride(0)
    let sa = loop.innerStride(1)
    loop.run(grain: grain) { offsets, count in
        let o = out + offsets[0]
        let x = a + offsets[1]
        if so == 1 && sa == 1 {
            for i in 0..<count { o[i] = f(x[i]) }
        } else if so == 1 && sa == 0 {
            let v = f(x[0])
            for i in 0..<count { o[i] = v }
        } else {
            for i in 0..<count { o[i &* so] = f(x[i &* sa]) }
        }
    }
}

@inline(__always)
package func runBinary<F: BinaryFunctor>(
    _ loop: StridedLoop, _ out: UnsafeMutablePointer<F.Output>, _ a: UnsafePointer<F.Left>,
    _ b: UnsafePointer<F.Right>, grain: Int = Threads.grainSize, _ f: F
) {
    let so = loop.innerStride(0)
    let sa = loop.innerStride(1)
    let sb = loop.innerStride(2)
    loop.run(grain: grain) { offsets, count in
        let o = out + offsets[0]
        let x = a + offsets[1]
        let y = b + offsets[2]
        if so == 1 && sa == 1 && sb == 1 {
            for i in 0..<count { o[i] = f(x[i], y[i]) }
        } else if so == 1 && sa == 1 && sb == 0 {
            let yv = y[0]
            for i in 0..<count { o[i] = f(x[i], yv) }
        } else if so == 1 && sa == 0 && sb == 1 {
            let xv = x[0]
            for i in 0..<count { o[i] = f(xv, y[i]) }
        } else {
            for i in 0..<count { o[i &* so] = f(x[i &* sa], y[i &* sb]) }
        }
    }
}

@inline(__always)
package func runTernary<F: TernaryFunctor>(
    _ loop: StridedLoop, _ out: UnsafeMutablePointer<F.Output>, _ a: UnsafePointer<F.First>,
    _ b: UnsafePointer<F.Second>, _ c: UnsafePointer<F.Third>, grain: Int = Threads.grainSize, _ f: F
) {
    let so = loop.innerStride(0)
    let sa = loop.innerStride(1)
    let sb = loop.innerStride(2)
    let sc = loop.innerStride(3)
    loop.run(grain: grain) { offsets, count in
        let o = out + offsets[0]
        let x = a + offsets[1]
        let y = b + offsets[2]
        let z = c + offsets[3]
        if so == 1 && sa == 1 && sb == 1 && sc == 1 {
            for i in 0..<count { o[i] = f(x[i], y[i], z[i]) }
        } else {
            for i in 0..<count { o[i &* so] = f(x[i &* sa], y[i &* sb], z[i &* sc]) }
        }
    }
}

/// Whether `t` reads as one flat run beside a contiguous output of `numel` elements (same elements in
/// the same order: contiguous and not broadcast). The flat loops below then skip building a
/// `StridedLoop`, whose small arrays dominate the cost of ops on small tensors.
@inline(__always)
package func readsFlat(_ t: Tensor, _ numel: Int) -> Bool { t.isContiguous && t.numel == numel }

@inline(__always)
package func runFlatUnary<F: UnaryFunctor>(
    _ count: Int, _ out: UnsafeMutablePointer<F.Output>, _ a: UnsafePointer<F.Input>, grain: Int = Threads.grainSize,
    _ f: F
) {
    parallelFor(count, grain: grain) { range in
        let o = out + range.lowerBound, x = a + range.lowerBound
        for i in 0..<range.count { o[i] = f(x[i]) }
    }
}

@inline(__always)
package func runFlatBinary<F: BinaryFunctor>(
    _ count: Int, _ out: UnsafeMutablePointer<F.Output>, _ a: UnsafePointer<F.Left>, _ b: UnsafePointer<F.Right>,
    grain: Int = Threads.grainSize, _ f: F
) {
    parallelFor(count, grain: grain) { range in
        let o = out + range.lowerBound, x = a + range.lowerBound, y = b + range.lowerBound
        for i in 0..<range.count { o[i] = f(x[i], y[i]) }
    }
}
