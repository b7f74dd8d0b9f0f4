import Foundation
import TensorCore

// The derivative table (the role of PyTorch's tools/autograd/derivatives.yaml): for every op tag, the
// gradient of each input in terms of `g` (the output's gradient), the saved inputs `x`/`c.input(i)` and
// the saved result `c.output()`. Every formula uses ordinary Tensor ops, so with create_graph the
// backward is itself recorded and higher-order gradients follow. The switches are exhaustive: a new
// DifferentiableOp case without a derivative does not compile.

/// What a node must keep alive: its inputs, its outputs (saved as aliases, never creating a cycle), and whether
/// only the side outputs (statistics, indices) among them: then an in-place op on the main output (BatchNorm
/// then ReLU(inplace)) stays legal, as in torch. Exhaustive: a new tag must say what it saves.
func savePolicy(_ op: DifferentiableOp) -> (inputs: Bool, outputs: Bool, sideOutputsOnly: Bool) {
    switch op {
    case .clone, .cast, .asStrided, .subscriptView, .fill, .notImplemented, .neg, .stepFunction, .frac, .add, .sub,
        .mulScalar, .divScalar, .divRounding, .rsub,
        .sum, .mean, .view, .reshape, .squeeze, .unsqueeze, .expand, .transpose, .permute,
        .narrow, .select, .diagonal, .diagEmbed, .unfold, .cat, .stack, .flip, .roll, .repeat, .tril,
        .triu, .index, .gather, .indexSelect, .take, .maskedSelect, .cumsum, .trace, .indexFill, .maskedFill,
        .indexCopy, .indexAdd, .scatterAdd, .scatter, .put, .indexPut, .maskedScatter:
        return (false, false, false)
    case .exp, .exp2, .expm1, .sqrt, .rsqrt, .reciprocal, .tanh, .sigmoid, .relu, .tan, .erfinv, .softmax,
        .logSoftmax, .inv, .powScalarBase:
        return (false, true, false)
    case .rdiv, .hypot, .copysign:
        return (true, true, false)
    // GroupNorm and the fused NN kernels: their backward kernels read the saved statistics or indices.
    case .groupNorm,
        .convolution, .mseLoss, .l1Loss, .smoothL1Loss, .huberLoss, .binaryCrossEntropy, .binaryCrossEntropyWithLogits,
        .nllLoss, .crossEntropyLoss, .maxPool3dWithIndices, .avgPool3d, .adaptiveAvgPool3d, .nativeBatchNorm,
        .nativeLayerNorm, .embedding, .nativeDropout, .dropoutMask:
        return (true, true, true)
    case .linear, .linearTransposed:
        return (false, false, false)
    case .alongIndices, .extremum, .medianAll, .prod, .logsumexp, .standardDeviation, .cumprod, .vectorNorm,
        .det, .slogdet, .cholesky, .qr, .svd, .eigh, .solve, .pow, .scatterReduce:
        return (true, true, false)
    case .rnnLayer:
        return (true, true, false)
    case .abs, .sign, .log, .log2, .log10, .log1p, .sin, .cos, .asin, .acos, .atan, .sinh, .cosh, .asinh, .acosh,
        .atanh, .logit, .erf, .erfc, .silu, .gelu, .lgamma, .digamma, .polygamma, .softplus, .nanToNum, .mul, .div,
        .remainder, .fmod, .atan2, .maximum, .minimum, .fmax, .fmin, .logaddexp, .logaddexp2, .xlogy, .xlogyScalar,
        .powScalar, .addcmul, .addcdiv, .lerp, .clamp, .where, .nansum, .nanmean, .variance, .matmul, .mm, .bmm,
        .mv, .dot, .vdot, .outer, .addmm, .addmv, .baddbmm, .svdvals, .eigvalsh, .pinv, .lstsq, .matrixNorm,
        .einsum, .embeddingBag, .lstmCell, .gruCell:
        return (true, false, false)
    }
}

