import TensorCore

/// Python's repr of an int tuple: `(3, 3)`, `(5,)`.
func pyTuple(_ v: [Int]) -> String {
    "(" + v.map(String.init).joined(separator: ", ") + (v.count == 1 ? ",)" : ")")
}

/// `_ConvNd`: Conv1d/Conv2d/ConvTranspose2d share parameters, initialization and repr.
/// PyTorch: `torch.nn.modules.conv._ConvNd`.
public class ConvNd: Module {
    /// The channel counts, and per spatial dimension the kernel size, stride, padding (`.same`/`.valid` or explicit),
    /// dilation and (transposed only) output padding; `groups` splits the channels into independent convolutions
    /// (PyTorch: `_ConvNd.in_channels`, `out_channels`, `kernel_size`, `stride`, `padding`, `dilation`, `transposed`,
    /// `output_padding`, `groups`, `padding_mode`).
    public let inChannels: Int, outChannels: Int, kernelSize: [Int], stride: [Int], padding: ConvPadding,
        dilation: [Int], transposed: Bool, outputPadding: [Int], groups: Int, paddingMode: String
    /// Shape `(outChannels, inChannels / groups, *kernelSize)`, or `(inChannels, outChannels / groups, *kernelSize)` when
    /// transposed (PyTorch: `torch.nn.modules.conv._ConvNd.weight`).
    @Parameter public var weight: Tensor
    /// Shape `(outChannels)`; nil without `bias` (PyTorch: `torch.nn.modules.conv._ConvNd.bias`).
    @Parameter public var bias: Tensor?

    init(
        _ inChannels: Int, _ outChannels: Int, kernelSize: IntOrTuple, stride: IntOrTuple, padding: ConvPadding,
        dilation: IntOrTuple, transposed: Bool, outputPadding: IntOrTuple, groups: Int, bias: Bool, paddingMode: String,
        spatial: Int
    ) {
        torchCheck(groups > 0, "groups must be a positive integer")
        torchCheck(inChannels % groups == 0, "in_channels must be divisible by groups")
        torchCheck(outChannels % groups == 0, "out_channels must be divisible by groups")
        torchCheck(
            ["zeros", "reflect", "replicate", "circular"].contains(paddingMode),
            "padding_mode must be one of ['zeros', 'reflect', 'replicate', 'circular'], but got padding_mode='\(paddingMode)'"
        )
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.kernelSize = kernelSize.expand(spatial, "kernel_size")
        self.stride = stride.expand(spatial, "stride")
        if case .explicit(let p) = padding {
            self.padding = .explicit(p.expanded(to: spatial, "padding"))
        } else {
            self.padding = padding
        }
        if case .same = padding {
            torchCheck(self.stride.allSatisfy { $0 == 1 }, "padding='same' is not supported for strided convolutions")
        }
        self.dilation = dilation.expand(spatial, "dilation")
        self.transposed = transposed
        self.outputPadding = outputPadding.expand(spatial, "output_padding")
        self.groups = groups
        self.paddingMode = paddingMode
        let shape =
            transposed
            ? [inChannels, outChannels / groups] + self.kernelSize
            : [outChannels, inChannels / groups] + self.kernelSize
        self.weight = Tensor.empty(shape)
        self.bias = bias ? Tensor.empty([outChannels]) : nil
        super.init()
        resetParameters()
    }

    /// torch's reset_parameters: kaiming_uniform_(a=√5), bias U(±1/√fan_in).
    /// PyTorch: `torch.nn.modules.conv._ConvNd.reset_parameters`.
    public func resetParameters() {
        Init.kaimingUniform_(weight, a: 5.0.squareRoot())
        if let bias {
            let fanIn = Init.calculateFanInAndFanOut(weight).fanIn
            if fanIn != 0 {
                let bound = 1 / Double(fanIn).squareRoot()
                Init.uniform_(bias, a: -bound, b: bound)
            }
        }
    }

    /// The explicit padding (transposed convolutions have no "same"/"valid").
    var explicitValues: [Int] { if case .explicit(let p) = padding { p } else { [0] } }

    /// `_reversed_padding_repeated_twice`: F.pad's spec for the non-zeros padding modes.
    var reversedPaddingRepeatedTwice: [Int] {
        let (before, after) = padding.beforeAfter(kernel: kernelSize, stride: stride, dilation: dilation)
        return (0..<kernelSize.count).reversed().flatMap { [before[$0], after[$0]] }
    }

    /// PyTorch: `torch.nn.modules.conv._ConvNd.extra_repr`.
    public override var extraRepr: String {
        var s = "\(inChannels), \(outChannels), kernel_size=\(pyTuple(kernelSize)), stride=\(pyTuple(stride))"
        switch padding {
        case .explicit(let p): if p.contains(where: { $0 != 0 }) { s += ", padding=\(pyTuple(p))" }
        case .same: s += ", padding=same"
        case .valid: s += ", padding=valid"
        }
        if dilation.contains(where: { $0 != 1 }) { s += ", dilation=\(pyTuple(dilation))" }
        if outputPadding.contains(where: { $0 != 0 }) { s += ", output_padding=\(pyTuple(outputPadding))" }
        if groups != 1 { s += ", groups=\(groups)" }
        if bias == nil { s += ", bias=False" }
        if paddingMode != "zeros" { s += ", padding_mode=\(paddingMode)" }
        return s
    }
}

