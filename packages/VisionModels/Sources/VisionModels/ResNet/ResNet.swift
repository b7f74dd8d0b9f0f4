import Autodiff
import Layers
import TensorCore

/// `torchvision.models.ResNet`: torchvision's module names, state-dict keys, repr and initialization
/// (each layer's default init as it is built, then kaiming_normal_(fan_out, relu) for every convolution and
/// 1/0 for every BatchNorm, drawn in `modules()` order), so `manualSeed(s); resnet50()` holds the very
/// weights of `torch.manual_seed(s); torchvision.models.resnet50()`.
public final class ResNet: Module {
    /// The 7×7 stride-2 stem convolution, 3 → 64 channels (PyTorch: `torchvision.models.ResNet.conv1`).
    @Child public var conv1: Conv2d
    /// PyTorch: `torchvision.models.ResNet.bn1`.
    @Child public var bn1: BatchNorm2d
    /// PyTorch: `torchvision.models.ResNet.relu`.
    @Child public var relu = ReLU(inplace: true)
    /// The 3×3 stride-2 stem pooling (PyTorch: `torchvision.models.ResNet.maxpool`).
    @Child public var maxpool = MaxPool2d(kernelSize: 3, stride: 2, padding: 1)
    /// The 64-plane stage, stride 1 (PyTorch: `torchvision.models.ResNet.layer1`).
    @Child public var layer1: Sequential
    /// The 128-plane stage, stride 2 (PyTorch: `torchvision.models.ResNet.layer2`).
    @Child public var layer2: Sequential
    /// The 256-plane stage, stride 2 (PyTorch: `torchvision.models.ResNet.layer3`).
    @Child public var layer3: Sequential
    /// The 512-plane stage, stride 2 (PyTorch: `torchvision.models.ResNet.layer4`).
    @Child public var layer4: Sequential
    /// Global average pooling to `(N, C, 1, 1)` (PyTorch: `torchvision.models.ResNet.avgpool`).
    @Child public var avgpool = AdaptiveAvgPool2d([1, 1])
    /// The classifier head; assign a new `Linear` to fine-tune for other classes (the guide's
    /// `model.fc = nn.Linear(model.fc.in_features, 5)`). A head of another type goes in with
    /// `setChild("fc", head)`: `forward` calls whatever module is registered under `fc`.
    /// PyTorch: `torchvision.models.ResNet.fc`.
    @Child public var fc: Linear

    /// `ResNet(block, layers, num_classes=1000, zero_init_residual=False)`.
    /// PyTorch: `torchvision.models.ResNet.__init__`.
    public init<Block: ResNetBlock>(
        block: Block.Type, layers: [Int], numClasses: Int = 1000, zeroInitResidual: Bool = false
    ) {
        precondition(layers.count == 4, "ResNet takes four stage depths")
        conv1 = Conv2d(3, 64, kernelSize: 7, stride: 2, padding: 3, bias: false)
        bn1 = BatchNorm2d(64)
        var inPlanes = 64
        func makeLayer(_ planes: Int, _ blocks: Int, stride: Int) -> Sequential {
            let outPlanes = planes * Block.expansion
            // torchvision builds the shortcut before the block, so its conv draws first.
            let downsample =
                stride != 1 || inPlanes != outPlanes
                ? Sequential(conv1x1(inPlanes, outPlanes, stride: stride), BatchNorm2d(outPlanes)) : nil
            var stage: [Module] = [Block(inPlanes, planes, stride: stride, downsample: downsample)]
            inPlanes = outPlanes
            for _ in 1..<blocks { stage.append(Block(inPlanes, planes, stride: 1, downsample: nil)) }
            return Sequential(stage)
        }
        layer1 = makeLayer(64, layers[0], stride: 1)
        layer2 = makeLayer(128, layers[1], stride: 2)
        layer3 = makeLayer(256, layers[2], stride: 2)
        layer4 = makeLayer(512, layers[3], stride: 2)
        fc = Linear(512 * Block.expansion, numClasses)
        super.init()

        for m in modules() {
            if let conv = m as? Conv2d {
                Init.kaimingNormal_(conv.weight, mode: "fan_out", nonlinearity: "relu")
            } else if let bn = m as? BatchNorm2d {
                Init.constant_(bn.weight!, 1)
                Init.constant_(bn.bias!, 0)
            }
        }
        if zeroInitResidual {
            // Each residual branch starts as zero, so every block starts as the identity.
            for m in modules() {
                if let block = m as? Bottleneck { Init.constant_(block.bn3.weight!, 0) }
                if let block = m as? BasicBlock { Init.constant_(block.bn2.weight!, 0) }
            }
        }
    }

    /// For `deepCopy()`: forward reads only children, which the copy replaces, so the smallest ResNet built
    /// without drawing will do.
    /// No PyTorch counterpart (Python's `copy.deepcopy` needs no blank instance): the instance `deepCopy()` fills.
    public override func makeCopy() -> Module {
        Init.withoutInitialization { ResNet(block: BasicBlock.self, layers: [1, 1, 1, 1], numClasses: 1) }
    }

    /// `(N, 3, H, W)` images to `(N, numClasses)` logits (PyTorch: `torchvision.models.ResNet.forward`).
    public override func forward(_ x: Tensor) -> Tensor {
        var x = maxpool(relu(bn1(conv1(x))))
        x = layer4(layer3(layer2(layer1(x))))
        x = avgpool(x).flatten(startDim: 1)
        return child("fc")!(x)
    }
}
