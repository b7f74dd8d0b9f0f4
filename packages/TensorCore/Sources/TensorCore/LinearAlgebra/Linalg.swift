/// `torch.linalg`: decompositions, solvers and norms. A caseless namespace, as PyTorch's module is.
public enum Linalg {}

extension Linalg {
    /// torch's checkFloatingOrComplex: linalg computes in float32/float64 only (LAPACK has no half types).
    /// Ops whose torch check lets half precision through to the LAPACK kernel's dispatch name that
    /// `kernel` instead ("lu_cpu" not implemented for 'Half').
    static func checkFloating(_ a: Tensor, _ op: String, kernel: String? = nil) {
        torchCheck(
            a.dtype.isFloatingPoint,
            "\(op): Expected a floating point or complex tensor as input. Got \(a.dtype.scalarTypeName)")
        torchCheck(
            a.dtype == .float32 || a.dtype == .float64,
            kernel.map { "\"\($0)\" not implemented for '\(a.dtype.scalarTypeName)'" }
                ?? "\(op): Low precision dtypes not supported. Got \(a.dtype.scalarTypeName)")
    }

    static func checkMatrix(_ a: Tensor, _ op: String, kernel: String? = nil) {
        torchCheck(a.ndim >= 2, "\(op): The input tensor A must have at least 2 dimensions.")
        checkFloating(a, op, kernel: kernel)
    }

    static func checkSquare(_ a: Tensor, _ op: String, kernel: String? = nil) {
        checkMatrix(a, op, kernel: kernel)
        torchCheck(
            a.sizes[a.ndim - 1] == a.sizes[a.ndim - 2],
            "\(op): A must be batches of square matrices, but they are \(a.sizes[a.ndim - 2]) by \(a.sizes[a.ndim - 1]) matrices"
        )
    }

    /// A fresh column-major copy of every matrix of `a` (expanded to `batch`): shape batch + [cols, rows],
    /// contiguous, so matrix `i` starts at `i * rows * cols` with leading dimension `rows`.
    static func columnMajor(_ a: Tensor, batch: [Int]) -> Tensor {
        let rows = a.sizes[a.ndim - 2], cols = a.sizes[a.ndim - 1]
        return a.laExpanded(batch + [rows, cols]).laMT().clone()
    }

    /// torch names the failing matrix of a batch: "(Batch element 3): ".
    static func batchPrefix(_ a: Tensor, _ index: Int) -> String {
        a.ndim > 2 ? "(Batch element \(index)): " : ""
    }
}

extension Linalg {
    /// `torch.linalg.matmul`: an alias of `torch.matmul`.
    public static func matmul(_ a: Tensor, _ b: Tensor) -> Tensor { a.matmul(b) }
}
