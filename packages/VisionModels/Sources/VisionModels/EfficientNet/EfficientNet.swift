import Foundation
import Layers
import TensorCore

/// `torchvision.models.EfficientNet` (B0–B7, built by `efficientnetB0()` …): MBConv stages with
/// squeeze-excitation, SiLU and stochastic depth rising linearly over the blocks, with torchvision's keys, repr
/// and initialization (default inits as built, then kaiming_normal_(fan_out) and zero bias for convolutions,
/// 1/0 for BatchNorm, U(−1/√out, 1/√out) and zero bias for the classifier).
public final class EfficientNet: Module {
    /// The stem, the MBConv stages and the 1×1 head convolution (PyTorch: `torchvision.models.EfficientNet.features`).
    @Child public var features: Sequential
    /// Global average pooling to `(N, C, 1, 1)` (PyTorch: `torchvision.models.EfficientNet.avgpool`).
    @Child public var avgpool = AdaptiveAvgPool2d(1)
    /// `Dropout`, `Linear(lastChannel, numClasses)`: replace `classifier[1]` to fine-tune for other classes.
    /// PyTorch: `torchvision.models.EfficientNet.classifier`.
    @Child public var classifier: Sequential

    /// `EfficientNet(inverted_residual_setting, dropout, stochastic_depth_prob=0.2, num_classes=1000,
    /// norm_layer=None, last_channel=None)`; `normLayer` builds the normalization for a channel count.
    /// PyTorch: `torchvision.models.EfficientNet.__init__`.
    public init(
        invertedResidualSetting: [MBConvConfig], dropout: Double, stochasticDepthProb: Double = 0.2,
        numClasses: Int = 1000,
        normLayer: @escaping (Int) -> Module = { BatchNorm2d($0) }, lastChannel: Int? = nil
    ) {
        precondition(!invertedResidualSetting.isEmpty, "The inverted_residual_setting should not be empty")
        var layers: [Module] = [
            Conv2dNormActivation(
                3, invertedResidualSetting[0].inputChannels, kernelSize: 3, stride: 2, normLayer: normLayer,
                activationLayer: { SiLU(inplace: true) })
        ]
        let totalStageBlocks = invertedResidualSetting.reduce(0) { $0 + $1.numLayers }
        var stageBlockId = 0
        for cnf in invertedResidualSetting {
            var stage: [Module] = []
            for _ in 0..<cnf.numLayers {
                var blockCnf = cnf
                if !stage.isEmpty {
                    blockCnf.inputChannels = blockCnf.outChannels
                    blockCnf.stride = 1
                }
                // Python's evaluation order, so the probabilities (and their reprs) are torchvision's to the bit.
                let sdProb = stochasticDepthProb * Double(stageBlockId) / Double(totalStageBlocks)
                stage.append(MBConv(blockCnf, stochasticDepthProb: sdProb, normLayer: normLayer))
                stageBlockId += 1
            }
            layers.append(Sequential(stage))
        }
        let lastconvInput = invertedResidualSetting.last!.outChannels
        let lastconvOutput = lastChannel ?? 4 * lastconvInput
        layers.append(
            Conv2dNormActivation(
                lastconvInput, lastconvOutput, kernelSize: 1, normLayer: normLayer,
                activationLayer: { SiLU(inplace: true) }))
        features = Sequential(layers)
        classifier = Sequential(Dropout(dropout, inplace: true), Linear(lastconvOutput, numClasses))
        super.init()

        initFanOut(self) { linear in
            let initRange = 1.0 / Double(linear.outFeatures).squareRoot()
            Init.uniform_(linear.weight, a: -initRange, b: initRange)
            if let bias = linear.bias { Init.zeros_(bias) }
        }
    }

    /// For `deepCopy()`: an instance built without drawing; the copy then replaces its children and tensors.
    /// No PyTorch counterpart (Python's `copy.deepcopy` needs no blank instance): the instance `deepCopy()` fills.
    public override func makeCopy() -> Module {
        Init.withoutInitialization {
            EfficientNet(invertedResidualSetting: [MBConv.shellConfig], dropout: 0, numClasses: 1)
        }
    }

    /// `(N, 3, H, W)` images to `(N, numClasses)` logits (PyTorch: `torchvision.models.EfficientNet.forward`).
    public override func forward(_ x: Tensor) -> Tensor {
        classifier(avgpool(features(x)).flatten(startDim: 1))
    }
}

/// `torchvision.models.efficientnet.MBConvConfig`: one stage of EfficientNet B0's table, channels scaled
/// by `widthMult` (multiples of 8) and depth by `depthMult` (rounded up).
public struct MBConvConfig: Sendable {
    /// The expansion of the block's hidden channels over its input (PyTorch: `torchvision.models.efficientnet.MBConvConfig.expand_ratio`).
    public var expandRatio: Double
    /// The depthwise kernel size (PyTorch: `torchvision.models.efficientnet.MBConvConfig.kernel`).
    public var kernel: Int
    /// The stride of the stage's first block (PyTorch: `torchvision.models.efficientnet.MBConvConfig.stride`).
    public var stride: Int
    /// Input channels after width scaling (PyTorch: `torchvision.models.efficientnet.MBConvConfig.input_channels`).
    public var inputChannels: Int
    /// Output channels after width scaling (PyTorch: `torchvision.models.efficientnet.MBConvConfig.out_channels`).
    public var outChannels: Int
    /// Blocks in the stage after depth scaling (PyTorch: `torchvision.models.efficientnet.MBConvConfig.num_layers`).
    public var numLayers: Int

