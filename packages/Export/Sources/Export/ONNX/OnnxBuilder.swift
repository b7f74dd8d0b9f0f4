import TensorCore

/// Accumulates the ONNX graph while the traced nodes are lowered: names values, writes the initializers a
/// node reads (parameters by their state-dict key, folded constants by a fresh name), and numbers nodes
/// after their module path as torch does ("/fc/Gemm").
struct OnnxBuilder {
    let graph: TracedGraph
    var nodes: [OnnxNode] = []
    var initializers: [OnnxTensor] = []
    private var names: [Int: String] = [:]
    private var used = Set<String>()
    private var counter = 0

    init(graph: TracedGraph, inputNames: [String], outputNames: [String]) {
        self.graph = graph
        for (id, name) in zip(graph.inputs, inputNames) {
            names[id] = name
            used.insert(name)
        }
        for (id, name) in zip(graph.outputs, outputNames) where names[id] == nil {
            names[id] = name
            used.insert(name)
        }
    }

    /// The ONNX name of a traced value; a static one is written as an initializer the first time.
    mutating func name(_ id: Int) -> String {
        if let n = names[id] { return n }
        if let t = graph.staticTensors[id] {
            let n = unique(graph.initializer(id)?.name ?? "onnx::Constant_\(id)")
            names[id] = n
            initializers.append(OnnxTensor(name: n, tensor: t))
            return n
        }
        let n = unique("v\(id)")
        names[id] = n
        return n
    }

    /// A new initializer holding `t`.
    mutating func constant(_ t: Tensor, _ hint: String) -> String {
        let n = unique("onnx::\(hint)")
        initializers.append(OnnxTensor(name: n, tensor: t))
        return n
    }

    mutating func int64s(_ values: [Int], _ hint: String) -> String {
        constant(Tensor(copying: values.map(Int64.init), shape: [values.count]), hint)
    }

    /// Emits a node; `outputs` nil gives one fresh output. Returns the output names.
    @discardableResult
    mutating func emit(
        _ opType: String, _ inputs: [String], outputs: [String]? = nil, _ attributes: [OnnxAttribute] = [],
        module: String
    ) -> [String] {
        counter += 1
        let scope =
            module.isEmpty ? "" : "/" + module.split(separator: " ").first!.replacingOccurrences(of: ".", with: "/")
        let outs = outputs ?? [unique("\(scope)/\(opType)_output_\(counter)")]
        nodes.append(
            OnnxNode(
                inputs: inputs, outputs: outs, name: "\(scope)/\(opType)_\(counter)", opType: opType,
                attributes: attributes))
        return outs
    }

    /// Binds a traced value to an already emitted name (ops that lower to nothing, e.g. a contiguous copy).
    mutating func bind(_ id: Int, to name: String) {
        if let existing = names[id], existing != name {
            // The value is a graph output: copy into it under its declared name.
            nodes.append(OnnxNode(inputs: [name], outputs: [existing], name: "/Identity_\(id)", opType: "Identity"))
        } else {
            names[id] = name
        }
    }

    /// The declared name of an output value, if it has one (so the last node writes it directly).
    func declaredName(_ id: Int) -> String? { graph.outputs.contains(id) ? names[id] : nil }

    /// A fresh value name for an op's extra outputs.
    mutating func emitName(_ opType: String) -> String { unique("/\(opType)_output") }

    private mutating func unique(_ base: String) -> String {
        var n = base, k = 1
        while used.contains(n) {
            n = "\(base).\(k)"
            k += 1
        }
        used.insert(n)
        return n
    }
}

extension OnnxTensor {
    /// The tensor's elements, little-endian and contiguous, as ONNX's raw_data.
    init(name: String, tensor: Tensor) {
        let t = tensor.contiguous()
        let type = OnnxDataType(t.dtype) ?? .float
        let bytes = Array(UnsafeRawBufferPointer(start: t.rawPointer, count: t.numel * t.dtype.itemSize))
        self.init(name: name, dataType: type, dims: t.sizes, rawData: bytes)
    }
}

extension OnnxAttribute {
    static func int(_ name: String, _ v: Int) -> OnnxAttribute { OnnxAttribute(name: name, value: .int(Int64(v))) }
    static func ints(_ name: String, _ v: [Int]) -> OnnxAttribute {
        OnnxAttribute(name: name, value: .ints(v.map(Int64.init)))
    }
    static func float(_ name: String, _ v: Double) -> OnnxAttribute {
        OnnxAttribute(name: name, value: .float(Float(v)))
    }
    static func string(_ name: String, _ v: String) -> OnnxAttribute { OnnxAttribute(name: name, value: .string(v)) }
}
