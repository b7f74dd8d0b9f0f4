import Foundation
import TensorCore

/// Small tensor utilities the derivative formulas share; all built from ordinary (recorded) ops so
/// formulas stay differentiable for create_graph.
extension Tensor {
    /// torch's sum_to: sums leading and size-1 broadcast dims back down to `shape`.
    func sumTo(_ shape: [Int]) -> Tensor {
        if sizes == shape { return self }
        let lead = ndim - shape.count
        var kept: [Int] = []
        for (i, s) in shape.enumerated() where s == 1 && sizes[lead + i] != 1 { kept.append(lead + i) }
        var r = self
        // Size-1 dims keep their place; leading dims vanish (one reduction when they are all there is).
        if !kept.isEmpty { r = r.sum(dims: kept, keepdim: true) }
        if lead > 0 { r = r.sum(dims: Array(0..<lead)) }
        return r.sizes == shape ? r : r.reshape(shape)
    }

    /// A reduced gradient made broadcastable against the input again (reinserts dropped dims).
    func unreduced(_ dims: [Int]?, keepdim: Bool, inputShape: [Int]) -> Tensor {
        let n = inputShape.count
        if keepdim || n == 0 { return self }
        // A 0-dim gradient broadcasts as it is.
        guard let dims, !dims.isEmpty else { return ndim == 0 ? self : reshape([Int](repeating: 1, count: n)) }
        var r = self
        for d in dims.map({ wrapDim($0, n) }).sorted() { r = r.unsqueeze(d) }
        return r
    }

    /// Gradient expanded to the input's shape after a reduction.
    func expandedBack(_ dims: [Int]?, keepdim: Bool, inputShape: [Int]) -> Tensor {
        unreduced(dims, keepdim: keepdim, inputShape: inputShape).expand(inputShape)
    }

    var mTransposed: Tensor { transpose(-2, -1) }
}

/// Number of elements a reduction over `dims` combines.
func reducedCount(_ shape: [Int], _ dims: [Int]?) -> Int {
    guard let dims, !dims.isEmpty else { return shape.reduce(1, *) }
    return Set(dims.map { wrapDim($0, shape.count) }).reduce(1) { $0 * shape[$1] }
}

/// as_strided backward: scatter-add the gradient into a flat buffer spanning both layouts, then read it
/// back through the input's layout. Handles every view (overlapping outputs such as expand included).
func asStridedBackward(_ grad: Tensor, input: Geometry, output: Geometry) -> Tensor {
    func span(_ g: Geometry) -> (Int, Int) {
        var high = g.offset
        for (size, stride) in zip(g.sizes, g.strides) where size > 0 { high += (size - 1) * stride }
        return (g.offset, high)
    }
    let (inLow, inHigh) = span(input)
    let (outLow, outHigh) = span(output)
    let low = min(inLow, outLow)
    let length = max(inHigh, outHigh) - low + 1
    var offsets = [Int64](repeating: 0, count: output.sizes.reduce(1, *))
    if !offsets.isEmpty {
        var index = [Int](repeating: 0, count: output.sizes.count)
        for k in 0..<offsets.count {
            var position = output.offset - low
            for d in 0..<index.count { position += index[d] * output.strides[d] }
            offsets[k] = Int64(position)
            var d = index.count - 1
            while d >= 0 {
                index[d] += 1
                if index[d] < output.sizes[d] { break }
                index[d] = 0
                d -= 1
            }
        }
    }
    let where_ = Tensor(copying: offsets, shape: [offsets.count])
    let buffer = Tensor.zeros([length], dtype: grad.dtype)
        .indexPut([where_], grad.reshape([offsets.count]), accumulate: true)
    return buffer.asStrided(input.sizes, input.strides, offset: input.offset - low)
}

/// Gradient of a function we can re-express with differentiable ops: vjp of `reference` at `inputs`.
/// Used for ops whose kernels are fused (norms through SVD, trace, pinv, lstsq): one formula, correct at
/// every order.
func referenceVJP(_ inputs: [Tensor], _ grad: Tensor, _ reference: ([Tensor]) -> Tensor) -> [Tensor?] {
    let createGraph = isGradEnabled
    let leaves = inputs.map { createGraph && $0.requiresGrad ? $0 : $0.detach().requiresGrad_() }
    let out = enableGrad { reference(leaves) }
    return Autograd.grad(
        outputs: [out], inputs: leaves, gradOutputs: [grad], retainGraph: createGraph, createGraph: createGraph,
        allowUnused: true)
}
