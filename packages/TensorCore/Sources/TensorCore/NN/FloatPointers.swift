/// A generic kernel's buffer as float32, for the C kernels; callers have checked `T.self == Float.self`
/// (a compile-time fact once the kernel is specialized).
@inline(__always) func floatPointer<T>(_ p: UnsafePointer<T>) -> UnsafePointer<Float> {
    UnsafeRawPointer(p).assumingMemoryBound(to: Float.self)
}

@inline(__always) func floatPointer<T>(_ p: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<Float> {
    UnsafeMutableRawPointer(p).assumingMemoryBound(to: Float.self)
}

/// A generic kernel's scalar as float32 (same precondition).
@inline(__always) func asFloat<T>(_ x: T) -> Float { unsafeBitCast(x, to: Float.self) }