/// `nn.Conv1d(in, out, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True, padding_mode='zeros')`.
/// PyTorch: `torch.nn.Conv1d`.
public final class Conv1d: ConvNd {
    /// No PyTorch counterpart: the fresh `Conv1d` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module {
        Conv1d(
            inChannels, outChannels, kernelSize: kernelSize[0], stride: stride[0], padding: padding,
            dilation: dilation[0], groups: groups, bias: bias != nil, paddingMode: paddingMode)
    }
    /// PyTorch: `torch.nn.Conv1d(in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True,
    /// padding_mode='zeros')`.
    public init(
        _ inChannels: Int, _ outChannels: Int, kernelSize: Int, stride: Int = 1, padding: ConvPadding = 0,
        dilation: Int = 1,
        groups: Int = 1, bias: Bool = true, paddingMode: String = "zeros"
    ) {
        super.init(
            inChannels, outChannels, kernelSize: IntOrTuple([kernelSize]), stride: IntOrTuple([stride]),
            padding: padding,
            dilation: IntOrTuple([dilation]), transposed: false, outputPadding: 0, groups: groups, bias: bias,
            paddingMode: paddingMode, spatial: 1)
    }

    /// `(N, inChannels, L)` or unbatched `(inChannels, L)` to `(N, outChannels, L_out)` (PyTorch: `torch.nn.Conv1d.forward`).
    public override func forward(_ input: Tensor) -> Tensor {
        if paddingMode != "zeros" {
            return F.conv1d(
                F.pad(input, reversedPaddingRepeatedTwice, mode: paddingMode), weight, bias, stride: IntOrTuple(stride),
                padding: 0, dilation: IntOrTuple(dilation), groups: groups)
        }
        return F.conv1d(
            input, weight, bias, stride: IntOrTuple(stride), padding: padding, dilation: IntOrTuple(dilation),
            groups: groups)
    }
}

/// `nn.Conv2d(in, out, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True, padding_mode='zeros')`.
/// PyTorch: `torch.nn.Conv2d`.
public final class Conv2d: ConvNd {
    /// No PyTorch counterpart: the fresh `Conv2d` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module {
        Conv2d(
            inChannels, outChannels, kernelSize: IntOrTuple(kernelSize), stride: IntOrTuple(stride), padding: padding,
            dilation: IntOrTuple(dilation), groups: groups, bias: bias != nil, paddingMode: paddingMode)
    }
    /// PyTorch: `torch.nn.Conv2d(in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True,
    /// padding_mode='zeros')`.
    public init(
        _ inChannels: Int, _ outChannels: Int, kernelSize: IntOrTuple, stride: IntOrTuple = 1, padding: ConvPadding = 0,
        dilation: IntOrTuple = 1, groups: Int = 1, bias: Bool = true, paddingMode: String = "zeros"
    ) {
        super.init(
            inChannels, outChannels, kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation,
            transposed: false, outputPadding: 0, groups: groups, bias: bias, paddingMode: paddingMode, spatial: 2)
    }

    /// `(N, inChannels, H, W)` or unbatched `(inChannels, H, W)` to `(N, outChannels, H_out, W_out)` (PyTorch: `torch.nn.Conv2d.forward`).
    public override func forward(_ input: Tensor) -> Tensor {
        if paddingMode != "zeros" {
            return F.conv2d(
                F.pad(input, reversedPaddingRepeatedTwice, mode: paddingMode), weight, bias, stride: IntOrTuple(stride),
                padding: 0, dilation: IntOrTuple(dilation), groups: groups)
        }
        return F.conv2d(
            input, weight, bias, stride: IntOrTuple(stride), padding: padding, dilation: IntOrTuple(dilation),
            groups: groups)
    }
}

/// `nn.ConvTranspose2d(in, out, kernel_size, stride=1, padding=0, output_padding=0, groups=1, bias=True, dilation=1)`.
/// PyTorch: `torch.nn.ConvTranspose2d`.
public final class ConvTranspose2d: ConvNd {
    /// No PyTorch counterpart: the fresh `ConvTranspose2d` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module {
        ConvTranspose2d(
            inChannels, outChannels, kernelSize: IntOrTuple(kernelSize), stride: IntOrTuple(stride),
            padding: IntOrTuple(explicitValues), outputPadding: IntOrTuple(outputPadding), groups: groups,
            bias: bias != nil, dilation: IntOrTuple(dilation))
    }
    /// PyTorch: `torch.nn.ConvTranspose2d(in_channels, out_channels, kernel_size, stride=1, padding=0, output_padding=0,
    /// groups=1, bias=True, dilation=1)`; only `padding_mode='zeros'`, as torch allows.
    public init(
        _ inChannels: Int, _ outChannels: Int, kernelSize: IntOrTuple, stride: IntOrTuple = 1, padding: IntOrTuple = 0,
        outputPadding: IntOrTuple = 0, groups: Int = 1, bias: Bool = true, dilation: IntOrTuple = 1
    ) {
        super.init(
            inChannels, outChannels, kernelSize: kernelSize, stride: stride, padding: .explicit(padding.values),
            dilation: dilation, transposed: true, outputPadding: outputPadding, groups: groups, bias: bias,
            paddingMode: "zeros", spatial: 2)
    }

    /// PyTorch: `torch.nn.ConvTranspose2d.forward`; no `output_size` argument.
    public override func forward(_ input: Tensor) -> Tensor {
        guard case .explicit(let p) = padding else { torchFail("ConvTranspose2d needs explicit padding") }
        return F.convTranspose2d(
            input, weight, bias, stride: IntOrTuple(stride), padding: IntOrTuple(p),
            outputPadding: IntOrTuple(outputPadding), groups: groups, dilation: IntOrTuple(dilation))
    }
}
