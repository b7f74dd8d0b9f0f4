import Foundation

/// LU-based routines: inv, solve, det, slogdet (LAPACK getrf / getri / getrs).
extension Linalg {
    /// `torch.linalg.inv` for [..., n, n]; a singular matrix stops with torch's message.
    public static func inv(_ a: Tensor) -> Tensor {
        if Autocast.isActive { return Autocast.run(.float32, [a]) { c in inv(c[0]!) } }
        return invImpl(a).recorded(.inv, a)
    }

    private static func invImpl(_ a: Tensor) -> Tensor {
        checkSquare(a, "linalg.inv")
        switch a.dtype {
        case .float32: return invKernel(Float.self, a)
        default: return invKernel(Double.self, a)
        }
    }

    private static func invKernel<T: LapackScalar>(_: T.Type, _ a: Tensor) -> Tensor {
        let n = a.sizes[a.ndim - 1]
        let batch = Array(a.sizes.dropLast(2))
        let work = columnMajor(a, batch: batch)
        let base = work.mutablePointer(T.self)
        var pivots = [Int32](repeating: 0, count: Swift.max(n, 1))
        for i in 0..<batch.reduce(1, *) where n > 0 {
            let matrix = base + i * n * n
            let info = T.getrf(n, n, matrix, n, &pivots)
            torchCheck(
                info <= 0,
                "linalg.inv: \(batchPrefix(a, i))The diagonal element \(info) is zero, the inversion could not be completed because the input matrix is singular."
            )
            _ = T.getri(n, matrix, n, pivots)
        }
        return work.laMT()
    }

    /// `torch.linalg.solve(A, B, left:)`: X with AX = B (or XA = B when `left` is false, solved as
    /// AᵀXᵀ = Bᵀ). B is a batch of vectors when it is 1-D or has A's shape without the last dim; batch
    /// dims broadcast.
    public static func solve(_ a: Tensor, _ b: Tensor, left: Bool = true) -> Tensor {
        solveImpl(a, b, left: left).recorded(.solve(left: left), a, b)
    }

    private static func solveImpl(_ a: Tensor, _ b: Tensor, left: Bool) -> Tensor {
        checkSquare(a, "linalg.solve", kernel: "lu_cpu")
        if !left {
            torchCheck(
                b.ndim >= 2,
                "linalg.solve: Vector broadcasting of the left hand side is not supported for left=False. In this case linalg.solve is equivalent to B / A.squeeze(-1)"
            )
            return solve(a.laMT(), b.laMT()).laMT()
        }
        torchCheck(
            a.dtype == b.dtype,
            "linalg.solve: Expected A and B to have the same dtype, but found A of type \(a.dtype.scalarTypeName) and B of type \(b.dtype.scalarTypeName) instead"
        )
        let n = a.sizes[a.ndim - 1]
        let vectorCase = b.ndim == 1 || (b.ndim == a.ndim - 1 && Array(b.sizes) == Array(a.sizes.dropLast()))
        let rhs = vectorCase ? b.laUnsqueezed(b.ndim) : b
        torchCheck(
            rhs.sizes[rhs.ndim - 2] == n,
            "linalg.solve: Incompatible shapes of A and B for the equation AX = B (\(n)x\(n) and \(rhs.sizes[rhs.ndim - 2])x\(rhs.sizes[rhs.ndim - 1]))"
        )
        let batch = broadcastShapes(Array(a.sizes.dropLast(2)), Array(rhs.sizes.dropLast(2)))
        let x: Tensor
        switch a.dtype {
        case .float32: x = solveKernel(Float.self, a, rhs, batch)
        default: x = solveKernel(Double.self, a, rhs, batch)
        }
        if vectorCase { return x.asStrided(Array(x.sizes.dropLast()), Array(x.strideValues.dropLast())) }
        return x
    }

