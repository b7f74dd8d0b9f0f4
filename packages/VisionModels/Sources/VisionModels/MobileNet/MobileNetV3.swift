import Layers
import TensorCore

/// `torchvision.models.MobileNetV3` (built by `mobilenetV3Large()` / `mobilenetV3Small()`): inverted
/// residual blocks with optional squeeze-excitation and Hardswish, BatchNorm with eps 0.001 and momentum 0.01,
/// torchvision's keys, repr and initialization (default inits as built, then kaiming_normal_(fan_out) and
/// zero bias for convolutions, 1/0 for BatchNorm, N(0, 0.01) and zero bias for linear layers).
public final class MobileNetV3: Module {
    /// The stem, the inverted residual blocks and the 1×1 head convolution (PyTorch: `torchvision.models.MobileNetV3.features`).
    @Child public var features: Sequential
    /// Global average pooling to `(N, C, 1, 1)` (PyTorch: `torchvision.models.MobileNetV3.avgpool`).
    @Child public var avgpool = AdaptiveAvgPool2d(1)
    /// `Linear`, `Hardswish`, `Dropout`, `Linear(lastChannel, numClasses)`: replace `classifier[3]` to fine-tune.
    /// PyTorch: `torchvision.models.MobileNetV3.classifier`.
    @Child public var classifier: Sequential

    /// `MobileNetV3(inverted_residual_setting, last_channel, num_classes=1000, dropout=0.2)`.
    /// PyTorch: `torchvision.models.MobileNetV3.__init__`.
    public init(
        invertedResidualSetting: [InvertedResidualConfig], lastChannel: Int, numClasses: Int = 1000,
        dropout: Double = 0.2
    ) {
        precondition(!invertedResidualSetting.isEmpty, "The inverted_residual_setting should not be empty")
        let norm: (Int) -> Module = { BatchNorm2d($0, eps: 0.001, momentum: 0.01) }
        var layers: [Module] = [
            Conv2dNormActivation(
                3, invertedResidualSetting[0].inputChannels, kernelSize: 3, stride: 2, normLayer: norm,
                activationLayer: { Hardswish(inplace: true) })
        ]
        for cnf in invertedResidualSetting { layers.append(InvertedResidual(cnf, normLayer: norm)) }
        let lastconvInput = invertedResidualSetting.last!.outChannels
        let lastconvOutput = 6 * lastconvInput
        layers.append(
            Conv2dNormActivation(
                lastconvInput, lastconvOutput, kernelSize: 1, normLayer: norm,
                activationLayer: { Hardswish(inplace: true) }))
        features = Sequential(layers)
        classifier = Sequential(
            Linear(lastconvOutput, lastChannel), Hardswish(inplace: true), Dropout(dropout, inplace: true),
            Linear(lastChannel, numClasses))
        super.init()

        initFanOut(self, linear: normalLinearInit)
    }

    /// For `deepCopy()`: an instance built without drawing; the copy then replaces its children and tensors.
    /// No PyTorch counterpart (Python's `copy.deepcopy` needs no blank instance): the instance `deepCopy()` fills.
    public override func makeCopy() -> Module {
        Init.withoutInitialization {
            MobileNetV3(invertedResidualSetting: [Self.shellConfig], lastChannel: 1, numClasses: 1)
        }
    }

    /// The smallest block configuration, for shells.
    static let shellConfig = InvertedResidualConfig(1, 1, 1, 1, false, "RE", 1, 1, widthMult: 1)

    /// `(N, 3, H, W)` images to `(N, numClasses)` logits (PyTorch: `torchvision.models.MobileNetV3.forward`).
    public override func forward(_ x: Tensor) -> Tensor {
        classifier(avgpool(features(x)).flatten(startDim: 1))
    }

    /// `torchvision.models.mobilenetv3.InvertedResidualConfig`: one row of the paper's tables 1 and 2,
    /// channels scaled by `widthMult` and rounded to multiples of 8.
    public struct InvertedResidualConfig: Sendable {
        /// Channel counts after width scaling, and the depthwise kernel size (PyTorch: `torchvision.models.mobilenetv3.InvertedResidualConfig.input_channels`, `.kernel`, `.expanded_channels`, `.out_channels`).
        public let inputChannels: Int, kernel: Int, expandedChannels: Int, outChannels: Int
        /// Whether the block has squeeze-excitation (PyTorch: `torchvision.models.mobilenetv3.InvertedResidualConfig.use_se`).
        public let useSE: Bool
        /// Hardswish ("HS") rather than ReLU ("RE").
        /// PyTorch: `torchvision.models.mobilenetv3.InvertedResidualConfig.use_hs`.
        public let useHS: Bool
        /// The depthwise convolution's stride and dilation (PyTorch: `torchvision.models.mobilenetv3.InvertedResidualConfig.stride`, `.dilation`).
        public let stride: Int, dilation: Int

