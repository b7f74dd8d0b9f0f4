/// torch.matmul and the fixed-rank products it dispatches to (mm, bmm, mv, dot), each with torch's checks
/// and messages. Every product ends in `laGemm` (OpenBLAS, TensorCore's AVX-512 sgemm, or the bf16 kernel).
extension Tensor {
    /// `torch.matmul` / `a @ b`: dot for 1-D·1-D (0-dim result), mv, mm, and batched products with
    /// broadcast batch dims; a 1-D operand gets a dim prepended (left) or appended (right), removed after.
    public func matmul(_ other: Tensor) -> Tensor {
        if Autocast.isActive { return Autocast.run(.lowerPrecision, self, other) { $0.matmul($1) } }
        return matmulImpl(other).recorded(.matmul, self, other)
    }

    private func matmulImpl(_ other: Tensor) -> Tensor {
        let dim1 = ndim, dim2 = other.ndim
        torchCheck(
            dim1 >= 1 && dim2 >= 1,
            "both arguments to matmul need to be at least 1D, but they are \(dim1)D and \(dim2)D")
        switch (dim1, dim2) {
        // Fixed-rank kernels directly (not the public mm/mv/dot): matmul records one node itself.
        case (1, 1): return dot(other)
        case (2, 1): return laMatrixVector(other, input: nil)
        case (1, 2): return laUnsqueezed(0).laMatrixProduct(other, op: "mm").asStrided([other.sizes[1]], [1])
        case (2, 2):
            torchCheck(other.ndim == 2, "mm: mat2 must be a matrix, got \(other.ndim)-D tensor")
            return laMatrixProduct(other, op: "mm")
        default: break
        }
        if dim1 >= 3 && dim2 <= 2 {
            // Fold a's batch dims into its rows: one GEMM instead of a batch of them (torch does the same).
            let k = sizes[dim1 - 1]
            let folded = laReshaped([sizes.dropLast().reduce(1, *), k])
            let outShape = Array(sizes.dropLast()) + (dim2 == 2 ? [other.sizes[1]] : [])
            let product = dim2 == 2 ? folded.mm(other) : folded.mv(other)
            return product.asStrided(outShape, contiguousStrides(outShape))
        }
        // General case: broadcast batch dims, read the broadcast operands in place (stride 0).
        let a = dim1 == 1 ? laUnsqueezed(0) : self
        let b = dim2 == 1 ? other.laUnsqueezed(1) : other
        let m = a.sizes[a.ndim - 2], k = a.sizes[a.ndim - 1]
        let k2 = b.sizes[b.ndim - 2], n = b.sizes[b.ndim - 1]
        let batch = broadcastShapes(Array(a.sizes.dropLast(2)), Array(b.sizes.dropLast(2)))
        let batchCount = batch.reduce(1, *)
        torchCheck(
            k == k2,
            "Expected size for first two dimensions of batch2 tensor to be: [\(batchCount), \(k)] but got: [\(batchCount), \(k2)]."
        )
        torchCheck(
            a.dtype == b.dtype, "expected scalar type \(a.dtype.scalarTypeName) but found \(b.dtype.scalarTypeName)")
        torchCheck(a.dtype != .bool, "\"bmm\" not implemented for 'Bool'")
        let result = Tensor(uninitializedShape: batch + [m, n], dtype: dtype)
        laGemm(a.laExpanded(batch + [m, k]), b.laExpanded(batch + [k, n]), into: result)
        let outShape = batch + (dim1 > 1 ? [m] : []) + (dim2 > 1 ? [n] : [])
        return result.asStrided(outShape, contiguousStrides(outShape))
    }

    /// `torch.matmul(a, b)`.
    public static func matmul(_ a: Tensor, _ b: Tensor) -> Tensor { a.matmul(b) }

    /// `torch.mm`: [n, m] · [m, p] → [n, p]; both operands must share a dtype.
    public func mm(_ mat2: Tensor) -> Tensor {
        if Autocast.isActive { return Autocast.run(.lowerPrecision, self, mat2) { $0.mm($1) } }
        torchCheck(ndim == 2, "mm: self must be a matrix, got \(ndim)-D tensor")
        torchCheck(mat2.ndim == 2, "mm: mat2 must be a matrix, got \(mat2.ndim)-D tensor")
        return laMatrixProduct(mat2, op: "mm").recorded(.mm, self, mat2)
    }

