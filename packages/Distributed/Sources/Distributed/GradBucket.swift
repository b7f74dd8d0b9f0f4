import TensorCore

/// One bucket of DDP's reducer: its parameters' gradients laid end to end in one flat tensor, all-reduced
/// as one message once every gradient in it is ready.
final class GradBucket {
    let parameterIndices: [Int]
    /// Element offset of each parameter's gradient in `flat`, parallel to `parameterIndices`.
    let offsets: [Int]
    let flat: Tensor
    var pending = 0
    var work: Work?

    init(parameterIndices: [Int], parameters: [Tensor]) {
        self.parameterIndices = parameterIndices
        var offsets: [Int] = []
        var total = 0
        for i in parameterIndices {
            offsets.append(total)
            total += parameters[i].numel
        }
        self.offsets = offsets
        flat = Tensor.zeros([total], dtype: parameters[parameterIndices[0]].dtype)
        pending = parameterIndices.count
    }

    /// The slice of `flat` that holds parameter `position` (an index into `parameterIndices`).
    func slot(_ position: Int, _ parameters: [Tensor]) -> Tensor {
        flat.narrow(dim: 0, start: offsets[position], length: parameters[parameterIndices[position]].numel)
    }
}