        /// PyTorch: `torchvision.models.mobilenetv3.InvertedResidualConfig(input_channels, kernel, expanded_channels, out_channels, use_se, activation, stride, dilation, width_mult)`.
        public init(
            _ inputChannels: Int, _ kernel: Int, _ expandedChannels: Int, _ outChannels: Int, _ useSE: Bool,
            _ activation: String, _ stride: Int, _ dilation: Int, widthMult: Double
        ) {
            self.inputChannels = Self.adjustChannels(inputChannels, widthMult: widthMult)
            self.kernel = kernel
            self.expandedChannels = Self.adjustChannels(expandedChannels, widthMult: widthMult)
            self.outChannels = Self.adjustChannels(outChannels, widthMult: widthMult)
            self.useSE = useSE
            useHS = activation == "HS"
            self.stride = stride
            self.dilation = dilation
        }

        /// `channels * widthMult` rounded to a multiple of 8 (PyTorch: `torchvision.models.mobilenetv3.InvertedResidualConfig.adjust_channels`).
        public static func adjustChannels(_ channels: Int, widthMult: Double) -> Int {
            makeDivisible(Double(channels) * widthMult, 8)
        }
    }

    /// `torchvision.models.mobilenetv3.InvertedResidual` (the paper's section 5): optional 1×1 expansion,
    /// depthwise k×k, optional squeeze-excitation (Hardsigmoid), linear 1×1 projection, residual when shapes allow.
    public final class InvertedResidual: Module {
        /// Expansion, depthwise, squeeze-excitation and projection layers (PyTorch: `torchvision.models.mobilenetv3.InvertedResidual.block`).
        @Child public var block: Sequential
        /// PyTorch: `torchvision.models.mobilenetv3.InvertedResidual.out_channels`.
        public private(set) var outChannels: Int
        /// True when stride is 1 and the channels match, so the input is added back (PyTorch: `torchvision.models.mobilenetv3.InvertedResidual.use_res_connect`).
        public private(set) var useResConnect: Bool

        /// PyTorch: `torchvision.models.mobilenetv3.InvertedResidual(cnf, norm_layer)`.
        public init(_ cnf: InvertedResidualConfig, normLayer: @escaping (Int) -> Module) {
            precondition(1 <= cnf.stride && cnf.stride <= 2, "illegal stride value")
            let activation: () -> Module = cnf.useHS ? { Hardswish(inplace: true) } : { ReLU(inplace: true) }
            var layers: [Module] = []
            if cnf.expandedChannels != cnf.inputChannels {
                layers.append(
                    Conv2dNormActivation(
                        cnf.inputChannels, cnf.expandedChannels, kernelSize: 1,
                        normLayer: normLayer, activationLayer: activation))
            }
            // A dilated block keeps its resolution: dilation replaces the stride.
            layers.append(
                Conv2dNormActivation(
                    cnf.expandedChannels, cnf.expandedChannels, kernelSize: cnf.kernel,
                    stride: cnf.dilation > 1 ? 1 : cnf.stride,
                    groups: cnf.expandedChannels, normLayer: normLayer, activationLayer: activation,
                    dilation: cnf.dilation))
            if cnf.useSE {
                layers.append(
                    SqueezeExcitation(
                        cnf.expandedChannels, makeDivisible(Double(cnf.expandedChannels / 4), 8),
                        scaleActivation: { Hardsigmoid() }))
            }
            layers.append(
                Conv2dNormActivation(
                    cnf.expandedChannels, cnf.outChannels, kernelSize: 1, normLayer: normLayer,
                    activationLayer: nil))
            block = Sequential(layers)
            outChannels = cnf.outChannels
            useResConnect = cnf.stride == 1 && cnf.inputChannels == cnf.outChannels
            super.init()
        }

        /// For `deepCopy()`: an instance built without drawing; the copy then replaces its children and tensors.
        /// No PyTorch counterpart (Python's `copy.deepcopy` needs no blank instance): the instance `deepCopy()` fills.
        public override func makeCopy() -> Module {
            let copy = Init.withoutInitialization {
                InvertedResidual(MobileNetV3.shellConfig, normLayer: { BatchNorm2d($0) })
            }
            (copy.outChannels, copy.useResConnect) = (outChannels, useResConnect)
            return copy
        }

        /// The name in the repr, shared with MobileNetV2's block (PyTorch: `type(block).__name__`).
        public override var typeName: String { "InvertedResidual" }

        /// PyTorch: `torchvision.models.mobilenetv3.InvertedResidual.forward`.
        public override func forward(_ x: Tensor) -> Tensor {
            let result = block(x)
            return useResConnect ? result + x : result
        }
    }
}
