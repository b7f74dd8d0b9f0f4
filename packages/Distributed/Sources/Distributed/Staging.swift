import Autodiff
import TensorCore

/// The contiguous buffer MPI reads and writes for a tensor: the tensor itself when it is contiguous and
/// already of the wire dtype (MPI works in place), else a converted copy that is written back after.
struct Staged: @unchecked Sendable {
    let tensor: Tensor
    let buffer: Tensor

    init(_ tensor: Tensor, reducing: Bool) {
        self.tensor = tensor
        let wire = reducing ? WireType.reducing(tensor.dtype) : tensor.dtype
        buffer =
            tensor.dtype == wire && tensor.isContiguous
            ? tensor : noGrad { tensor.to(wire).contiguous().clone() }
    }

    var pointer: UnsafeMutableRawPointer { buffer.rawPointer }
    var count: Int64 { Int64(buffer.numel) }
    var wireType: Int32 { WireType.moving(buffer.dtype) }

    /// Makes the result visible in the user's tensor.
    func writeBack() {
        if buffer !== tensor { noGrad { _ = tensor.copy_(buffer) } }
        tensor.bumpVersion()
    }
}

/// Tensors laid end to end in one contiguous buffer (allGather's, gather's and scatter's lists).
func packed(_ tensors: [Tensor], as dtype: DType) -> Tensor {
    noGrad { Tensor.cat(tensors.map { $0.reshape([-1]).to(dtype) }).contiguous() }
}

/// Copies the `i`-th of `outputs.count` equal slices of `buffer` into each output.
func unpack(_ buffer: Tensor, into outputs: [Tensor]) {
    guard !outputs.isEmpty else { return }
    let n = buffer.numel / outputs.count
    noGrad {
        for (i, output) in outputs.enumerated() {
            _ = output.copy_(buffer.narrow(dim: 0, start: i * n, length: n).view(output.shape.dims))
            output.bumpVersion()
        }
    }
}