    private static func solveKernel<T: LapackScalar>(_: T.Type, _ a: Tensor, _ b: Tensor, _ batch: [Int]) -> Tensor {
        let n = a.sizes[a.ndim - 1], k = b.sizes[b.ndim - 1]
        let lu = columnMajor(a, batch: batch)
        let x = columnMajor(b, batch: batch)
        let luBase = lu.mutablePointer(T.self), xBase = x.mutablePointer(T.self)
        var pivots = [Int32](repeating: 0, count: Swift.max(n, 1))
        for i in 0..<batch.reduce(1, *) where n > 0 && k > 0 {
            let info = T.getrf(n, n, luBase + i * n * n, n, &pivots)
            torchCheck(info <= 0, "torch.linalg.solve: The solver failed because the input matrix is singular.")
            _ = T.getrs(n, k, luBase + i * n * n, n, pivots, xBase + i * n * k, n)
        }
        return x.laMT()
    }

    /// `torch.linalg.det` for [..., n, n] (0 for singular matrices, 1 for 0×0).
    public static func det(_ a: Tensor) -> Tensor {
        if Autocast.isActive { return Autocast.run(.float32, [a]) { c in det(c[0]!) } }
        return detImpl(a).recorded(.det, a)
    }

    private static func detImpl(_ a: Tensor) -> Tensor {
        checkSquare(a, "linalg.det", kernel: "lu_cpu")
        return luDeterminant(a).det
    }

    /// `torch.linalg.slogdet`: (sign, log|det|); singular matrices give sign 0 and -inf.
    public static func slogdet(_ a: Tensor) -> (sign: Tensor, logabsdet: Tensor) {
        let r = slogdetImpl(a)
        _ = recordedMany([r.sign, r.logabsdet], .slogdet, [a])
        return r
    }

    private static func slogdetImpl(_ a: Tensor) -> (sign: Tensor, logabsdet: Tensor) {
        checkSquare(a, "linalg.slogdet")
        let r = luDeterminant(a)
        return (r.sign, r.logabsdet)
    }

    private static func luDeterminant(_ a: Tensor) -> (det: Tensor, sign: Tensor, logabsdet: Tensor) {
        switch a.dtype {
        case .float32: return detKernel(Float.self, a)
        default: return detKernel(Double.self, a)
        }
    }

    private static func detKernel<T: LapackScalar>(_: T.Type, _ a: Tensor) -> (
        det: Tensor, sign: Tensor, logabsdet: Tensor
    ) {
        let n = a.sizes[a.ndim - 1]
        let batch = Array(a.sizes.dropLast(2))
        let count = batch.reduce(1, *)
        let lu = columnMajor(a, batch: batch)
        let base = lu.mutablePointer(T.self)
        let det = Tensor(uninitializedShape: batch, dtype: a.dtype)
        let sign = Tensor(uninitializedShape: batch, dtype: a.dtype)
        let logabs = Tensor(uninitializedShape: batch, dtype: a.dtype)
        let detP = det.mutablePointer(T.self), signP = sign.mutablePointer(T.self), logP = logabs.mutablePointer(T.self)
        var pivots = [Int32](repeating: 0, count: Swift.max(n, 1))
        for i in 0..<count {
            let matrix = base + i * n * n
            if n > 0 { _ = T.getrf(n, n, matrix, n, &pivots) }
            var product: T = 1, s: T = 1, logSum = 0.0
            for j in 0..<n {
                let u = matrix[j * n + j]
                product *= u
                if u < 0 { s = -s } else if u == 0 { s = 0 }
                logSum += log(Double(Swift.abs(u)))
                if pivots[j] != Int32(j + 1) {
                    product = -product
                    s = -s
                }
            }
            detP[i] = product
            signP[i] = s
            logP[i] = s == 0 ? -T.infinity : T(logSum)
        }
        return (det, sign, logabs)
    }
}

extension Tensor {
    /// `t.inverse()` / `torch.inverse`: `Linalg.inv`.
    public func inverse() -> Tensor { Linalg.inv(self) }
    /// `t.det()` / `torch.det`: `Linalg.det`.
    public func det() -> Tensor { Linalg.det(self) }
    /// `t.slogdet()`.
    /// PyTorch: `torch.slogdet`.
    public func slogdet() -> (sign: Tensor, logabsdet: Tensor) { Linalg.slogdet(self) }
}
