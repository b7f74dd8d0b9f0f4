import Autodiff
import Foundation
import Layers
import TensorCore

/// `torch.jit.trace(model, example)`: runs `model` once on `example` and records its TensorCore ops into a
/// graph. As with torch, Swift control flow is not captured: the graph is what this input did. The model's
/// mode (train/eval) is used as it is.
public func trace(_ model: Module, _ example: Tensor) -> TracedGraph {
    // The recorder hook is process-wide: one trace at a time.
    tracingLock.lock()
    defer { tracingLock.unlock() }
    let input = example.detach().requiresGrad_()  // tracked, so every op downstream is recorded
    guard let autodiff = installedAutogradRecorder else {
        preconditionFailure("Autodiff's recorder is installed by requiresGrad_")
    }
    let recorder = TracingRecorder(inner: autodiff)
    let handles = moduleHooks(model, recorder)
    installedAutogradRecorder = recorder
    let output = enableGrad { model(input) }
    installedAutogradRecorder = autodiff
    for h in handles { h.remove() }
    return buildGraph(model, input: input, output: output, recorder: recorder)
}

private let tracingLock = NSRecursiveLock()

/// Forward hooks on every submodule keep `recorder.modulePath` (for errors that name the module).
private func moduleHooks(_ model: Module, _ recorder: TracingRecorder) -> [RemovableHandle] {
    var handles: [RemovableHandle] = []
    for (name, module) in model.namedModules() where !name.isEmpty {
        let label = "\(name) (\(type(of: module)))"
        handles.append(
            module.registerForwardPreHook { _, _ in
                recorder.modulePath.append(label)
                return nil
            })
        handles.append(
            module.registerForwardHook { _, _, _ in
                recorder.modulePath.removeLast()
                return nil
            })
    }
    return handles
}

private func buildGraph(_ model: Module, input: Tensor, output: Tensor, recorder: TracingRecorder) -> TracedGraph {
    let graph = TracedGraph(parameters: model.namedParameters(), buffers: model.namedBuffers())
    graph.batchSize = input.ndim > 0 ? input.size(0) : nil
    graph.inputs = [graph.addValue(input)]
    for event in recorder.events {
        if event.isWriteBack {
            graph.alias(event.outputs[0], to: graph.value(of: event.inputs[0]!))
        } else {
            graph.addNode(op: event.op, inputs: event.inputs, outputs: event.outputs, module: event.module)
        }
    }
    graph.outputs = [graph.value(of: output)]
    graph.warnings = recorder.warnings + graph.warnings
    return graph
}
