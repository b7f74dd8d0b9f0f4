import Layers
import TensorCore

/// An ONNX graph prepared once for inference: BatchNormalization folded into the Conv or Gemm before it,
/// Gemm weights stored pre-transposed (so the GEMM reads them contiguously), constant Reshape shapes read
/// once, a Relu after a Gemm, Conv or Add fused into it (applied in place on the fresh result), and each
/// intermediate released after its last reader (planned once, so peak memory is what the graph needs), and
/// LSTM/GRU nodes run on TensorCore's fused recurrent layer with their weights reordered once.
final class CompiledGraph {
    private var nodes: [OnnxNode]
    private var constants: [String: Tensor]
    private let input: String, output: String
    /// Node index → the values whose last reader it is.
    private var releases: [[String]] = []
    private var fusedRelu = Set<Int>()
    /// LSTM/GRU nodes on TensorCore's fused layer, their weights put in torch's gate order once.
    private var recurrent: [Int: FusedRecurrent] = [:]

    init(_ graph: OnnxGraph) throws(OnnxError) {
        nodes = liveNodes(graph.nodes, outputs: graph.outputs.map(\.name))
        constants = [:]
        for t in graph.initializers {
            constants[t.name] = t.rawData.withUnsafeBytes { Tensor(bytes: $0, shape: t.dims, dtype: t.dataType.dtype) }
        }
        guard let input = graph.inputs.first?.name, let output = graph.outputs.first?.name else {
            throw .invalidFile("no input or output")
        }
        self.input = input
        self.output = output
        foldBatchNorm()
        mergeReshapes()
        pretransposeGemm()
        fuseRelu()
        planReleases()
        for (i, node) in nodes.enumerated() where node.opType == "LSTM" || node.opType == "GRU" {
            guard let w = constants[node.inputs[1]], let r = constants[node.inputs[2]] else { continue }
            let b = node.inputs.count > 3 && !node.inputs[3].isEmpty ? constants[node.inputs[3]] : nil
            recurrent[i] = FusedRecurrent(node, w: w, r: r, b: b)
        }
    }

    /// The node types in order, after the passes (fused Relus not listed).
    var opTypes: [String] { nodes.map(\.opType) }

    var nodesDescription: String { nodes.map { "\($0.opType)(\($0.inputs)) -> \($0.outputs)" }.joined(separator: "; ") }

    func run(_ x: Tensor) -> Tensor {
        var values: [String: Tensor] = [input: x]
        for (i, node) in nodes.enumerated() {
            let args = node.inputs.map { $0.isEmpty ? nil : (values[$0] ?? constants[$0]) }
            var results: [Tensor]
            if let fused = recurrent[i], let x = args[0] {
                results = fused(x, h0: args.count > 5 ? args[5] : nil, c0: args.count > 6 ? args[6] : nil)
            } else if node.opType == "Gemm", node.attributes.isEmpty, let a = args[0], let b = args[1] {
                // Pre-transposed, alpha = beta = 1: one addmm.
                results = [args.count > 2 && args[2] != nil ? Tensor.addmm(args[2]!, a, b) : a.matmul(b)]
            } else {
                do { results = try OnnxOps.run(node, args) } catch { torchFail(error.description) }
            }
            if fusedRelu.contains(i) { results[0].relu_() }
            for (name, t) in zip(node.outputs, results) where !name.isEmpty { values[name] = t }
            for name in releases[i] { values[name] = nil }
        }
        return values[output]!
    }

    /// How many nodes read `name`.
    private func readers(_ name: String) -> Int {
        nodes.reduce(0) { $0 + $1.inputs.filter { $0 == name }.count } + (name == output ? 1 : 0)
    }

