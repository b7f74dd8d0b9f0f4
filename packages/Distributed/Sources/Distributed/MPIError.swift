import CMPIShim
import TensorCore

/// Stops with MPI's own text for a failed call (errors return as codes: MPI_ERRORS_RETURN).
func checkMPI(_ code: Int32, _ call: String) {
    guard code != 0 else { return }
    var buffer = [CChar](repeating: 0, count: 512)
    dmpi_error_string(code, &buffer, Int32(buffer.count))
    let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    torchFail("\(call) failed: \(text) (MPI error \(code))")
}
