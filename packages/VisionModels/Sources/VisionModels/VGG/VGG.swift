import Layers
import TensorCore

/// `torchvision.models.VGG`: `features` (convolutions and max pools from a configuration), a 7×7
/// adaptive average pool and a three-layer `classifier`, with torchvision's keys, repr and initialization
/// (kaiming_normal_(fan_out, relu) and zero bias for convolutions, 1/0 for BatchNorm, N(0, 0.01) and zero
/// bias for the linear layers, over `modules()` after each layer's default init).
public final class VGG: Module {
    /// The convolutions, ReLUs (and BatchNorms) and max pools of the configuration (PyTorch: `torchvision.models.VGG.features`).
    @Child public var features: Sequential
    /// Pooling to `(N, 512, 7, 7)` whatever the input size (PyTorch: `torchvision.models.VGG.avgpool`).
    @Child public var avgpool = AdaptiveAvgPool2d([7, 7])
    /// Replace its last layer (`classifier[6] = Linear(4096, 5)`) to fine-tune for other classes.
    /// PyTorch: `torchvision.models.VGG.classifier`.
    @Child public var classifier: Sequential

    /// `VGG(features, num_classes=1000, init_weights=True, dropout=0.5)`.
    /// PyTorch: `torchvision.models.VGG.__init__`.
    public init(features: Sequential, numClasses: Int = 1000, initWeights: Bool = true, dropout: Double = 0.5) {
        self.features = features
        classifier = Sequential(
            Linear(512 * 7 * 7, 4096), ReLU(inplace: true), Dropout(dropout),
            Linear(4096, 4096), ReLU(inplace: true), Dropout(dropout),
            Linear(4096, numClasses))
        super.init()
        guard initWeights else { return }
        for m in modules() {
            if let conv = m as? Conv2d {
                Init.kaimingNormal_(conv.weight, mode: "fan_out", nonlinearity: "relu")
                if let bias = conv.bias { Init.constant_(bias, 0) }
            } else if let bn = m as? BatchNorm2d {
                Init.constant_(bn.weight!, 1)
                Init.constant_(bn.bias!, 0)
            } else if let linear = m as? Linear {
                Init.normal_(linear.weight, mean: 0, std: 0.01)
                if let bias = linear.bias { Init.constant_(bias, 0) }
            }
        }
    }

    /// For `deepCopy()`: an instance built without drawing; the copy then replaces its children and tensors.
    /// No PyTorch counterpart (Python's `copy.deepcopy` needs no blank instance): the instance `deepCopy()` fills.
    public override func makeCopy() -> Module {
        Init.withoutInitialization { VGG(features: Sequential([]), numClasses: 1, initWeights: false) }
    }

    /// `(N, 3, H, W)` images to `(N, numClasses)` logits (PyTorch: `torchvision.models.VGG.forward`).
    public override func forward(_ x: Tensor) -> Tensor {
        classifier(avgpool(features(x)).flatten(startDim: 1))
    }

    /// torchvision's `cfgs`: channel counts, `nil` for a 2×2 max pool ("M").
    public enum Configuration: String, Sendable {
        /// VGG 11, 13, 16 and 19's layer lists.
        case a = "A", b = "B", d = "D", e = "E"

        /// The configuration's layer list (PyTorch: `torchvision.models.vgg.cfgs[...]`).
        public var layers: [Int?] {
            switch self {
            case .a: [64, nil, 128, nil, 256, 256, nil, 512, 512, nil, 512, 512, nil]
            case .b: [64, 64, nil, 128, 128, nil, 256, 256, nil, 512, 512, nil, 512, 512, nil]
            case .d: [64, 64, nil, 128, 128, nil, 256, 256, 256, nil, 512, 512, 512, nil, 512, 512, 512, nil]
            case .e:
                [64, 64, nil, 128, 128, nil, 256, 256, 256, 256, nil, 512, 512, 512, 512, nil, 512, 512, 512, 512, nil]
            }
        }
    }

    /// torchvision's `make_layers(cfg, batch_norm)`.
    public static func makeLayers(_ configuration: Configuration, batchNorm: Bool) -> Sequential {
        var layers: [Module] = []
        var inChannels = 3
        for entry in configuration.layers {
            guard let channels = entry else {
                layers.append(MaxPool2d(kernelSize: 2, stride: 2))
                continue
            }
            layers.append(Conv2d(inChannels, channels, kernelSize: 3, padding: 1))
            if batchNorm { layers.append(BatchNorm2d(channels)) }
            layers.append(ReLU(inplace: true))
            inChannels = channels
        }
        return Sequential(layers)
    }
}
