import Layers
import TensorCore

/// `torchvision.models.MobileNetV2`: inverted residual blocks with ReLU6 and linear bottlenecks, with
/// torchvision's keys, repr and initialization (each layer's default init as it is built, then
/// kaiming_normal_(fan_out) and zero bias for convolutions, 1/0 for BatchNorm, N(0, 0.01) and zero bias for
/// the classifier, over `modules()`).
public final class MobileNetV2: Module {
    /// The stem, the inverted residual blocks and the 1×1 head convolution (PyTorch: `torchvision.models.MobileNetV2.features`).
    @Child public var features: Sequential
    /// `Dropout`, `Linear(lastChannel, numClasses)`: replace `classifier[1]` to fine-tune for other classes.
    /// PyTorch: `torchvision.models.MobileNetV2.classifier`.
    @Child public var classifier: Sequential
    /// Channels of the head convolution, the classifier's input (PyTorch: `torchvision.models.MobileNetV2.last_channel`).
    public private(set) var lastChannel: Int

    /// torchvision's default `inverted_residual_setting`: expansion t, channels c, repeats n, stride s.
    public static let defaultSetting: [[Int]] = [
        [1, 16, 1, 1], [6, 24, 2, 2], [6, 32, 3, 2], [6, 64, 4, 2], [6, 96, 3, 1], [6, 160, 3, 2], [6, 320, 1, 1],
    ]

    /// `MobileNetV2(num_classes=1000, width_mult=1.0, inverted_residual_setting=None, round_nearest=8, dropout=0.2)`.
    /// PyTorch: `torchvision.models.MobileNetV2.__init__`.
    public init(
        numClasses: Int = 1000, widthMult: Double = 1.0, invertedResidualSetting: [[Int]] = defaultSetting,
        roundNearest: Int = 8, dropout: Double = 0.2
    ) {
        precondition(
            !invertedResidualSetting.isEmpty && invertedResidualSetting.allSatisfy { $0.count == 4 },
            "inverted_residual_setting should be non-empty or a 4-element list, got \(invertedResidualSetting)")
        var inputChannel = makeDivisible(32 * widthMult, roundNearest)
        lastChannel = makeDivisible(1280 * max(1.0, widthMult), roundNearest)
        var layers: [Module] = [
            Conv2dNormActivation(3, inputChannel, stride: 2, activationLayer: { ReLU6(inplace: true) })
        ]
        for row in invertedResidualSetting {
            let (t, c, n, s) = (row[0], row[1], row[2], row[3])
            let outputChannel = makeDivisible(Double(c) * widthMult, roundNearest)
            for i in 0..<n {
                layers.append(InvertedResidual(inputChannel, outputChannel, stride: i == 0 ? s : 1, expandRatio: t))
                inputChannel = outputChannel
            }
        }
        layers.append(
            Conv2dNormActivation(inputChannel, lastChannel, kernelSize: 1, activationLayer: { ReLU6(inplace: true) }))
        features = Sequential(layers)
        classifier = Sequential(Dropout(dropout), Linear(lastChannel, numClasses))
        super.init()

        initFanOut(self, linear: normalLinearInit)
    }

    /// For `deepCopy()`: an instance built without drawing; the copy then replaces its children and tensors.
    /// No PyTorch counterpart (Python's `copy.deepcopy` needs no blank instance): the instance `deepCopy()` fills.
    public override func makeCopy() -> Module {
        let copy = Init.withoutInitialization { MobileNetV2(numClasses: 1, invertedResidualSetting: [[1, 8, 1, 1]]) }
        copy.lastChannel = lastChannel
        return copy
    }

    /// `(N, 3, H, W)` images to `(N, numClasses)` logits, pooled by `adaptive_avg_pool2d` (PyTorch: `torchvision.models.MobileNetV2.forward`).
    public override func forward(_ x: Tensor) -> Tensor {
        let pooled = F.adaptiveAvgPool2d(features(x), outputSize: [1, 1])
        return classifier(pooled.flatten(startDim: 1))
    }

    /// `torchvision.models.mobilenetv2.InvertedResidual`: an optional 1×1 expansion, a 3×3 depthwise
    /// convolution (both ReLU6), a linear 1×1 projection; the input added back when the shape allows.
    public final class InvertedResidual: Module {
        /// Expansion, depthwise and projection layers (PyTorch: `torchvision.models.mobilenetv2.InvertedResidual.conv`).
        @Child public var conv: Sequential
        /// PyTorch: `torchvision.models.mobilenetv2.InvertedResidual.stride`.
        public private(set) var stride: Int
        /// PyTorch: `torchvision.models.mobilenetv2.InvertedResidual.out_channels`.
        public private(set) var outChannels: Int
        /// True when stride is 1 and the channels match, so the input is added back (PyTorch: `torchvision.models.mobilenetv2.InvertedResidual.use_res_connect`).
        public private(set) var useResConnect: Bool

        /// PyTorch: `torchvision.models.mobilenetv2.InvertedResidual(inp, oup, stride, expand_ratio)`.
        public init(_ inp: Int, _ oup: Int, stride: Int, expandRatio: Int) {
            precondition([1, 2].contains(stride), "stride should be 1 or 2 instead of \(stride)")
            let hiddenDim = inp * expandRatio
            var layers: [Module] = []
            if expandRatio != 1 {
                layers.append(
                    Conv2dNormActivation(inp, hiddenDim, kernelSize: 1, activationLayer: { ReLU6(inplace: true) }))
            }
            layers.append(
                Conv2dNormActivation(
                    hiddenDim, hiddenDim, stride: stride, groups: hiddenDim,
                    activationLayer: { ReLU6(inplace: true) }))
            layers.append(Conv2d(hiddenDim, oup, kernelSize: 1, bias: false))
            layers.append(BatchNorm2d(oup))
            conv = Sequential(layers)
            self.stride = stride
            outChannels = oup
            useResConnect = stride == 1 && inp == oup
            super.init()
        }

        /// For `deepCopy()`: an instance built without drawing; the copy then replaces its children and tensors.
        /// No PyTorch counterpart (Python's `copy.deepcopy` needs no blank instance): the instance `deepCopy()` fills.
        public override func makeCopy() -> Module {
            let copy = Init.withoutInitialization { InvertedResidual(1, 1, stride: stride, expandRatio: 1) }
            (copy.outChannels, copy.useResConnect) = (outChannels, useResConnect)
            return copy
        }

        /// The name in the repr, shared with MobileNetV3's block (PyTorch: `type(block).__name__`).
        public override var typeName: String { "InvertedResidual" }

        /// PyTorch: `torchvision.models.mobilenetv2.InvertedResidual.forward`.
        public override func forward(_ x: Tensor) -> Tensor {
            useResConnect ? x + conv(x) : conv(x)
        }
    }
}
