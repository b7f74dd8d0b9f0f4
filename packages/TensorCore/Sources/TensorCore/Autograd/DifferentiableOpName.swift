/// Every op tag by name: the list `AllOpsGradcheckTests` checks against (each name gradchecked), kept in code.
/// `name`'s switch is exhaustive, so a new `DifferentiableOp` case does not compile until it is named here.
package enum DifferentiableOpName: String, CaseIterable, Sendable {
    case clone, cast, asStrided, subscriptView, fill, notImplemented, neg, abs, sign, exp, exp2, expm1, log, log2,
        log10, log1p, sqrt, rsqrt, reciprocal, sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, asinh, acosh,
        atanh, sigmoid, logit, erf, erfc, erfinv, relu, silu, gelu, lgamma, digamma, polygamma, softplus,
        stepFunction, frac, nanToNum, add, sub, mul, div, divRounding, remainder, fmod, pow, atan2, maximum,
        minimum, fmax, fmin, hypot, logaddexp, logaddexp2, copysign, xlogy, xlogyScalar, mulScalar, divScalar,
        powScalar, powScalarBase, rsub, rdiv, addcmul, addcdiv, lerp, clamp, `where`, sum, nansum, mean, nanmean,
        prod, extremum, medianAll, alongIndices, variance, standardDeviation, logsumexp, softmax, logSoftmax,
        cumsum, cumprod, view, reshape, squeeze, unsqueeze, expand, transpose, permute, narrow, select, diagonal,
        diagEmbed, unfold, cat, stack, flip, roll, `repeat`, tril, triu, index, indexPut, gather, scatter, scatterAdd,
        scatterReduce, indexSelect, indexAdd, indexCopy, indexFill, maskedFill, maskedSelect, maskedScatter, take,
        put, matmul, mm, bmm, mv, dot, vdot, outer, addmm, addmv, baddbmm, inv, solve, det, slogdet, cholesky, qr,
        svd, svdvals, eigh, eigvalsh, pinv, lstsq, vectorNorm, matrixNorm, trace, einsum, linear, linearTransposed,
        groupNorm, embeddingBag, convolution, mseLoss, l1Loss, smoothL1Loss, huberLoss, binaryCrossEntropy,
        binaryCrossEntropyWithLogits, nllLoss, crossEntropyLoss, maxPool3dWithIndices, avgPool3d, adaptiveAvgPool3d,
        nativeBatchNorm, nativeLayerNorm, embedding, nativeDropout, dropoutMask, lstmCell, gruCell, rnnLayer
}

