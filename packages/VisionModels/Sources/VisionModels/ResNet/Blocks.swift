import Layers
import TensorCore

/// torchvision's `conv3x3`: padding 1, no bias (a BatchNorm follows).
func conv3x3(_ inPlanes: Int, _ outPlanes: Int, stride: Int = 1) -> Conv2d {
    Conv2d(inPlanes, outPlanes, kernelSize: 3, stride: IntOrTuple([stride]), padding: 1, bias: false)
}

/// torchvision's `conv1x1`, no bias.
func conv1x1(_ inPlanes: Int, _ outPlanes: Int, stride: Int = 1) -> Conv2d {
    Conv2d(inPlanes, outPlanes, kernelSize: 1, stride: IntOrTuple([stride]), bias: false)
}

/// A residual block of a ResNet; `expansion` is its output channels per `planes`.
/// No PyTorch counterpart: torchvision passes `BasicBlock` or `Bottleneck` as a class and reads `block.expansion`; this is that contract.
public protocol ResNetBlock: Module {
    static var expansion: Int { get }
    init(_ inPlanes: Int, _ planes: Int, stride: Int, downsample: Sequential?)
}

/// `torchvision.models.resnet.BasicBlock` (resnet18/34): two 3×3 convolutions.
public final class BasicBlock: Module, ResNetBlock {
    /// Output channels per `planes` (PyTorch: `torchvision.models.resnet.BasicBlock.expansion`).
    public static let expansion = 1
    // Declaration order is torchvision's registration order: it fixes the state-dict keys and the repr.
    /// The first 3×3 convolution, carrying the stride (PyTorch: `torchvision.models.resnet.BasicBlock.conv1`).
    @Child public var conv1: Conv2d
    /// PyTorch: `torchvision.models.resnet.BasicBlock.bn1`.
    @Child public var bn1: BatchNorm2d
    /// The ReLU applied after each norm and after the sum (PyTorch: `torchvision.models.resnet.BasicBlock.relu`).
    @Child public var relu = ReLU(inplace: true)
    /// The second 3×3 convolution (PyTorch: `torchvision.models.resnet.BasicBlock.conv2`).
    @Child public var conv2: Conv2d
    /// PyTorch: `torchvision.models.resnet.BasicBlock.bn2`.
    @Child public var bn2: BatchNorm2d
    /// The 1×1 projection of the shortcut when the shape changes, else nil (PyTorch: `torchvision.models.resnet.BasicBlock.downsample`).
    @Child public var downsample: Sequential?
    /// PyTorch: `torchvision.models.resnet.BasicBlock.stride`.
    public let stride: Int

    /// PyTorch: `torchvision.models.resnet.BasicBlock(inplanes, planes, stride=1, downsample=None)`.
    public init(_ inPlanes: Int, _ planes: Int, stride: Int = 1, downsample: Sequential? = nil) {
        // Built in torchvision's order, so the default inits draw from the generator as its do.
        conv1 = conv3x3(inPlanes, planes, stride: stride)
        bn1 = BatchNorm2d(planes)
        conv2 = conv3x3(planes, planes)
        bn2 = BatchNorm2d(planes)
        self.downsample = downsample
        self.stride = stride
        super.init()
    }

    /// For `deepCopy()`: an instance built without drawing; the copy then replaces its children and tensors.
    /// No PyTorch counterpart (Python's `copy.deepcopy` needs no blank instance): the instance `deepCopy()` fills.
    public override func makeCopy() -> Module { Init.withoutInitialization { BasicBlock(1, 1, stride: stride) } }

    /// `relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut)` (PyTorch: `torchvision.models.resnet.BasicBlock.forward`).
    public override func forward(_ x: Tensor) -> Tensor {
        var out = relu(bn1(conv1(x)))
        out = bn2(conv2(out))
        return relu(out + (downsample.map { $0(x) } ?? x))
    }
}

/// `torchvision.models.resnet.Bottleneck` (resnet50/101/152): 1×1 reduce, 3×3 (carrying the stride, as
/// torchvision's "ResNet V1.5"), 1×1 expand by 4.
public final class Bottleneck: Module, ResNetBlock {
    /// Output channels per `planes` (PyTorch: `torchvision.models.resnet.Bottleneck.expansion`).
    public static let expansion = 4
    /// The 1×1 reduction (PyTorch: `torchvision.models.resnet.Bottleneck.conv1`).
    @Child public var conv1: Conv2d
    /// PyTorch: `torchvision.models.resnet.Bottleneck.bn1`.
    @Child public var bn1: BatchNorm2d
    /// The 3×3 convolution, carrying the stride (PyTorch: `torchvision.models.resnet.Bottleneck.conv2`).
    @Child public var conv2: Conv2d
    /// PyTorch: `torchvision.models.resnet.Bottleneck.bn2`.
    @Child public var bn2: BatchNorm2d
    /// The 1×1 expansion to `planes * 4` channels (PyTorch: `torchvision.models.resnet.Bottleneck.conv3`).
    @Child public var conv3: Conv2d
    /// PyTorch: `torchvision.models.resnet.Bottleneck.bn3`.
    @Child public var bn3: BatchNorm2d
    /// PyTorch: `torchvision.models.resnet.Bottleneck.relu`.
    @Child public var relu = ReLU(inplace: true)
    /// The 1×1 projection of the shortcut when the shape changes, else nil (PyTorch: `torchvision.models.resnet.Bottleneck.downsample`).
    @Child public var downsample: Sequential?
    /// PyTorch: `torchvision.models.resnet.Bottleneck.stride`.
    public let stride: Int

    /// PyTorch: `torchvision.models.resnet.Bottleneck(inplanes, planes, stride=1, downsample=None)`.
    public init(_ inPlanes: Int, _ planes: Int, stride: Int = 1, downsample: Sequential? = nil) {
        conv1 = conv1x1(inPlanes, planes)
        bn1 = BatchNorm2d(planes)
        conv2 = conv3x3(planes, planes, stride: stride)
        bn2 = BatchNorm2d(planes)
        conv3 = conv1x1(planes, planes * Self.expansion)
        bn3 = BatchNorm2d(planes * Self.expansion)
        self.downsample = downsample
        self.stride = stride
        super.init()
    }

    /// For `deepCopy()`: an instance built without drawing; the copy then replaces its children and tensors.
    /// No PyTorch counterpart (Python's `copy.deepcopy` needs no blank instance): the instance `deepCopy()` fills.
    public override func makeCopy() -> Module { Init.withoutInitialization { Bottleneck(1, 1, stride: stride) } }

    /// PyTorch: `torchvision.models.resnet.Bottleneck.forward`.
    public override func forward(_ x: Tensor) -> Tensor {
        var out = relu(bn1(conv1(x)))
        out = relu(bn2(conv2(out)))
        out = bn3(conv3(out))
        return relu(out + (downsample.map { $0(x) } ?? x))
    }
}
