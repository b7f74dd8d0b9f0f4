import Layers
import TensorCore

/// `torchvision.models.vision_transformer.MLPBlock`, torchvision's `MLP(in_dim, [mlp_dim, in_dim],
/// activation_layer=nn.GELU, dropout=dropout)`: children `0` Linear, `1` GELU, `2` Dropout, `3` Linear,
/// `4` Dropout (keys `mlp.0.weight`, `mlp.3.bias`). Both linear layers draw their default init when built,
/// then xavier_uniform_ weights and N(0, 1e-6) biases, as torchvision re-draws them.
public final class MLPBlock: Module {
    /// PyTorch: `torchvision.models.vision_transformer.MLPBlock(in_dim, mlp_dim, dropout)`.
    public init(inDim: Int, mlpDim: Int, dropout: Double) {
        // An array literal builds left to right: torchvision's order of default-init draws.
        let layers: [Module] = [
            Linear(inDim, mlpDim), GELU(), Dropout(dropout), Linear(mlpDim, inDim), Dropout(dropout),
        ]
        super.init()
        for (i, layer) in layers.enumerated() { addModule(String(i), layer) }
        for linear in [linear1, linear2] {
            Init.xavierUniform_(linear.weight)
            Init.normal_(linear.bias!, std: 1e-6)
        }
    }

    /// `mlp[0]`, hidden_dim → mlp_dim.
    /// No PyTorch counterpart: a typed handle on `mlp[0]`.
    public var linear1: Linear { child("0") as! Linear }
    /// `mlp[3]`, mlp_dim → hidden_dim.
    /// No PyTorch counterpart: a typed handle on `mlp[3]`.
    public var linear2: Linear { child("3") as! Linear }

    /// For `deepCopy()`: an instance built without drawing; the copy then replaces its children and tensors.
    /// No PyTorch counterpart (Python's `copy.deepcopy` needs no blank instance): the instance `deepCopy()` fills.
    public override func makeCopy() -> Module {
        Init.withoutInitialization { MLPBlock(inDim: 1, mlpDim: 1, dropout: 0) }
    }

    /// Linear, GELU, Dropout, Linear, Dropout in order (PyTorch: `torchvision.ops.MLP.forward`, `nn.Sequential`'s).
    public override func forward(_ input: Tensor) -> Tensor {
        children().reduce(input) { x, layer in layer(x) }
    }
}