    /// PyTorch: `torchvision.models.efficientnet.MBConvConfig(expand_ratio, kernel, stride, input_channels, out_channels, num_layers, width_mult, depth_mult)`.
    public init(
        _ expandRatio: Double, _ kernel: Int, _ stride: Int, _ inputChannels: Int, _ outChannels: Int, _ numLayers: Int,
        widthMult: Double = 1.0, depthMult: Double = 1.0
    ) {
        self.expandRatio = expandRatio
        self.kernel = kernel
        self.stride = stride
        self.inputChannels = Self.adjustChannels(inputChannels, widthMult: widthMult)
        self.outChannels = Self.adjustChannels(outChannels, widthMult: widthMult)
        self.numLayers = Int((Double(numLayers) * depthMult).rounded(.up))
    }

    /// `channels * widthMult` rounded to a multiple of 8 (PyTorch: `torchvision.models.efficientnet.MBConvConfig.adjust_channels`).
    public static func adjustChannels(_ channels: Int, widthMult: Double, minValue: Int? = nil) -> Int {
        makeDivisible(Double(channels) * widthMult, 8, minValue: minValue)
    }
}

/// `torchvision.models.efficientnet.MBConv`: optional 1×1 expansion, depthwise k×k, squeeze-excitation
/// (SiLU, sigmoid), linear 1×1 projection (all SiLU before it); with a residual, the branch passes through
/// stochastic depth before the input is added.
public final class MBConv: Module {
    /// Expansion, depthwise, squeeze-excitation and projection layers (PyTorch: `torchvision.models.efficientnet.MBConv.block`).
    @Child public var block: Sequential
    /// PyTorch: `torchvision.models.efficientnet.MBConv.stochastic_depth`.
    @Child public var stochasticDepth: StochasticDepth
    /// PyTorch: `torchvision.models.efficientnet.MBConv.out_channels`.
    public private(set) var outChannels: Int
    /// True when stride is 1 and the channels match, so the input is added back (PyTorch: `torchvision.models.efficientnet.MBConv.use_res_connect`).
    public private(set) var useResConnect: Bool

    /// PyTorch: `torchvision.models.efficientnet.MBConv(cnf, stochastic_depth_prob, norm_layer)`.
    public init(_ cnf: MBConvConfig, stochasticDepthProb: Double, normLayer: @escaping (Int) -> Module) {
        precondition(1 <= cnf.stride && cnf.stride <= 2, "illegal stride value")
        let activation: () -> Module = { SiLU(inplace: true) }
        let expanded = MBConvConfig.adjustChannels(cnf.inputChannels, widthMult: cnf.expandRatio)
        var layers: [Module] = []
        if expanded != cnf.inputChannels {
            layers.append(
                Conv2dNormActivation(
                    cnf.inputChannels, expanded, kernelSize: 1, normLayer: normLayer,
                    activationLayer: activation))
        }
        layers.append(
            Conv2dNormActivation(
                expanded, expanded, kernelSize: cnf.kernel, stride: cnf.stride, groups: expanded,
                normLayer: normLayer, activationLayer: activation))
        layers.append(SqueezeExcitation(expanded, max(1, cnf.inputChannels / 4), activation: activation))
        layers.append(
            Conv2dNormActivation(expanded, cnf.outChannels, kernelSize: 1, normLayer: normLayer, activationLayer: nil))
        block = Sequential(layers)
        stochasticDepth = StochasticDepth(stochasticDepthProb, mode: .row)
        outChannels = cnf.outChannels
        useResConnect = cnf.stride == 1 && cnf.inputChannels == cnf.outChannels
        super.init()
    }

    /// For `deepCopy()`: an instance built without drawing; the copy then replaces its children and tensors.
    /// No PyTorch counterpart (Python's `copy.deepcopy` needs no blank instance): the instance `deepCopy()` fills.
    public override func makeCopy() -> Module {
        let copy = Init.withoutInitialization {
            MBConv(Self.shellConfig, stochasticDepthProb: 0, normLayer: { BatchNorm2d($0) })
        }
        (copy.outChannels, copy.useResConnect) = (outChannels, useResConnect)
        return copy
    }

    /// The smallest block configuration, for shells.
    static let shellConfig = MBConvConfig(1, 1, 1, 1, 1, 1)

    /// PyTorch: `torchvision.models.efficientnet.MBConv.forward`.
    public override func forward(_ x: Tensor) -> Tensor {
        let result = block(x)
        return useResConnect ? stochasticDepth(result) + x : result
    }
}