    /// Shared by mm and addmm: shape and dtype checks in torch's order, then one GEMM.
    func laMatrixProduct(_ mat2: Tensor, op: String, input: Tensor? = nil, beta: Scalar = 0, alpha: Scalar = 1)
        -> Tensor
    {
        torchCheck(
            sizes[1] == mat2.sizes[0],
            "\(op): mat1 and mat2 shapes cannot be multiplied (\(sizes[0])x\(sizes[1]) and \(mat2.sizes[0])x\(mat2.sizes[1]))"
        )
        torchCheck(
            dtype == mat2.dtype,
            "expected m1 and m2 to have the same dtype, but got: \(dtype.cppTypeName) != \(mat2.dtype.cppTypeName)")
        torchCheck(dtype != .bool, "\"addmm_impl_cpu_\" not implemented for 'Bool'")
        let shape = [sizes[0], mat2.sizes[1]]
        let result = Tensor(uninitializedShape: shape, dtype: dtype)
        if let input, beta.doubleValue != 0 { result.copyElements(input.laExpanded(shape)) }
        laGemm(self, mat2, into: result, alpha: alpha, beta: input == nil ? 0 : beta)
        return result
    }

    /// `torch.bmm`: [b, n, m] · [b, m, p] → [b, n, p].
    public func bmm(_ mat2: Tensor) -> Tensor {
        if Autocast.isActive { return Autocast.run(.lowerPrecision, self, mat2) { $0.bmm($1) } }
        return laBatchProduct(mat2, input: nil).recorded(.bmm, self, mat2)
    }

    func laBatchProduct(_ mat2: Tensor, input: Tensor?, beta: Scalar = 0, alpha: Scalar = 1) -> Tensor {
        torchCheck(ndim == 3, "batch1 must be a 3D tensor")
        torchCheck(mat2.ndim == 3, "batch2 must be a 3D tensor")
        let b = sizes[0], m = sizes[1], k = sizes[2], n = mat2.sizes[2]
        torchCheck(
            mat2.sizes[0] == b && mat2.sizes[1] == k,
            "Expected size for first two dimensions of batch2 tensor to be: [\(b), \(k)] but got: [\(mat2.sizes[0]), \(mat2.sizes[1])]."
        )
        torchCheck(
            dtype == mat2.dtype, "expected scalar type \(dtype.scalarTypeName) but found \(mat2.dtype.scalarTypeName)")
        if let input {
            torchCheck(
                input.dtype == dtype,
                "expected scalar type \(dtype.scalarTypeName) but found \(input.dtype.scalarTypeName)")
        }
        torchCheck(dtype != .bool, "\"bmm\" not implemented for 'Bool'")
        let shape = [b, m, n]
        let result = Tensor(uninitializedShape: shape, dtype: dtype)
        if let input, beta.doubleValue != 0 { result.copyElements(input.laExpanded(shape)) }
        laGemm(self, mat2, into: result, alpha: alpha, beta: input == nil ? 0 : beta)
        return result
    }

    /// `torch.mv`: [n, m] · [m] → [n].
    public func mv(_ vec: Tensor) -> Tensor {
        laMatrixVector(vec, input: nil).recorded(.mv, self, vec)
    }

