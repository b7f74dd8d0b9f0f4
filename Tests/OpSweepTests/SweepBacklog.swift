/// Public functions of TensorCore and F the sweep does not cover yet: ops still to be added to
/// Tests/Fixtures/generate/op_sweep.py and SweepOps (NN functionals, linear algebra, indexing, creation,
/// random, the explicit backward functions), and API that is not an op (printing, state, threads) — to be
/// moved out of this list, into the sweep or into a `notAnOp` list, as the sweep grows. A name that is in
/// neither the sweep nor here fails OpCoverageTests: a new op must come with its sweep entry.
enum SweepBacklog {
    static let names: Set<String> = [
        "adaptiveAvgPool1d", "adaptiveAvgPool1dBackward", "adaptiveAvgPool2dBackward", "adaptiveAvgPool3dBackward",
        "adaptiveMaxPool1d", "adaptiveMaxPool2dBackward", "adaptiveMaxPool2dWithIndices", "addmm", "addmv", "adjoint",
        "allclose", "arange", "argwhere", "asStrided", "at", "atleast1d", "atleast2d", "atleast3d", "avgPool1d",
        "avgPool1dBackward", "avgPool2dBackward", "avgPool3dBackward", "baddbmm", "batchNormBackward", "bernoulli",
        "best", "bfloat16", "binaryCrossEntropyBackward", "binaryCrossEntropyWithLogitsBackward", "bmm", "bool",
        "broadcastShapes", "broadcastStrides", "broadcastTensors", "broadcastTo", "bumpVersion", "byte", "char",
        "checkAvailable", "checkTensors", "cholesky", "clampMax", "clampMin", "clip", "collect", "concat", "concatenate",
        "contains", "contiguousStrides", "conv3dBackward", "convTranspose1d", "convertElement", "convolution",
        "convolutionBackward", "copy", "copyTensors", "cpu", "cross", "crossEntropyBackward", "cuda", "det", "deviceCount",
        "diag", "diagEmbed", "diagonal", "dim", "dot", "double", "dropout2d", "dstack", "eigh", "eigvalsh", "einsum",
        "embeddingBackward", "embeddingBag", "embeddingBagBackward", "embeddingRenorm", "empty", "emptyLike", "equal",
        "expandAs", "exponential", "eye", "featureDropout", "fill", "fix", "fliplr", "flipud", "float", "forEachRun",
        "full", "fullLike", "gather", "ger", "get", "getItem", "getNumThreads", "getPrintOptions", "getRngState",
        "getState", "groupNormBackward", "gruCell", "gruCellBackward", "half", "hstack", "huberLossBackward", "index",
        "indexAdd", "indexCopy", "indexFill", "indexPut", "indexSelect", "initialSeed", "innerStride", "instanceNormBackward",
        "int", "inv", "inverse", "isAvailable", "isclose", "item", "klDivBackward", "kthvalue", "l1LossBackward",
        "layerNormBackward", "linspace", "logspace", "long", "lstmCell", "lstmCellBackward", "lstsq", "makeIterator",
        "manualSeed", "maskedFill", "maskedScatter", "maskedSelect", "matmul", "matrixNorm", "matrixRank", "maxPool1dWithIndices",
        "maxPool1dWithIndicesBackward", "maxPool2dWithIndices", "maxPool2dWithIndicesBackward", "maxPool3dWithIndices",
        "maxPool3dWithIndicesBackward", "mm", "mode", "moveaxis", "mseLossBackward", "multinomial", "mutablePointer",
        "mv", "nanmedian", "nativeDropout", "nativeDropoutBackward", "negative", "nllLoss2d", "nllLossBackward",
        "nllLossForward", "nonzero", "norm", "normal", "numel", "ones", "onesLike", "outer", "padBackward", "parallelFor",
        "pinv", "pointer", "polygamma", "promote", "put", "qr", "rand", "randLike", "randint", "randintLike", "randn",
        "randnLike", "random", "randperm", "releaseCachedMemory", "repeatInterleave", "reshapeAs", "resultType",
        "rnnLayer", "run", "scalarTensor", "scaledDotProductAttentionMath", "scatter", "scatterAdd", "scatterReduce",
        "seed", "select", "set", "setDefault", "setItem", "setNumThreads", "setPrintOptions", "setRngState", "setState",
        "shapeString", "short", "size", "slice", "slogdet", "smoothL1LossBackward", "solve", "stdMean", "stride",
        "svd", "svdvals", "swapaxes", "swapdims", "t", "take", "takeAlongDim", "tensor", "tensorSplit", "thresholdBackward",
        "tile", "to", "toArray", "topk", "torchCheck", "torchFail", "trace", "trilIndices", "triuIndices", "typeAs",
        "unbind", "unflatten", "unfold", "uniform", "unique", "upsample3d", "upsampleBilinear2d", "upsampleBilinear2dBackward",
        "upsampleNearest2d", "upsampleNearest2dBackward", "validateState", "varMean", "vdot", "vectorNorm", "view",
        "viewAs", "vstack", "withUnsafeBufferPointer", "wrapDim", "zero", "zeros", "zerosLike",
    ]
}
