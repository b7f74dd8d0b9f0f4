import Layers
import TensorCore

/// `torchvision.ops.Conv2dNormActivation`: a `Conv2d`, then an optional normalization and an optional
/// activation, registered as `0`, `1`, `2` (torchvision's is an `nn.Sequential` subclass, so its keys are
/// indices and its repr carries this class's name).
public final class Conv2dNormActivation: Module {
    /// The convolution's output channels (PyTorch: `torchvision.ops.Conv2dNormActivation.out_channels`).
    public let outChannels: Int

    /// `Conv2dNormActivation(in, out, kernel_size=3, stride=1, padding=None, groups=1, norm_layer=BatchNorm2d,
    /// activation_layer=ReLU, dilation=1, inplace=True, bias=None)`. `padding` nil keeps the spatial size
    /// at stride 1 (`(kernel_size - 1) // 2 * dilation`); `bias` nil means a bias only without a norm.
    /// The activation closure builds the module itself, inplace flag included.
    /// PyTorch: `torchvision.ops.Conv2dNormActivation.__init__`.
    public init(
        _ inChannels: Int, _ outChannels: Int, kernelSize: Int = 3, stride: Int = 1, padding: Int? = nil,
        groups: Int = 1,
        normLayer: ((Int) -> Module)? = { BatchNorm2d($0) }, activationLayer: (() -> Module)? = { ReLU(inplace: true) },
        dilation: Int = 1, bias: Bool? = nil
    ) {
        self.outChannels = outChannels
        super.init()
        // Built in this order so the convolution's default init draws before anything else, as torchvision's.
        let conv = Conv2d(
            inChannels, outChannels, kernelSize: IntOrTuple([kernelSize]), stride: IntOrTuple([stride]),
            padding: .explicit([padding ?? (kernelSize - 1) / 2 * dilation]), dilation: IntOrTuple([dilation]),
            groups: groups, bias: bias ?? (normLayer == nil))
        var layers: [Module] = [conv]
        if let normLayer { layers.append(normLayer(outChannels)) }
        if let activationLayer { layers.append(activationLayer()) }
        for (i, layer) in layers.enumerated() { addModule(String(i), layer) }
    }

    /// `block[i]`, as indexing torchvision's Sequential.
    public subscript(index: Int) -> Module { children()[index] }

    /// For `deepCopy()`: an instance built without drawing; the copy then replaces its children and tensors.
    /// Only the convolution (`0`): the copy adds the original's norm and activation after it, in order.
    /// No PyTorch counterpart (Python's `copy.deepcopy` needs no blank instance): the instance `deepCopy()` fills.
    public override func makeCopy() -> Module {
        Init.withoutInitialization {
            Conv2dNormActivation(1, outChannels, kernelSize: 1, normLayer: nil, activationLayer: nil)
        }
    }

    /// Runs the convolution, norm and activation in order (PyTorch: `nn.Sequential.forward`, torchvision's base class).
    public override func forward(_ x: Tensor) -> Tensor {
        children().reduce(x) { $1($0) }
    }
}