extension DifferentiableOp {
    /// The tag's name without its arguments.
    package var name: DifferentiableOpName {
        switch self {
        case .clone: .clone
        case .cast: .cast
        case .asStrided: .asStrided
        case .subscriptView: .subscriptView
        case .fill: .fill
        case .notImplemented: .notImplemented
        case .neg: .neg
        case .abs: .abs
        case .sign: .sign
        case .exp: .exp
        case .exp2: .exp2
        case .expm1: .expm1
        case .log: .log
        case .log2: .log2
        case .log10: .log10
        case .log1p: .log1p
        case .sqrt: .sqrt
        case .rsqrt: .rsqrt
        case .reciprocal: .reciprocal
        case .sin: .sin
        case .cos: .cos
        case .tan: .tan
        case .asin: .asin
        case .acos: .acos
        case .atan: .atan
        case .sinh: .sinh
        case .cosh: .cosh
        case .tanh: .tanh
        case .asinh: .asinh
        case .acosh: .acosh
        case .atanh: .atanh
        case .sigmoid: .sigmoid
        case .logit: .logit
        case .erf: .erf
        case .erfc: .erfc
        case .erfinv: .erfinv
        case .relu: .relu
        case .silu: .silu
        case .gelu: .gelu
        case .lgamma: .lgamma
        case .digamma: .digamma
        case .polygamma: .polygamma
        case .softplus: .softplus
        case .stepFunction: .stepFunction
        case .frac: .frac
        case .nanToNum: .nanToNum
        case .add: .add
        case .sub: .sub
        case .mul: .mul
        case .div: .div
        case .divRounding: .divRounding
        case .remainder: .remainder
        case .fmod: .fmod
        case .pow: .pow
        case .atan2: .atan2
        case .maximum: .maximum
        case .minimum: .minimum
        case .fmax: .fmax
        case .fmin: .fmin
        case .hypot: .hypot
        case .logaddexp: .logaddexp
        case .logaddexp2: .logaddexp2
        case .copysign: .copysign
        case .xlogy: .xlogy
        case .xlogyScalar: .xlogyScalar
        case .mulScalar: .mulScalar
        case .divScalar: .divScalar
        case .powScalar: .powScalar
        case .powScalarBase: .powScalarBase
        case .rsub: .rsub
        case .rdiv: .rdiv
        case .addcmul: .addcmul
        case .addcdiv: .addcdiv
        case .lerp: .lerp
        case .clamp: .clamp
        case .where: .where
        case .sum: .sum
        case .nansum: .nansum
        case .mean: .mean
        case .nanmean: .nanmean
        case .prod: .prod
        case .extremum: .extremum
        case .medianAll: .medianAll
        case .alongIndices: .alongIndices
        case .variance: .variance
        case .standardDeviation: .standardDeviation
        case .logsumexp: .logsumexp
        case .softmax: .softmax
        case .logSoftmax: .logSoftmax
        case .cumsum: .cumsum
        case .cumprod: .cumprod
        case .view: .view
        case .reshape: .reshape
        case .squeeze: .squeeze
        case .unsqueeze: .unsqueeze
        case .expand: .expand
        case .transpose: .transpose
        case .permute: .permute
        case .narrow: .narrow
        case .select: .select
        case .diagonal: .diagonal
        case .diagEmbed: .diagEmbed
        case .unfold: .unfold
        case .cat: .cat
        case .stack: .stack
        case .flip: .flip
        case .roll: .roll
        case .repeat: .repeat
        case .tril: .tril
        case .triu: .triu
        case .index: .index
        case .indexPut: .indexPut
        case .gather: .gather
        case .scatter: .scatter
        case .scatterAdd: .scatterAdd
        case .scatterReduce: .scatterReduce
        case .indexSelect: .indexSelect
        case .indexAdd: .indexAdd
        case .indexCopy: .indexCopy
        case .indexFill: .indexFill
        case .maskedFill: .maskedFill
        case .maskedSelect: .maskedSelect
        case .maskedScatter: .maskedScatter
        case .take: .take
        case .put: .put
        case .matmul: .matmul
        case .mm: .mm
        case .bmm: .bmm
        case .mv: .mv
        case .dot: .dot
        case .vdot: .vdot
        case .outer: .outer
        case .addmm: .addmm
        case .addmv: .addmv
        case .baddbmm: .baddbmm
        case .inv: .inv
        case .solve: .solve
        case .det: .det
        case .slogdet: .slogdet
        case .cholesky: .cholesky
        case .qr: .qr
        case .svd: .svd
        case .svdvals: .svdvals
        case .eigh: .eigh
        case .eigvalsh: .eigvalsh
        case .pinv: .pinv
        case .lstsq: .lstsq
        case .vectorNorm: .vectorNorm
        case .matrixNorm: .matrixNorm
        case .trace: .trace
        case .einsum: .einsum
        case .linear: .linear
        case .linearTransposed: .linearTransposed
        case .groupNorm: .groupNorm
        case .embeddingBag: .embeddingBag
        case .convolution: .convolution
        case .mseLoss: .mseLoss
        case .l1Loss: .l1Loss
        case .smoothL1Loss: .smoothL1Loss
        case .huberLoss: .huberLoss
        case .binaryCrossEntropy: .binaryCrossEntropy
        case .binaryCrossEntropyWithLogits: .binaryCrossEntropyWithLogits
        case .nllLoss: .nllLoss
        case .crossEntropyLoss: .crossEntropyLoss
        case .maxPool3dWithIndices: .maxPool3dWithIndices
        case .avgPool3d: .avgPool3d
        case .adaptiveAvgPool3d: .adaptiveAvgPool3d
        case .nativeBatchNorm: .nativeBatchNorm
        case .nativeLayerNorm: .nativeLayerNorm
        case .embedding: .embedding
        case .nativeDropout: .nativeDropout
        case .dropoutMask: .dropoutMask
        case .lstmCell: .lstmCell
        case .gruCell: .gruCell
        case .rnnLayer: .rnnLayer
        }
    }
}
