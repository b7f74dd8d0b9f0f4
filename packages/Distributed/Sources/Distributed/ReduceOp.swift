import CMPIShim

/// `torch.distributed.ReduceOp`. `avg` is a sum divided by the world size (floating point only, as in
/// NCCL, the one torch backend that has it).
public enum ReduceOp: Sendable, CustomStringConvertible {
    /// torch's `SUM`, `AVG`, `PRODUCT`, `MIN`, `MAX`.
    case sum, avg, product, min, max

    var mpiCode: Int32 {
        switch self {
        case .sum, .avg: Int32(DMPI_SUM)
        case .product: Int32(DMPI_PROD)
        case .min: Int32(DMPI_MIN)
        case .max: Int32(DMPI_MAX)
        }
    }

    /// torch's repr, e.g. "ReduceOp.SUM" (PyTorch: `ReduceOp.__repr__`).
    public var description: String {
        switch self {
        case .sum: "ReduceOp.SUM"
        case .avg: "ReduceOp.AVG"
        case .product: "ReduceOp.PRODUCT"
        case .min: "ReduceOp.MIN"
        case .max: "ReduceOp.MAX"
        }
    }
}