/// PyTorch's node names ("MulBackward0").
func nodeName(_ op: DifferentiableOp, _ node: OpNode) -> String {
    switch op {
    case .clone: "CloneBackward0"
    case .cast: "ToCopyBackward0"
    case .asStrided: "AsStridedBackward0"
    case .subscriptView(let last): "\(last)Backward0"
    case .fill(let zero): zero ? "ZeroBackward0" : "FillBackward2"
    case .notImplemented: "NotImplemented"
    case .neg: "NegBackward0"
    case .abs: "AbsBackward0"
    case .sign: "SignBackward0"
    case .exp: "ExpBackward0"
    case .exp2: "Exp2Backward0"
    case .expm1: "Expm1Backward0"
    case .log: "LogBackward0"
    case .log2: "Log2Backward0"
    case .log10: "Log10Backward0"
    case .log1p: "Log1PBackward0"
    case .sqrt: "SqrtBackward0"
    case .rsqrt: "RsqrtBackward0"
    case .reciprocal: "ReciprocalBackward0"
    case .sin: "SinBackward0"
    case .cos: "CosBackward0"
    case .tan: "TanBackward0"
    case .asin: "AsinBackward0"
    case .acos: "AcosBackward0"
    case .atan: "AtanBackward0"
    case .sinh: "SinhBackward0"
    case .cosh: "CoshBackward0"
    case .tanh: "TanhBackward0"
    case .asinh: "AsinhBackward0"
    case .acosh: "AcoshBackward0"
    case .atanh: "AtanhBackward0"
    case .sigmoid: "SigmoidBackward0"
    case .logit: "LogitBackward0"
    case .erf: "ErfBackward0"
    case .erfc: "ErfcBackward0"
    case .erfinv: "ErfinvBackward0"
    case .lgamma: "LgammaBackward0"
    case .digamma: "DigammaBackward0"
    case .polygamma: "PolygammaBackward0"
    case .relu: "ReluBackward0"
    case .silu: "SiluBackward0"
    case .gelu: "GeluBackward0"
    case .softplus: "SoftplusBackward0"
    case .stepFunction(let name): "\(name)Backward0"
    case .frac: "FracBackward0"
    case .nanToNum: "NanToNumBackward0"
    case .add: "AddBackward0"
    case .sub: "SubBackward0"
    case .mul, .mulScalar: "MulBackward0"
    case .div, .divScalar: "DivBackward0"
    case .divRounding: "DivBackward2"  // div.Tensor_mode (torch wraps a Python scalar operand too)
    case .rsub: "RsubBackward1"
    case .rdiv: "DivBackward0"
    case .remainder: "RemainderBackward0"
    case .fmod: "FmodBackward0"
    case .pow: "PowBackward1"
    case .powScalar: "PowBackward0"
    case .powScalarBase: "PowBackward2"
    case .atan2: "Atan2Backward0"
    case .maximum: "MaximumBackward0"
    case .hypot: "HypotBackward0"
    case .logaddexp: "LogaddexpBackward0"
    case .logaddexp2: "Logaddexp2Backward0"
    case .copysign: node.inputs.count > 1 && node.inputs[1] != nil ? "CopysignBackward0" : "CopysignBackward1"
    case .xlogy: "XlogyBackward0"
    case .xlogyScalar: "XlogyBackward2"
    case .minimum: "MinimumBackward0"
    case .fmax: "FmaxBackward0"
    case .fmin: "FminBackward0"
    case .addcmul: "AddcmulBackward0"
    case .addcdiv: "AddcdivBackward0"
    case .lerp(let weight): weight == nil ? "LerpBackward1" : "LerpBackward0"
    case .clamp: "ClampBackward1"
    case .where: "WhereBackward0"
    case .sum(let dims, _): dims == nil ? "SumBackward0" : "SumBackward1"
    case .nansum: "NansumBackward0"
    case .mean(let dims, _): dims == nil ? "MeanBackward0" : "MeanBackward1"
    case .nanmean: "NanmeanBackward0"
    case .prod(let dims, _): dims == nil ? "ProdBackward0" : "ProdBackward1"
    case .extremum(_, _, let name), .medianAll(let name), .alongIndices(_, _, let name): name
    case .variance: "VarBackward0"
    case .standardDeviation: "StdBackward0"
    case .logsumexp: "LogsumexpBackward0"
    case .softmax: "SoftmaxBackward0"
    case .logSoftmax: "LogSoftmaxBackward0"
    case .cumsum: "CumsumBackward0"
    case .cumprod: "CumprodBackward0"
    case .view, .reshape: "ViewBackward0"
    case .squeeze: "SqueezeBackward0"
    case .unsqueeze: "UnsqueezeBackward0"
    case .expand: "ExpandBackward0"
    case .transpose: "TransposeBackward0"
    case .permute: "PermuteBackward0"
    case .narrow: "SliceBackward0"
    case .select: "SelectBackward0"
    case .diagonal: "DiagonalBackward0"
    case .diagEmbed: "DiagEmbedBackward0"
    case .unfold: "UnfoldBackward0"
    case .cat: "CatBackward0"
    case .stack: "StackBackward0"
    case .flip: "FlipBackward0"
    case .roll: "RollBackward0"
    case .repeat: "RepeatBackward0"
    case .tril: "TrilBackward0"
    case .triu: "TriuBackward0"
    case .index: "IndexBackward0"
    case .indexPut: "IndexPutBackward0"
    case .gather: "GatherBackward0"
    case .scatter: node.inputs.count > 1 && node.inputs[1] != nil ? "ScatterBackward0" : "ScatterBackward1"
    case .scatterAdd: "ScatterAddBackward0"
    case .scatterReduce: "ScatterReduceBackward0"
    case .indexSelect: "IndexSelectBackward0"
    case .indexAdd: "IndexAddBackward0"
    case .indexCopy: "IndexCopyBackward0"
    case .indexFill: node.inputs.count > 1 && node.inputs[1] != nil ? "IndexFillBackward1" : "IndexFillBackward0"
    case .maskedFill: node.inputs.count > 1 && node.inputs[1] != nil ? "MaskedFillBackward1" : "MaskedFillBackward0"
    case .maskedSelect: "MaskedSelectBackward0"
    case .maskedScatter: "MaskedScatterBackward0"
    case .take: "TakeBackward0"
    case .put: "PutBackward0"
    case .matmul:
        switch (node.inputs[0]!.sizes.count, node.inputs[1]!.sizes.count) {
        case (1, 1): "DotBackward0"
        case (2, 1): "MvBackward0"
        case (2, 2): "MmBackward0"
        case (_, 1), (_, 2): "MmBackward0"
        default: "BmmBackward0"
        }
    case .mm: "MmBackward0"
    case .bmm: "BmmBackward0"
    case .mv: "MvBackward0"
    case .dot: "DotBackward0"
    case .vdot: "VdotBackward0"
    case .outer: "OuterBackward0"
    case .addmm: "AddmmBackward0"
    case .addmv: "AddmvBackward0"
    case .baddbmm: "BaddbmmBackward0"
    case .inv: "LinalgInvExBackward0"
    case .solve: "LinalgSolveExBackward0"
    case .det: "LinalgDetBackward0"
    case .slogdet: "LinalgSlogdetBackward0"
    case .cholesky: "LinalgCholeskyExBackward0"
    case .qr: "LinalgQrBackward0"
    case .svd, .svdvals: "LinalgSvdBackward0"
    case .eigh, .eigvalsh: "LinalgEighBackward0"
    case .pinv: "LinalgPinvBackward0"
    case .lstsq: "LinalgLstsqBackward0"
    case .vectorNorm: "LinalgVectorNormBackward0"
    case .matrixNorm: "LinalgMatrixNormBackward0"
    case .trace: "TraceBackward0"
    case .einsum: "EinsumBackward0"
    case .convolution: "ConvolutionBackward0"
    case .mseLoss: "MseLossBackward0"
    case .l1Loss: "L1LossBackward0"
    case .smoothL1Loss: "SmoothL1LossBackward0"
    case .huberLoss: "HuberLossBackward0"
    case .binaryCrossEntropy: "BinaryCrossEntropyBackward0"
    case .binaryCrossEntropyWithLogits: "BinaryCrossEntropyWithLogitsBackward0"
    case .nllLoss: "NllLossBackward0"
    case .crossEntropyLoss: "CrossEntropyLossBackward0"
    case .maxPool3dWithIndices: "MaxPool3DWithIndicesBackward0"
    case .avgPool3d: "AvgPool3DBackward0"
    case .adaptiveAvgPool3d: "AdaptiveAvgPool3DBackward0"
    case .nativeBatchNorm: "NativeBatchNormBackward0"
    case .nativeLayerNorm: "NativeLayerNormBackward0"
    case .embedding: "EmbeddingBackward0"
    case .nativeDropout: "NativeDropoutBackward0"
    case .dropoutMask: "MulBackward0"
    case .linear(let map): map.name
    case .linearTransposed(let map): map.transposedName
    case .groupNorm: "NativeGroupNormBackward0"
    case .embeddingBag: "EmbeddingBagBackward0"
    case .lstmCell: "ThnnFusedLstmCellBackward0"
    case .gruCell: "ThnnFusedGruCellBackward0"
    case .rnnLayer: "RnnLayerBackward0"
    }
}

