import TensorCore

/// What Autodiff keeps in `Tensor.autogradMeta`: leaf flag and `.grad`, or the node that made the tensor.
final class AutogradMeta {
    /// Set by the user on leaves (`requiresGrad = true`).
    var requiresGradFlag = false
    var grad: Tensor?
    /// The node that produced this tensor (nil for leaves), and which of its outputs this is.
    var gradFn: Node?
    var outputNr = 0
    /// Leaves share one AccumulateGrad node; held weakly so the graph, not the tensor, keeps it alive.
    weak var accumulator: AccumulateGrad?
    var retainsGrad = false
    /// `registerHook` closures: on a leaf they run before accumulation, on a non-leaf before its node.
    var hooks: [(Tensor) -> Tensor?] = []
    var postAccumulateHooks: [(Tensor) -> Void] = []
    /// For views of tracked tensors: the base whose storage this view reads (never itself a view).
    var viewBase: Tensor?

    var requiresGrad: Bool { requiresGradFlag || gradFn != nil }
}

extension Tensor {
    var meta: AutogradMeta? { autogradMeta as? AutogradMeta }

    var ensureMeta: AutogradMeta {
        if let meta { return meta }
        let meta = AutogradMeta()
        autogradMeta = meta
        return meta
    }

    /// The edge a gradient for this tensor flows along: its node's input slot, or its accumulator.
    var gradientEdge: Edge? {
        guard let meta, meta.requiresGrad else { return nil }
        if let fn = meta.gradFn { return Edge(node: fn, inputNr: meta.outputNr) }
        if let acc = meta.accumulator { return Edge(node: acc, inputNr: 0) }
        let acc = AccumulateGrad(self)
        meta.accumulator = acc
        return Edge(node: acc, inputNr: 0)
    }

    /// A second handle on the same elements with no autograd slot (for saving without cycles).
    var alias: Tensor {
        Tensor(storage: storage, offset: storageOffset, shape: sizes, strides: strideValues, dtype: dtype)
    }
}
