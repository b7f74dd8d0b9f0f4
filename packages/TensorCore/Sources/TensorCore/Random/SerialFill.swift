import Foundation

// Random kernels draw one number per element in TensorIterator's order (torch's `cpu_serial_kernel`):
// the stream is sequential, so the element order is part of the result.

extension Tensor {
    /// A view whose row-major order is this tensor's memory order: dims sorted by decreasing stride,
    /// ties keeping their order, as TensorIterator arranges a lone output.
    func memoryOrderView() -> Tensor {
        if isContiguous { return self }
        let order = (0..<sizes.count).sorted {
            strideValues[$0] != strideValues[$1] ? strideValues[$0] > strideValues[$1] : $0 < $1
        }
        return asStrided(order.map { sizes[$0] }, order.map { strideValues[$0] })
    }
}

/// Stores `next()` into every element of `tensor` in TensorIterator order, on the calling thread.
@inline(__always)
func serialRandomFill<T: TensorElement>(_ tensor: Tensor, _: T.Type, _ next: () -> T) {
    let view = tensor.memoryOrderView()
    let base = view.mutablePointer(T.self)
    if view.isContiguous {
        for i in 0..<view.numel { base[i] = next() }
    } else {
        let loop = StridedLoop(shape: view.sizes, strides: [view.strideValues])
        let stride = loop.innerStride(0)
        loop.forEachRun(in: 0..<view.numel) { offsets, count in
            let p = base + offsets[0]
            for i in 0..<count { p[i &* stride] = next() }
        }
    }
}

/// Like `serialRandomFill`, also reading a second operand (broadcast to `tensor`'s shape) element by element.
@inline(__always)
func serialRandomFill<T: TensorElement, P: TensorElement>(
    _ tensor: Tensor, _: T.Type, reading other: Tensor, _: P.Type, _ next: (P) -> T
) {
    let otherStrides = other.broadcastStrides(to: tensor.sizes)
    let order: [Int] =
        tensor.isContiguous
        ? Array(0..<tensor.sizes.count)
        : (0..<tensor.sizes.count).sorted {
            tensor.strideValues[$0] != tensor.strideValues[$1]
                ? tensor.strideValues[$0] > tensor.strideValues[$1] : $0 < $1
        }
    let loop = StridedLoop(
        shape: order.map { tensor.sizes[$0] },
        strides: [order.map { tensor.strideValues[$0] }, order.map { otherStrides[$0] }])
    let out = tensor.mutablePointer(T.self)
    let input = other.pointer(P.self)
    let so = loop.innerStride(0), si = loop.innerStride(1)
    loop.forEachRun(in: 0..<tensor.numel) { offsets, count in
        let o = out + offsets[0]
        let x = input + offsets[1]
        for i in 0..<count { o[i &* so] = next(x[i &* si]) }
    }
}

/// A double as C++ `operator<<` prints it in torch's messages (`%g`: 2, 0.5, 1e+10).
func cppDoubleString(_ value: Double) -> String {
    String(format: "%g", value)
}

extension Generator {
    /// The generator an op uses: the one passed, else the default.
    @inline(__always)
    static func resolve(_ generator: Generator?) -> Generator { generator ?? Generator.default }
}
