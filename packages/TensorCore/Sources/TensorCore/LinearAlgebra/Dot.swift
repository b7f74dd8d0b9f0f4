/// Vector products: dot, vdot, outer/ger.
extension Tensor {
    /// `torch.dot`: the inner product of two 1-D tensors of one dtype, as a 0-dim tensor.
    public func dot(_ other: Tensor) -> Tensor {
        laInnerProduct(other, op: "dot").recorded(.dot, self, other)
    }

    /// `torch.vdot`: conjugates the first argument; for real dtypes the same as `dot`.
    public func vdot(_ other: Tensor) -> Tensor {
        laInnerProduct(other, op: "vdot").recorded(.vdot, self, other)
    }

    private func laInnerProduct(_ other: Tensor, op: String) -> Tensor {
        torchCheck(ndim == 1 && other.ndim == 1, "1D tensors expected, but got \(ndim)D and \(other.ndim)D tensors")
        torchCheck(
            dtype == other.dtype,
            "\(op) : expected both vectors to have same dtype, but found \(dtype.scalarTypeName) and \(other.dtype.scalarTypeName)"
        )
        torchCheck(
            numel == other.numel,
            "inconsistent tensor size, expected tensor [\(numel)] and src [\(other.numel)] to have the same number of elements, but got \(numel) and \(other.numel) elements respectively"
        )
        torchCheck(dtype != .bool, "\"dot\" not implemented for 'Bool'")  // vdot's kernel is dot's too
        switch dtype {
        case .float32: return Tensor(copying: [laBlasDot(Float.self, self, other)], shape: [])
        case .float64: return Tensor(copying: [laBlasDot(Double.self, self, other)], shape: [])
        case .float16, .bfloat16:
            return Tensor(copying: [laBlasDot(Float.self, to(.float32), other.to(.float32))], shape: []).to(dtype)
        default:
            // Integers: a [1, n] · [n, 1] GEMM through the wrapping integer loop.
            let result = Tensor(uninitializedShape: [1, 1], dtype: dtype)
            laGemm(laUnsqueezed(0), other.laUnsqueezed(1), into: result)
            return result.asStrided([], [])
        }
    }

    /// `torch.outer` / `ger`: [n] ⊗ [m] → [n, m] in the promoted dtype (it is a broadcast multiply).
    public func outer(_ vec2: Tensor) -> Tensor {
        torchCheck(ndim == 1, "outer: Expected 1-D argument self, but got \(ndim)-D")
        torchCheck(vec2.ndim == 1, "outer: Expected 1-D argument vec2, but got \(vec2.ndim)-D")
        let dtype = DType.promote(self.dtype, vec2.dtype)
        // A rank-1 GEMM (k = 1); bools multiply as 0/1 bytes, which is logical and.
        let work = dtype == .bool ? DType.uint8 : dtype
        let result = Tensor(uninitializedShape: [numel, vec2.numel], dtype: work)
        laGemm(to(work).laUnsqueezed(1), vec2.to(work).laUnsqueezed(0), into: result)
        return result.to(dtype).recorded(.outer, self, vec2)
    }

    /// `torch.ger`: the old name of `outer`.
    public func ger(_ vec2: Tensor) -> Tensor { outer(vec2) }
}

/// Dots up to this length are summed here, in order, each product rounded before it is added: OpenBLAS
/// picks its ddot/sdot kernel per CPU (or per OPENBLAS_CORETYPE) and those kernels round short sums
/// differently (fused or not, other orders), so LBFGS's two-element curvature products — and the
/// trajectory they steer — would depend on the machine. This order gives torch's (MKL's) results on the
/// LBFGS fixtures on every kernel; longer vectors keep BLAS's speed.
let laShortDotLength = 16

private func laBlasDot<T: BlasScalar>(_: T.Type, _ x: Tensor, _ y: Tensor) -> T {
    if x.numel == 0 { return 0 }
    let xp = x.pointer(T.self), yp = y.pointer(T.self), sx = x.strideValues[0], sy = y.strideValues[0]
    if x.numel <= laShortDotLength {
        var acc: T = 0
        for i in 0..<x.numel { acc += xp[i * sx] * yp[i * sy] }
        return acc
    }
    laSyncBlasThreads()
    return T.dot(x.numel, xp, sx, yp, sy)
}