    func laMatrixVector(_ vec: Tensor, input: Tensor?, beta: Scalar = 0, alpha: Scalar = 1) -> Tensor {
        torchCheck(
            ndim == 2 && vec.ndim == 1 && (input?.ndim ?? 1) <= 1,
            "vector + matrix @ vector expected, got \(input?.ndim ?? 1), \(ndim), \(vec.ndim)")
        let m = sizes[0], k = sizes[1]
        let inputSize = input.map { $0.ndim == 0 ? 1 : $0.sizes[0] } ?? m
        torchCheck(
            k == vec.sizes[0] && (inputSize == m || inputSize == 1),
            "size mismatch, got input (\(inputSize)), mat (\(m)x\(k)), vec (\(vec.sizes[0]))")
        let outDtype = input?.dtype ?? DType.promote(dtype, vec.dtype)
        torchCheck(
            outDtype == dtype && dtype == vec.dtype,
            "addmv input tensors must have the same dtype, but got \(outDtype.scalarTypeName), \(dtype.scalarTypeName), and \(vec.dtype.scalarTypeName)"
        )
        torchCheck(dtype != .bool, "\"addmv_impl_cpu\" not implemented for 'Bool'")
        let result = Tensor(uninitializedShape: [m, 1], dtype: dtype)
        if let input, beta.doubleValue != 0 { result.copyElements(input.laExpanded([m]).laUnsqueezed(1)) }
        laGemm(self, vec.laUnsqueezed(1), into: result, alpha: alpha, beta: input == nil ? 0 : beta)
        return result.asStrided([m], [1])
    }

    /// `torch.addmm`: `beta * self + alpha * (mat1 @ mat2)`, `self` broadcast to the product's shape.
    /// With beta 0 `self` is ignored (its NaNs do not propagate), as in torch.
    public func addmm(_ mat1: Tensor, _ mat2: Tensor, beta: Scalar = 1, alpha: Scalar = 1) -> Tensor {
        if Autocast.isActive {
            return Autocast.run(.lowerPrecision, self, mat1, mat2) { $0.addmm($1, $2!, beta: beta, alpha: alpha) }
        }
        torchCheck(mat1.ndim == 2, "mat1 must be a matrix, got \(mat1.ndim)-D tensor")
        torchCheck(mat2.ndim == 2, "mat2 must be a matrix, got \(mat2.ndim)-D tensor")
        torchCheck(
            dtype == mat2.dtype,
            "self and mat2 must have the same dtype, but got \(dtype.scalarTypeName) and \(mat2.dtype.scalarTypeName)")
        return mat1.laMatrixProduct(mat2, op: "addmm", input: self, beta: beta, alpha: alpha)
            .recorded(.addmm(beta: beta, alpha: alpha), self, mat1, mat2)
    }

    /// PyTorch: `torch.addmm`.
    public static func addmm(_ input: Tensor, _ mat1: Tensor, _ mat2: Tensor, beta: Scalar = 1, alpha: Scalar = 1)
        -> Tensor
    {
        input.addmm(mat1, mat2, beta: beta, alpha: alpha)
    }

    /// `torch.addmv`: `beta * self + alpha * (mat @ vec)`.
    public func addmv(_ mat: Tensor, _ vec: Tensor, beta: Scalar = 1, alpha: Scalar = 1) -> Tensor {
        mat.laMatrixVector(vec, input: self, beta: beta, alpha: alpha).recorded(
            .addmv(beta: beta, alpha: alpha), self, mat, vec)
    }

    /// PyTorch: `torch.addmv`.
    public static func addmv(_ input: Tensor, _ mat: Tensor, _ vec: Tensor, beta: Scalar = 1, alpha: Scalar = 1)
        -> Tensor
    {
        input.addmv(mat, vec, beta: beta, alpha: alpha)
    }

    /// `torch.baddbmm`: `beta * self + alpha * (batch1 @ batch2)`, `self` broadcast to [b, n, p].
    public func baddbmm(_ batch1: Tensor, _ batch2: Tensor, beta: Scalar = 1, alpha: Scalar = 1) -> Tensor {
        if Autocast.isActive {
            return Autocast.run(.lowerPrecision, self, batch1, batch2) { $0.baddbmm($1, $2!, beta: beta, alpha: alpha) }
        }
        torchCheck(dtype != .bool, "\"baddbmm\" not implemented for 'Bool'")
        return batch1.laBatchProduct(batch2, input: self, beta: beta, alpha: alpha)
            .recorded(.baddbmm(beta: beta, alpha: alpha), self, batch1, batch2)
    }

    /// PyTorch: `torch.baddbmm`.
    public static func baddbmm(_ input: Tensor, _ batch1: Tensor, _ batch2: Tensor, beta: Scalar = 1, alpha: Scalar = 1)
        -> Tensor
    {
        input.baddbmm(batch1, batch2, beta: beta, alpha: alpha)
    }
}
