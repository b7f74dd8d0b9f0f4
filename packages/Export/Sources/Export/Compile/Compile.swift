import Autodiff
import Foundation
import Layers
import TensorCore

/// `torch.compile(model)`: the first call traces the model (batch axis dynamic) and optimizes the graph
/// for inference (CompiledGraph); later calls run the compiled graph. A model the tracer cannot lower runs
/// eagerly instead, as torch falls back on a graph break; `fallbackReason` says why. Inference only: the
/// compiled graph records no gradients.
public func compile(_ model: Module) -> CompiledModule { CompiledModule(model) }

/// What `compile(_:)` returns: the model, run through its compiled graph when it lowers (PyTorch: `torch._dynamo.eval_frame.OptimizedModule`).
public final class CompiledModule: Module {
    @Child var model: Module
    private var compiled: CompiledGraph?
    /// Why the model runs eagerly (nil while compiled, or before the first call).
    /// No PyTorch counterpart: torch logs graph breaks (`TORCH_LOGS=graph_breaks`) instead of keeping the reason.
    public private(set) var fallbackReason: String?

    init(_ model: Module) {
        self.model = model
        super.init()
    }

    /// Compiles on the first call, then runs the compiled graph or, after a fallback, the model (PyTorch: `OptimizedModule.forward`).
    public override func forward(_ input: Tensor) -> Tensor {
        if compiled == nil && fallbackReason == nil {
            do {
                let bytes = try exportBytes(
                    model, input, dynamicAxes: ["input": [0: "batch_size"], "output": [0: "batch_size"]],
                    evalMode: false)
                compiled = try CompiledGraph(OnnxModel(parsing: bytes).graph)
            } catch {
                fallbackReason = error.description
            }
        }
        guard let compiled else { return model(input) }
        return noGrad { compiled.run(input) }
    }

    /// A compiled module over a deep copy of the model, compiled again on first use (PyTorch: `copy.deepcopy` of a compiled module).
    public override func makeCopy() -> Module { CompiledModule(model.deepCopy()) }
}
