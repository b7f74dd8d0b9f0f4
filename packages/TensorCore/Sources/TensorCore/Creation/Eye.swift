import Foundation

extension Tensor {
    /// `torch.eye(n, m)`: ones on the main diagonal (default float dtype).
    public static func eye(_ n: Int, _ m: Int? = nil, dtype: DType? = nil) -> Tensor {
        torchCheck(n >= 0, "n must be greater or equal to 0, got \(n)")
        let m = m ?? n
        torchCheck(m >= 0, "m must be greater or equal to 0, got \(m)")
        let result = zeros([n, m], dtype: dtype)
        if n > 0 && m > 0 {
            // The diagonal as a strided view: step m + 1 through the flat storage.
            result.asStrided([Swift.min(n, m)], [m + 1]).fill_(1)
        }
        return result
    }

    /// `torch.scalar_tensor(value)`: a 0-dim tensor, default float dtype unless given.
    public static func scalarTensor(_ value: Scalar, dtype: DType? = nil) -> Tensor {
        full([], value, dtype: dtype ?? .defaultFloatingPoint)
    }

    /// `torch.tril_indices(row, col, offset)`: 2 x N int64 coordinates of the lower triangle, row-major.
    public static func trilIndices(_ row: Int, _ col: Int, offset: Int = 0, dtype: DType = .int64) -> Tensor {
        triangleIndices(row, col, dtype: dtype, "tril_indices") { i, j in j - i <= offset }
    }

    /// `torch.triu_indices(row, col, offset)`: 2 x N int64 coordinates of the upper triangle, row-major.
    public static func triuIndices(_ row: Int, _ col: Int, offset: Int = 0, dtype: DType = .int64) -> Tensor {
        triangleIndices(row, col, dtype: dtype, "triu_indices") { i, j in j - i >= offset }
    }

    private static func triangleIndices(
        _ row: Int, _ col: Int, dtype: DType = .int64, _ name: String, _ keep: (Int, Int) -> Bool
    ) -> Tensor {
        // torch dispatches these two kernels on int32 and int64 only.
        torchCheck(dtype == .int32 || dtype == .int64, "\"\(name)\" not implemented for '\(dtype.scalarTypeName)'")
        torchCheck(row >= 0, "row must be non-negative, got\(row)")
        torchCheck(col >= 0, "col must be non-negative, got\(col)")
        var rows: [Int64] = [], cols: [Int64] = []
        for i in 0..<row {
            for j in 0..<col where keep(i, j) {
                rows.append(Int64(i))
                cols.append(Int64(j))
            }
        }
        return Tensor(copying: rows + cols, shape: [2, rows.count]).to(dtype)
    }
}