    /// Conv/Gemm → BatchNormalization (inference, constant statistics, the Conv/Gemm output read only by it):
    /// scale the weight rows by γ/√(σ²+ε) and set the bias to β + (b − μ)·γ/√(σ²+ε).
    private func foldBatchNorm() {
        var i = 0
        while i < nodes.count {
            let bn = nodes[i]
            defer { i += 1 }
            guard bn.opType == "BatchNormalization", bn.inputs.count == 5,
                let producer = nodes.firstIndex(where: { $0.outputs.first == bn.inputs[0] }),
                ["Conv", "Gemm"].contains(nodes[producer].opType), readers(bn.inputs[0]) == 1,
                let gamma = constants[bn.inputs[1]], let beta = constants[bn.inputs[2]],
                let mean = constants[bn.inputs[3]],
                let variance = constants[bn.inputs[4]], let weight = constants[nodes[producer].inputs[1]]
            else { continue }
            var eps = 1e-5
            if case .float(let e)? = bn.attribute("epsilon") { eps = Double(e) }
            var p = nodes[producer]
            if p.opType == "Gemm" {
                // Only y = x·Wᵀ + b with alpha = beta = 1 folds simply.
                let transB = p.attributes.contains {
                    $0.name == "transB" && { if case .int(1) = $0.value { true } else { false } }($0)
                }
                let plain = p.attributes.allSatisfy { a in
                    switch (a.name, a.value) {
                    case ("alpha", .float(1)), ("beta", .float(1)), ("transB", .int(1)): true
                    default: false
                    }
                }
                guard transB, plain else { continue }
            }
            let scale = gamma / (variance + eps).sqrt()
            let rows = [weight.size(0)] + [Int](repeating: 1, count: weight.ndim - 1)
            let bias = p.inputs.count > 2 && !p.inputs[2].isEmpty ? constants[p.inputs[2]] : nil
            if p.inputs.count > 2 && !p.inputs[2].isEmpty && bias == nil { continue }
            let foldedWeight = (weight * scale.reshape(rows)).contiguous()
            let foldedBias = beta + ((bias ?? Tensor.zerosLike(mean)) - mean) * scale
            let w = "\(p.name)/folded_weight", b = "\(p.name)/folded_bias"
            constants[w] = foldedWeight
            constants[b] = foldedBias
            p.inputs = [p.inputs[0], w, b]
            p.outputs = bn.outputs
            nodes[producer] = p
            nodes.remove(at: i)
            i -= 1
        }
    }

    /// Reshape(Reshape(x, s1), s2) → Reshape(x, s2) when s2 holds no 0 (which would copy a dim of the
    /// first result) and nothing else reads the first result.
    private func mergeReshapes() {
        var i = 1
        while i < nodes.count {
            let second = nodes[i], first = nodes[i - 1]
            if second.opType == "Reshape", first.opType == "Reshape", first.outputs.first == second.inputs.first,
                readers(second.inputs[0]) == 1, let shape = constants[second.inputs[1]],
                !shape.toArray(Int64.self).contains(0)
            {
                nodes[i].inputs[0] = first.inputs[0]
                nodes.remove(at: i - 1)
                continue
            }
            i += 1
        }
    }

    /// Gemm(x, W, b, transB=1) → addmm(b, x, Wᵀ) with Wᵀ stored contiguous once.
    private func pretransposeGemm() {
        for i in nodes.indices where nodes[i].opType == "Gemm" {
            let node = nodes[i]
            let transB = node.attributes.contains { a in
                if a.name == "transB", case .int(1) = a.value { return true }
                return false
            }
            let unit = node.attributes.allSatisfy { a in
                switch (a.name, a.value) {
                case ("alpha", .float(1)), ("beta", .float(1)), ("transB", _), ("transA", .int(0)): true
                default: false
                }
            }
            guard unit, let w = constants[node.inputs[1]], w.ndim == 2 else { continue }
            let name = "\(node.name)/weight_t"
            constants[name] = transB ? w.t().contiguous() : w
            nodes[i].inputs[1] = name
            nodes[i].attributes = []
        }
    }

    /// A Relu whose input comes from the node just before it, read by nobody else, runs in place there.
    private func fuseRelu() {
        var i = 1
        while i < nodes.count {
            let relu = nodes[i]
            if relu.opType == "Relu", nodes[i - 1].outputs.first == relu.inputs[0],
                ["Gemm", "Conv", "Add", "MatMul"].contains(nodes[i - 1].opType),
                readers(relu.inputs[0]) == 1
            {
                nodes[i - 1].outputs[0] = relu.outputs[0]
                fusedRelu.insert(i - 1)
                nodes.remove(at: i)
                fusedRelu = Set(fusedRelu.map { $0 > i ? $0 - 1 : $0 })
                continue
            }
            i += 1
        }
    }

    private func planReleases() {
        var last: [String: Int] = [:]
        for (i, node) in nodes.enumerated() {
            for name in node.inputs where !name.isEmpty && constants[name] == nil { last[name] = i }
        }
        releases = Array(repeating: [], count: nodes.count)
        for (name, i) in last where name != output && name != input { releases[i].append(name) }
    }
}
