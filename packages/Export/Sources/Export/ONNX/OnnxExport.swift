import Foundation
import Layers
import TensorCore

/// The opsets `export` writes: the ops' semantics in the lowering table are opset 17's (LayerNormalization
/// appeared in 17; ReduceMean and Split change their inputs in 18).
/// The `opset_version`s `export` writes (PyTorch: `torch.onnx.export(..., opset_version=17)`).
public let onnxExportOpsets: ClosedRange<Int> = 17...17

/// `torch.onnx.export(model, example, path, opset_version=17, input_names=, output_names=, dynamic_axes=)`:
/// traces `model` in eval mode (its mode is restored after) and writes the graph as an ONNX model, the
/// parameters and buffers as initializers named by their state-dict keys, each dynamic axis as a named
/// symbolic dimension. Tracer warnings are printed to stderr as torch prints TracerWarnings.
public func export(
    _ model: Module, _ exampleInput: Tensor, to url: URL, opsetVersion: Int = 17, inputNames: [String] = ["input"],
    outputNames: [String] = ["output"], dynamicAxes: [String: [Int: String]] = [:]
) throws(OnnxError) {
    let bytes = try exportBytes(
        model, exampleInput, opsetVersion: opsetVersion, inputNames: inputNames, outputNames: outputNames,
        dynamicAxes: dynamicAxes)
    try writeAtomically(bytes, to: url)
}

/// Written beside the target and renamed, so a reader never sees half a file.
func writeAtomically(_ bytes: [UInt8], to url: URL) throws(OnnxError) {
    do {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(
            ".\(url.lastPathComponent).\(getpid()).tmp")
        try Data(bytes).write(to: temporary)
        guard rename(temporary.path, url.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
    } catch {
        throw .io("cannot write \(url.path): \(error.localizedDescription)")
    }
}

/// The serialized ONNX model `export` writes. `evalMode`: torch.onnx.export's default
/// `training=TrainingMode.EVAL` (the module's own mode is restored after); false traces the mode it is in.
public func exportBytes(
    _ model: Module, _ exampleInput: Tensor, opsetVersion: Int = 17, inputNames: [String] = ["input"],
    outputNames: [String] = ["output"], dynamicAxes: [String: [Int: String]] = [:], evalMode: Bool = true
) throws(OnnxError) -> [UInt8] {
    guard onnxExportOpsets.contains(opsetVersion) else {
        throw .unsupportedOpset(
            domain: "", version: Int64(opsetVersion),
            supported: Int64(onnxExportOpsets.lowerBound)...Int64(onnxExportOpsets.upperBound))
    }
    let wasTraining = model.training
    if evalMode { _ = model.eval() }
    defer { _ = model.train(wasTraining) }
    // A dynamic batch: traces at batch sizes 2 and 3 (the example's first sample repeated: size-1 dims
    // make views ambiguous) show which dims follow the batch size.
    var graph: TracedGraph, partner: TracedGraph?
    if inputNames.contains(where: { dynamicAxes[$0]?[0] != nil }), exampleInput.ndim > 0, exampleInput.size(0) > 0 {
        let first = exampleInput.narrow(dim: 0, start: 0, length: 1)
        graph = trace(model, Tensor.cat([first, first], dim: 0))
        partner = trace(model, Tensor.cat([first, first, first], dim: 0))
        guard partner!.opNames == graph.opNames else {
            throw .unsupportedOp(
                op: "trace", module: "",
                reason: "the model runs different ops at another batch size, so its batch axis cannot be dynamic")
        }
    } else {
        graph = trace(model, exampleInput)
    }
    for w in graph.warnings { FileHandle.standardError.write(Data((w + "\n").utf8)) }
    return try onnxModel(
        graph, partner: partner, opsetVersion: opsetVersion, inputNames: inputNames, outputNames: outputNames,
        dynamicAxes: dynamicAxes
    ).serialized()
}

/// The ONNX model of a traced graph.
package func onnxModel(
    _ graph: TracedGraph, partner: TracedGraph? = nil, opsetVersion: Int, inputNames: [String], outputNames: [String],
    dynamicAxes: [String: [Int: String]]
) throws(OnnxError) -> OnnxModel {
    var builder = OnnxBuilder(graph: graph, inputNames: inputNames, outputNames: outputNames)
    for (i, node) in graph.nodes.enumerated() { try builder.lower(node, partner: partner?.nodes[i]) }
    func info(_ id: Int, _ name: String) throws(OnnxError) -> OnnxValueInfo {
        let v = graph.values[id]
        guard let type = OnnxDataType(v.dtype) else {
            throw .unsupportedOp(op: "input", module: "", reason: "dtype \(v.dtype) has no ONNX type")
        }
        let axes = dynamicAxes[name] ?? [:]
        return OnnxValueInfo(
            name: name, elementType: type,
            shape: v.shape.enumerated().map { i, d in axes[i].map(OnnxDim.param) ?? .value(d) })
    }
    var inputs: [OnnxValueInfo] = [], outputs: [OnnxValueInfo] = []
    for (id, name) in zip(graph.inputs, inputNames) { inputs.append(try info(id, name)) }
    for (id, name) in zip(graph.outputs, outputNames) {
        // An output no node wrote (the model returned a parameter or its input) is copied to its name.
        let produced = builder.nodes.contains { $0.outputs.contains(name) }
        if !produced { builder.emit("Identity", [builder.name(id)], outputs: [name], module: "") }
        outputs.append(try info(id, name))
    }
    let nodes = liveNodes(builder.nodes, outputs: outputs.map(\.name))
    let read = Set(nodes.flatMap(\.inputs))
    let onnxGraph = OnnxGraph(
        name: "main_graph", nodes: nodes, initializers: builder.initializers.filter { read.contains($0.name) },
        inputs: inputs, outputs: outputs)
    return OnnxModel(
        irVersion: 8, opsets: [(domain: "", version: Int64(opsetVersion))], producerName: "swift-torch",
        producerVersion: "0.1",
        graph: onnxGraph)
}
