import CMPIShim
import TensorCore

/// How a dtype travels through MPI. float16/bfloat16 have no MPI type: they move as 16-bit words and
/// are reduced in float32 (torch's opmath), rounding once, so a sum over ranks equals the one-process
/// `stack(...).sum(0)`. bool moves as bytes.
enum WireType {
    /// The MPI element code for moving `dtype`'s bytes unchanged.
    static func moving(_ dtype: DType) -> Int32 {
        switch dtype {
        case .bool, .uint8: Int32(DMPI_UINT8)
        case .int8: Int32(DMPI_INT8)
        case .int16: Int32(DMPI_INT16)
        case .float16, .bfloat16: Int32(DMPI_UINT16)
        case .int32: Int32(DMPI_INT32)
        case .int64: Int32(DMPI_INT64)
        case .float32: Int32(DMPI_FLOAT)
        case .float64: Int32(DMPI_DOUBLE)
        }
    }

    /// The dtype a reduction runs in (reduced precision widens to float32).
    static func reducing(_ dtype: DType) -> DType {
        dtype == .float16 || dtype == .bfloat16 ? .float32 : dtype
    }
}
