import Foundation
import TensorCore
import Autodiff
import Layers

/// `torch.compile(model)`: the first call traces the model (batch axis dynamic) and optimizes the graph
/// for inference (CompiledGraph); later calls run the compiled graph. A model the tracer cannot lower runs
/// eagerly instead, as torch falls back on a graph break; `fallbackReason` says why. Inference only: the
/// compiled graph records no gradients.
public func compile(_ model: Module) -> CompiledModule { CompiledModule(model) }

public final class CompiledModule: Module {
    @Child var model: Module
    private var compiled: CompiledGraph?
    /// Why the model runs eagerly (nil while compiled, or before the first call).
    public private(set) var fallbackReason: String?

    init(_ model: Module) {
        self.model = model
        super.init()
    }

    public override func forward(_ input: Tensor) -> Tensor {
        if compiled == nil && fallbackReason == nil {
            do {
                let bytes = try exportBytes(
                    model, input, dynamicAxes: ["input": [0: "batch_size"], "output": [0: "batch_size"]], evalMode: false)
                compiled = try CompiledGraph(OnnxModel(parsing: bytes).graph)
            } catch {
                fallbackReason = error.description
            }
        }
        guard let compiled else { return model(input) }
        return noGrad { compiled.run(input) }
    }

    public override func makeCopy() -> Module { CompiledModule(model.deepCopy()) }
}