/// Gradients of the inputs (one per input, nil where not needed) from the outputs' gradients.
func derivative(_ op: DifferentiableOp, _ c: BackwardContext, _ grads: [Tensor?]) -> [Tensor?] {
    let g = grads[0]!
    switch op {
    // MARK: Core
    case .clone, .cast: return [g]
    case .asStrided, .subscriptView: return [asStridedBackward(g, input: c.geometry(), output: c.outputGeometry())]
    case .fill: return [Tensor.zeros(c.shape(), dtype: c.dtype())]
    case .notImplemented(let name): torchFail("derivative for aten::\(name) is not implemented")

    // MARK: Unary
    case .neg: return [-g]
    case .abs: return [g * c.input(0).sign()]
    case .sign, .stepFunction: return [Tensor.zerosLike(g)]
    case .exp: return [g * c.output()]
    case .exp2: return [g * c.output() * Foundation.log(2.0)]
    case .expm1: return [g * (c.output() + 1)]
    case .log: return [g / c.input(0)]
    case .log2: return [g / (c.input(0) * Foundation.log(2.0))]
    case .log10: return [g / (c.input(0) * Foundation.log(10.0))]
    case .log1p: return [g / (c.input(0) + 1)]
    case .sqrt: return [g / (c.output() * 2)]
    case .rsqrt: return [g * c.output().pow(3) * -0.5]
    case .reciprocal:
        let r = c.output()
        return [-g * r * r]
    case .sin: return [g * c.input(0).cos()]
    case .cos: return [-g * c.input(0).sin()]
    case .tan:
        let r = c.output()
        return [g * (r * r + 1)]
    case .asin:
        let x = c.input(0)
        return [g * (1 - x * x).rsqrt()]
    case .acos:
        let x = c.input(0)
        return [-g * (1 - x * x).rsqrt()]
    case .atan:
        let x = c.input(0)
        return [g / (x * x + 1)]
    case .sinh: return [g * c.input(0).cosh()]
    case .cosh: return [g * c.input(0).sinh()]
    case .tanh:
        let r = c.output()
        return [g * (1 - r * r)]
    case .asinh:
        let x = c.input(0)
        return [g * (x * x + 1).rsqrt()]
    case .acosh:
        let x = c.input(0)
        return [g * (x * x - 1).rsqrt()]
    case .atanh:
        let x = c.input(0)
        return [g / (1 - x * x)]
    case .sigmoid:
        let r = c.output()
        return [g * r * (1 - r)]
    case .logit(let eps):
        let x = c.input(0)
        let d = g / (x * (1 - x))
        guard let eps else { return [d] }
        return [d.maskedFill(x.lt(.double(eps)).logicalOr(x.gt(.double(1 - eps))), 0)]
    case .erf:
        let x = c.input(0)
        return [g * (-(x * x)).exp() * (2 / Double.pi.squareRoot())]
    case .erfc:
        let x = c.input(0)
        return [g * (-(x * x)).exp() * (-2 / Double.pi.squareRoot())]
    case .erfinv:
        let r = c.output()
        return [g * (r * r).exp() * (Double.pi.squareRoot() / 2)]
    case .lgamma: return [g * c.input(0).digamma()]
    case .digamma: return [g * c.input(0).polygamma(1)]
    case .polygamma(let n): return [g * c.input(0).polygamma(n + 1)]
    case .relu:
        // Recorded under createGraph (the composite is differentiable); otherwise torch's fused kernel.
        if isGradEnabled { return [g.maskedFill(c.output().le(0), 0)] }
        return [NNOps.thresholdBackward(g, c.output(), threshold: 0)]
    case .silu:
        let x = c.input(0)
        let s = x.sigmoid()
        return [g * s * (1 + x * (1 - s))]
    case .gelu(let approximate):
        let x = c.input(0)
        if approximate == "tanh" {
            let k = (2 / Double.pi).squareRoot()
            let t = (k * (x + 0.044715 * x.pow(3))).tanh()
            return [g * (0.5 * (1 + t) + 0.5 * x * (1 - t * t) * k * (1 + 3 * 0.044715 * x * x))]
        }
        let cdf = 0.5 * (1 + (x * (1 / 2.0.squareRoot())).erf())
        let pdf = (-0.5 * x * x).exp() * (1 / (2 * Double.pi).squareRoot())
        return [g * (cdf + x * pdf)]
    case .softplus(let beta, let threshold):
        let z = c.input(0) * beta
        return [Tensor.where(z.gt(.double(threshold)), g, g * z.sigmoid())]
    case .frac: return [g]
    case .nanToNum: return [g.maskedFill(c.input(0).isfinite().logicalNot(), 0)]

    // MARK: Binary
    case .add(let alpha):
        return [g, c.needs(1) ? (alpha == 1 ? g : g * alpha) : nil]
    case .sub(let alpha):
        return [g, c.needs(1) ? (alpha == 1 ? -g : g * -alpha.doubleValue) : nil]
    case .mul:
        return [c.needs(0) ? g * c.input(1) : nil, c.needs(1) ? g * c.input(0) : nil]
    case .mulScalar(let s): return [g * s]
    case .div:
        let b = c.input(1)
        return [c.needs(0) ? g / b : nil, c.needs(1) ? -g * c.input(0) / (b * b) : nil]
    case .divScalar(let s): return [g / s]
    case .rsub: return [-g]
    case .rdiv:
        let r = c.output()
        return [-g * r / c.input(0)]
    case .divRounding: return [Tensor.zerosLike(g), c.needs(1) ? Tensor.zerosLike(g) : nil]
    case .remainder:
        guard c.needs(1) else { return [g, nil] }
        return [g, -g * c.input(0).div(c.input(1), roundingMode: "floor")]
    case .fmod:
        guard c.needs(1) else { return [g, nil] }
        return [g, -g * c.input(0).div(c.input(1), roundingMode: "trunc")]
    case .pow:
        let a = c.input(0), b = c.input(1)
        var ga: Tensor?, gb: Tensor?
        if c.needs(0) { ga = (g * b * a.pow(b - 1)).maskedFill(b.eq(0), 0) }
        if c.needs(1) { gb = (g * c.output() * a.log()).maskedFill(a.eq(0).logicalAnd(b.ge(0)), 0) }
        return [ga, gb]
    case .powScalar(let e):
        if e.doubleValue == 0 { return [Tensor.zerosLike(g)] }
        if e.doubleValue == 2 { return [g * (c.input(0) * 2)] }
        return [g * e * c.input(0).pow(.double(e.doubleValue - 1))]
    case .powScalarBase(let base):
        let r = c.output()
        if base.doubleValue == 0 { return [(g * r * Foundation.log(0.0)).maskedFill(r.isnan().logicalNot(), 0)] }
        return [g * r * Foundation.log(base.doubleValue)]
    case .atan2:
        let a = c.input(0), b = c.input(1)
        let denominator = a * a + b * b
        return [c.needs(0) ? g * b / denominator : nil, c.needs(1) ? -g * a / denominator : nil]
    case .hypot:
        let r = c.output()
        return [c.needs(0) ? g * c.input(0) / r : nil, c.needs(1) ? g * c.input(1) / r : nil]
    case .logaddexp:
        let a = c.input(0), b = c.input(1)
        return [c.needs(0) ? g / ((b - a).exp() + 1) : nil, c.needs(1) ? g / ((a - b).exp() + 1) : nil]
    case .logaddexp2:
        let a = c.input(0), b = c.input(1)
        return [c.needs(0) ? g / ((b - a).exp2() + 1) : nil, c.needs(1) ? g / ((a - b).exp2() + 1) : nil]
    case .copysign:
        let x = c.input(0)
        let ratio = (c.output() / x).maskedFill(x.eq(0), 0)
        return [g * ratio, c.needs(1) ? Tensor.zerosLike(g) : nil]
    case .xlogy:
        let x = c.input(0), y = c.input(1)
        return [c.needs(0) ? (g * y.log()).maskedFill(x.eq(0), 0) : nil, c.needs(1) ? g * x / y : nil]
    case .xlogyScalar(let s):
        return [(g * Foundation.log(s.doubleValue)).maskedFill(c.input(0).eq(0), 0)]
    case .maximum, .fmax, .minimum, .fmin:
        let a = c.input(0), b = c.input(1)
        let isMax: Bool = {
            if case .maximum = op { return true }
            if case .fmax = op { return true }
            return false
        }()
        let shared = Tensor.where(a.eq(b), g / 2, g)
        let aLoses = isMax ? a.lt(b) : a.gt(b)
        let bLoses = isMax ? a.gt(b) : a.lt(b)
        return [c.needs(0) ? shared.maskedFill(aLoses, 0) : nil, c.needs(1) ? shared.maskedFill(bLoses, 0) : nil]
    case .addcmul(let value):
        return [g, c.needs(1) ? g * c.input(2) * value : nil, c.needs(2) ? g * c.input(1) * value : nil]
    case .addcdiv(let value):
        let t1 = c.input(1), t2 = c.input(2)
        return [g, c.needs(1) ? g * value / t2 : nil, c.needs(2) ? -g * value * t1 / (t2 * t2) : nil]
    case .lerp(let weight):
        if let weight {
            let w = weight.doubleValue
            return [c.needs(0) ? g * (1 - w) : nil, c.needs(1) ? g * w : nil]
        }
        let start = c.input(0), end = c.input(1), w = c.input(2)
        return [c.needs(0) ? g * (1 - w) : nil, c.needs(1) ? g * w : nil, c.needs(2) ? g * (end - start) : nil]
    case .clamp(let low, let high):
        let x = c.input(0)
        var outside: Tensor?
        if let low { outside = x.lt(low) }
        if let high { outside = outside.map { $0.logicalOr(x.gt(high)) } ?? x.gt(high) }
        return [outside.map { g.maskedFill($0, 0) } ?? g]
    case .where:
        let condition = c.input(0)
        return [
            nil, c.needs(1) ? Tensor.where(condition, g, 0) : nil, c.needs(2) ? Tensor.where(condition, 0, g) : nil,
        ]

    // MARK: Reductions
    case .sum(let dims, let keepdim):
        return [g.expandedBack(dims, keepdim: keepdim, inputShape: c.shape())]
    case .nansum(let dims, let keepdim):
        let x = c.input(0)
        return [g.expandedBack(dims, keepdim: keepdim, inputShape: c.shape()).maskedFill(x.isnan(), 0)]
    case .mean(let dims, let keepdim):
        let n = reducedCount(c.shape(), dims)
        return [(g / Double(n)).expandedBack(dims, keepdim: keepdim, inputShape: c.shape())]
    case .nanmean(let dims, let keepdim):
        let x = c.input(0)
        let valid = x.isnan().logicalNot()
        let count = valid.sum(dims: dims ?? Array(0..<x.ndim), keepdim: true)
        return [
            (g.unreduced(dims, keepdim: keepdim, inputShape: c.shape()) / count).expand(c.shape()).maskedFill(
                x.isnan(), 0)
        ]
    case .prod(let dims, let keepdim):
        return [prodBackward(g, c.input(0), dims, keepdim)]
    case .extremum(let dims, let keepdim, _):
        return [evenlyDistributed(g, c, dims, keepdim)]
    case .medianAll:
        return [evenlyDistributed(g, c, nil, false)]
    case .alongIndices(let dim, let keepdim, _):
        let shape = c.shape()
        if shape.isEmpty { return [g.reshape([])] }
        var indices = c.output(1), values = g
        if !keepdim && indices.ndim < shape.count {
            indices = indices.unsqueeze(dim)
            values = values.unsqueeze(dim)
        }
        return [Tensor.zeros(shape, dtype: g.dtype).scatterAdd(dim: dim, index: indices, src: values)]
    case .variance(let dims, let correction, let keepdim):
        let x = c.input(0)
        let n = reducedCount(c.shape(), dims)
        let centered = x - x.mean(dims: dims ?? Array(0..<x.ndim), keepdim: true)
        return [g.unreduced(dims, keepdim: keepdim, inputShape: c.shape()) * centered * (2 / (Double(n) - correction))]
    case .standardDeviation(let dims, let correction, let keepdim):
        let x = c.input(0)
        let n = reducedCount(c.shape(), dims)
        let centered = x - x.mean(dims: dims ?? Array(0..<x.ndim), keepdim: true)
        let r = c.output().unreduced(dims, keepdim: keepdim, inputShape: c.shape())
        let gu = g.unreduced(dims, keepdim: keepdim, inputShape: c.shape())
        return [(gu * centered / (r * (Double(n) - correction))).maskedFill(r.eq(0).expand(c.shape()), 0)]
    case .logsumexp(let dims, let keepdim):
        let r = c.output().unreduced(dims, keepdim: keepdim, inputShape: c.shape())
        return [g.unreduced(dims, keepdim: keepdim, inputShape: c.shape()) * (c.input(0) - r).exp()]
    case .softmax(let dim):
        let r = c.output()
        return [r * (g - (g * r).sum(dim: dim, keepdim: true))]
    case .logSoftmax(let dim):
        return [g - c.output().exp() * g.sum(dim: dim, keepdim: true)]
    case .cumsum(let dim):
        return [g.flip([dim]).cumsum(dim: dim).flip([dim])]
    case .cumprod(let dim):
        let x = c.input(0)
        return [(g * c.output()).flip([dim]).cumsum(dim: dim).flip([dim]) / x]

    // MARK: Shape
    case .view, .reshape, .squeeze, .unsqueeze:
        return [g.reshape(c.shape())]
    case .expand: return [g.sumTo(c.shape())]
    case .transpose(let d0, let d1): return [g.transpose(d0, d1)]
    case .permute(let dims):
        var inverse = [Int](repeating: 0, count: dims.count)
        for (i, d) in dims.enumerated() { inverse[wrapDim(d, dims.count)] = i }
        return [g.permute(inverse)]
    case .narrow, .select, .diagonal, .unfold:
        return [asStridedBackward(g, input: c.geometry(), output: c.outputGeometry())]
    case .diagEmbed(let offset, let dim1, let dim2):
        return [g.diagonal(offset: offset, dim1: dim1, dim2: dim2)]
    case .cat(let dim):
        var start = 0
        var result: [Tensor?] = []
        let d = wrapDim(dim, g.ndim)
        for i in 0..<c.inputCount {
            let shape = c.shape(i)
            // torch.cat skips legacy empty 1-D inputs.
            if shape == [0] && g.ndim != 1 {
                result.append(nil)
                continue
            }
            let length = shape[d]
            result.append(c.needs(i) ? g.narrow(dim: d, start: start, length: length) : nil)
            start += length
        }
        return result
    case .stack(let dim):
        let d = wrapDim(dim, g.ndim)
        return (0..<c.inputCount).map { c.needs($0) ? g.select(dim: d, index: $0) : nil }
    case .flip(let dims): return [g.flip(dims)]
    case .roll(let shifts, let dims): return [g.roll(shifts: shifts.map { -$0 }, dims: dims)]
    case .repeat(let repeats):
        let shape = c.shape()
        let padded = [Int](repeating: 1, count: repeats.count - shape.count) + shape
        var interleaved: [Int] = []
        for (r, s) in zip(repeats, padded) { interleaved += [r, s] }
        let summed = g.reshape(interleaved).sum(dims: Array(stride(from: 0, to: interleaved.count, by: 2)))
        return [summed.reshape(shape)]
    case .tril(let k): return [g.tril(diagonal: k)]
    case .triu(let k): return [g.triu(diagonal: k)]

    // MARK: Indexing
    case .index(let indices):
        return [Tensor.zeros(c.shape(), dtype: g.dtype).indexPut(indices, g, accumulate: true)]
    case .indexPut(let indices, let accumulate):
        let gSelf = c.needs(0) ? (accumulate ? g : g.indexPut(indices, Tensor.zeros([], dtype: g.dtype))) : nil
        return [gSelf, c.needs(1) ? g.index(indices) : nil]
    case .gather(let dim, let index):
        return [Tensor.zeros(c.shape(), dtype: g.dtype).scatterAdd(dim: dim, index: index, src: g)]
    case .scatter(let dim, let index):
        let hasSource = c.inputCount > 1 && c.node.inputs[1] != nil
        return [
            c.needs(0) ? g.scatter(dim: dim, index: index, value: 0) : nil,
            hasSource && c.needs(1) ? g.gather(dim: dim, index: index) : nil,
        ]
    case .scatterAdd(let dim, let index):
        return [g, c.needs(1) ? g.gather(dim: dim, index: index) : nil]
    case .scatterReduce(let dim, let index, let reduce, let includeSelf):
        return scatterReduceBackward(g, c, dim, index, reduce, includeSelf)
    case .indexSelect(let dim, let index):
        return [Tensor.zeros(c.shape(), dtype: g.dtype).indexAdd(dim: dim, index: index, source: g)]
    case .indexAdd(let dim, let index, let alpha):
        return [g, c.needs(1) ? g.indexSelect(dim: dim, index: index).reshape(c.shape(1)) * alpha : nil]
    case .indexCopy(let dim, let index):
        return [
            c.needs(0) ? g.indexFill(dim: dim, index: index, value: 0) : nil,
            c.needs(1) ? g.indexSelect(dim: dim, index: index).reshape(c.shape(1)) : nil,
        ]
    case .indexFill(let dim, let index):
        let hasValue = c.inputCount > 1 && c.node.inputs[1] != nil
        return [
            c.needs(0) ? g.indexFill(dim: dim, index: index, value: 0) : nil,
            hasValue && c.needs(1) ? g.indexSelect(dim: dim, index: index).sum() : nil,
        ]
    case .maskedFill(let mask):
        let hasValue = c.inputCount > 1 && c.node.inputs[1] != nil
        return [
            c.needs(0) ? g.maskedFill(mask, 0) : nil,
            hasValue && c.needs(1) ? Tensor.where(mask, g, 0).sum() : nil,
        ]
    case .maskedSelect(let mask):
        let shape = broadcastShapes(c.shape(), mask.sizes)
        return [Tensor.zeros(shape, dtype: g.dtype).maskedScatter(mask.expand(shape), g)]
    case .maskedScatter(let mask):
        var gSource: Tensor?
        if c.needs(1) {
            let sourceShape = c.shape(1)
            let selected = g.maskedSelect(mask)
            let total = sourceShape.reduce(1, *)
            let padded =
                selected.numel < total
                ? Tensor.cat([selected, Tensor.zeros([total - selected.numel], dtype: g.dtype)]) : selected
            gSource = padded.reshape(sourceShape)
        }
        return [c.needs(0) ? g.maskedFill(mask, 0) : nil, gSource]
    case .take(let index):
        return [Tensor.zeros(c.shape(), dtype: g.dtype).put(index, g, accumulate: true)]
    case .put(let index, let accumulate):
        let gSelf = c.needs(0) ? (accumulate ? g : g.put(index, Tensor.zeros(index.sizes, dtype: g.dtype))) : nil
        return [gSelf, c.needs(1) ? g.take(index).reshape(c.shape(1)) : nil]

    // MARK: Linear algebra
    case .mm:
        return [
            c.needs(0) ? mmMat1Backward(g, mat1: c.input(0), mat2: c.input(1)) : nil,
            c.needs(1) ? mmMat2Backward(g, mat1: c.input(0), mat2: c.input(1)) : nil,
        ]
    case .bmm:
        return [c.needs(0) ? g.bmm(c.input(1).mTransposed) : nil, c.needs(1) ? c.input(0).mTransposed.bmm(g) : nil]
    case .mv:
        return [c.needs(0) ? g.outer(c.input(1)) : nil, c.needs(1) ? c.input(0).t().mv(g) : nil]
    case .dot, .vdot:
        return [c.needs(0) ? g * c.input(1) : nil, c.needs(1) ? g * c.input(0) : nil]
    case .outer:
        return [c.needs(0) ? g.mv(c.input(1)) : nil, c.needs(1) ? g.t().mv(c.input(0)) : nil]
    case .matmul:
        return matmulBackward(g, c)
    case .addmm(let beta, let alpha):
        return [
            c.needs(0) ? g.maybeMultiplied(by: beta) : nil,
            c.needs(1) ? mmMat1Backward(g, mat1: c.input(1), mat2: c.input(2), alpha: alpha) : nil,
            c.needs(2) ? mmMat2Backward(g, mat1: c.input(1), mat2: c.input(2), alpha: alpha) : nil,
        ]
    case .addmv(let beta, let alpha):
        return [
            c.needs(0) ? g.maybeMultiplied(by: beta) : nil,
            c.needs(1) ? g.outer(c.input(2)).maybeMultiplied(by: alpha) : nil,
            c.needs(2) ? c.input(1).t().mv(g).maybeMultiplied(by: alpha) : nil,
        ]
    case .baddbmm(let beta, let alpha):
        return [
            c.needs(0) ? g.maybeMultiplied(by: beta) : nil,
            c.needs(1) ? g.bmm(c.input(2).mTransposed).maybeMultiplied(by: alpha) : nil,
            c.needs(2) ? c.input(1).mTransposed.bmm(g).maybeMultiplied(by: alpha) : nil,
        ]
    case .inv:
        let r = c.output()
        return [-(r.mTransposed.matmul(g).matmul(r.mTransposed))]
    case .solve(let left):
        return solveBackward(g, c, left: left)
    case .det:
        let a = c.input(0)
        return [(g * c.output()).unsqueeze(-1).unsqueeze(-1) * Linalg.inv(a).mTransposed]
    case .slogdet:
        let gLog = grads.count > 1 ? grads[1] : nil
        guard let gLog else { return [Tensor.zeros(c.shape(), dtype: c.dtype())] }
        return [gLog.unsqueeze(-1).unsqueeze(-1) * Linalg.inv(c.input(0)).mTransposed]
    case .cholesky(let upper):
        return [choleskyBackward(g, c.output(), upper: upper)]
    case .qr(let mode):
        return [qrBackward(grads, c, mode: mode)]
    case .svd(let fullMatrices):
        return [svdBackward(grads, c, fullMatrices: fullMatrices)]
    case .svdvals:
        let (u, _, vh) = Linalg.svd(c.input(0), fullMatrices: false)
        return [u.matmul(g.unsqueeze(-1) * vh)]
    case .eigh:
        return [eighBackward(grads[0], grads.count > 1 ? grads[1] : nil, c.output(0), c.output(1))]
    case .eigvalsh:
        let (_, v) = Linalg.eigh(c.input(0))
        return [v.matmul(g.unsqueeze(-1) * v.mTransposed)]
    case .pinv:
        return referenceVJP([c.input(0)], g) { pinvReference($0[0]) }
    case .lstsq:
        return referenceVJP([c.input(0), c.input(1)], g) { lstsqReference($0[0], $0[1]) }
    case .vectorNorm(let ord, let dims, let keepdim):
        return [vectorNormBackward(g, c.input(0), c.output(), ord: ord, dims: dims, keepdim: keepdim)]
    case .matrixNorm(let ord, let dims, let keepdim):
        return referenceVJP([c.input(0)], g) { matrixNormReference($0[0], ord, dims, keepdim) }
    case .trace:
        let shape = c.shape()
        let mask = Tensor.ones(shape, dtype: .bool).tril(diagonal: 0).triu(diagonal: 0)
        return [Tensor.where(mask, g, 0)]
    case .einsum(let equation):
        return einsumBackward(g, c, equation)
    case .linear(let map): return [map.transposed(g)]
    case .linearTransposed(let map): return [map(g)]
    case .groupNorm(let groups, let eps): return groupNormDerivative(c, g, groups: groups, eps: eps)
    case .embeddingBag(let arguments): return embeddingBagDerivative(c, g, arguments)
    case .convolution, .mseLoss, .l1Loss, .smoothL1Loss, .huberLoss, .binaryCrossEntropy, .binaryCrossEntropyWithLogits,
        .nllLoss, .crossEntropyLoss, .maxPool3dWithIndices, .avgPool3d, .adaptiveAvgPool3d, .nativeBatchNorm,
        .nativeLayerNorm, .embedding, .nativeDropout, .dropoutMask:
        return kernelDerivative(nnKernelBackward(op), c, g)

    // MARK: Fused recurrent cells and layers (first order: the backward kernels are not recorded)
    case .lstmCell(let workspace):
        let (gates, cx) = NNOps.lstmCellBackward(
            gradHy: grads[0], gradCy: grads[1], cx: c.input(2), workspace: workspace)
        return [gates, gates, cx]
    case .gruCell(let workspace):
        let r = NNOps.gruCellBackward(gradHy: g, hx: c.input(2), workspace: workspace)
        return [r.gradInputGates, r.gradHiddenGates, r.gradHx]
    case .rnnLayer(let saved):
        let optional = { (i: Int) in c.node.inputs[i] == nil ? nil : c.input(i) }
        return NNOps.rnnLayerBackward(
            gradOutput: grads[0], gradHy: grads[1], gradCy: grads.count > 2 ? grads[2] : nil, hx: c.input(1),
            cx: optional(2), weightHh: c.input(3), hasBias: c.node.inputs[4] != nil, weightHr: optional(5),
            output: c.output(0), saved: saved)
    }
}
