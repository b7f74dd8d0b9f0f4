/// Elementwise map kernels over a `StridedLoop`. Contiguous and scalar-broadcast inner runs get
/// branch-free loops the compiler vectorizes; anything else takes the strided loop.

@inline(__always)
public func mapUnary<A, R>(
    _ loop: StridedLoop, _ out: UnsafeMutablePointer<R>, _ a: UnsafePointer<A>,
    grain: Int = Threads.grainSize, _ f: (A) -> R
) {
    let so = loop.innerStride(0)
    let sa = loop.innerStride(1)
    loop.run(grain: grain) { offsets, count in
        let o = out + offsets[0]
        let x = a + offsets[1]
        if so == 1 && sa == 1 {
            for i in 0..<count { o[i] = f(x[i]) }
        } else {
            for i in 0..<count { o[i &* so] = f(x[i &* sa]) }
        }
    }
}

@inline(__always)
public func mapBinary<A, B, R>(
    _ loop: StridedLoop, _ out: UnsafeMutablePointer<R>, _ a: UnsafePointer<A>, _ b: UnsafePointer<B>,
    grain: Int = Threads.grainSize, _ f: (A, B) -> R
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
public func mapTernary<A, B, C, R>(
    _ loop: StridedLoop, _ out: UnsafeMutablePointer<R>, _ a: UnsafePointer<A>, _ b: UnsafePointer<B>,
    _ c: UnsafePointer<C>, grain: Int = Threads.grainSize, _ f: (A, B, C) -> R
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
