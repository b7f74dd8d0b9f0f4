import Layers
import TensorCore

/// `torchvision.ops.SqueezeExcitation`: channel weights from the globally pooled input (pool, 1×1 conv,
/// `activation`, 1×1 conv, `scaleActivation`), multiplied into the input.
public final class SqueezeExcitation: Module {
    /// Global average pooling to `(N, C, 1, 1)` (PyTorch: `torchvision.ops.SqueezeExcitation.avgpool`).
    @Child public var avgpool = AdaptiveAvgPool2d(1)
    /// The 1×1 squeeze convolution (PyTorch: `torchvision.ops.SqueezeExcitation.fc1`).
    @Child public var fc1: Conv2d
    /// The 1×1 excitation convolution (PyTorch: `torchvision.ops.SqueezeExcitation.fc2`).
    @Child public var fc2: Conv2d
    /// PyTorch: `torchvision.ops.SqueezeExcitation.activation`.
    @Child public var activation: Module
    /// PyTorch: `torchvision.ops.SqueezeExcitation.scale_activation`.
    @Child public var scaleActivation: Module

    /// `SqueezeExcitation(input_channels, squeeze_channels, activation=ReLU, scale_activation=Sigmoid)`.
    /// PyTorch: `torchvision.ops.SqueezeExcitation.__init__`.
    public init(
        _ inputChannels: Int, _ squeezeChannels: Int, activation: () -> Module = { ReLU() },
        scaleActivation: () -> Module = { Sigmoid() }
    ) {
        fc1 = Conv2d(inputChannels, squeezeChannels, kernelSize: 1)
        fc2 = Conv2d(squeezeChannels, inputChannels, kernelSize: 1)
        self.activation = activation()
        self.scaleActivation = scaleActivation()
        super.init()
    }

    /// For `deepCopy()`: an instance built without drawing; the copy then replaces its children and tensors.
    /// No PyTorch counterpart (Python's `copy.deepcopy` needs no blank instance): the instance `deepCopy()` fills.
    public override func makeCopy() -> Module { Init.withoutInitialization { SqueezeExcitation(1, 1) } }

    /// `x` times its per-channel scale (PyTorch: `torchvision.ops.SqueezeExcitation.forward`).
    public override func forward(_ x: Tensor) -> Tensor {
        let scale = scaleActivation(fc2(activation(fc1(avgpool(x)))))
        return scale * x
    }
}
