/// Public functions of TensorCore and F the sweep does not cover yet: ops still to be added to
/// Tests/Fixtures/generate/op_sweep.py and SweepOps (NN functionals, linear algebra, indexing, creation,
/// random, the explicit backward functions), and API that is not an op (printing, state, threads) — to be
/// moved out of this list, into the sweep or into a `notAnOp` list, as the sweep grows. A name that is in
/// neither the sweep nor here fails OpCoverageTests: a new op must come with its sweep entry.
enum SweepBacklog {
    static let names: Set<String> = [
        "adaptiveAvgPool1d", "adaptiveAvgPool1dBackward", "adaptiveAvgPool2dBackward", "adaptiveAvgPool3dBackward",
        "adaptiveMaxPool1d", "adaptiveMaxPool2dBackward", "adaptiveMaxPool2dWithIndices", "adjoint", "allclose",
        "asStrided", "at", "atleast1d", "atleast3d", "avgPool1d", "avgPool1dBackward", "avgPool2dBackward", "avgPool3dBackward",
        "batchNormBackward", "best", "binaryCrossEntropyBackward", "binaryCrossEntropyWithLogitsBackward", "broadcastShapes",
        "broadcastStrides", "broadcastTensors", "bumpVersion", "checkAvailable", "checkTensors", "clip", "collect",
        "concat", "concatenate", "contains", "contiguousStrides", "conv3dBackward", "convTranspose1d", "convertElement",
        "convolution", "convolutionBackward", "copy", "copyTensors", "cpu", "crossEntropyBackward", "cuda", "deviceCount",
        "dim", "dropout2d", "eigh", "eigvalsh", "embeddingBackward", "embeddingBag", "embeddingBagBackward", "embeddingRenorm",
        "empty", "emptyLike", "featureDropout", "fill", "forEachRun", "fullLike", "ger", "get", "getItem", "getNumThreads",
        "getPrintOptions", "getRngState", "getState", "groupNormBackward", "gruCell", "gruCellBackward", "huberLossBackward",
        "index", "indexPut", "initialSeed", "innerStride", "instanceNormBackward", "inverse", "isAvailable", "item",
        "klDivBackward", "l1LossBackward", "layerNormBackward", "lstmCell", "lstmCellBackward", "lstsq", "makeIterator",
        "manualSeed", "matrixRank", "maxPool1dWithIndices", "maxPool1dWithIndicesBackward", "maxPool2dWithIndices",
        "maxPool2dWithIndicesBackward", "maxPool3dWithIndices", "maxPool3dWithIndicesBackward", "mseLossBackward",
        "mutablePointer", "nativeDropout", "nativeDropoutBackward", "nllLoss2d", "nllLossBackward", "nllLossForward",
        "norm", "numel", "onesLike", "padBackward", "parallelFor", "pinv", "pointer", "polygamma", "promote", "qr",
        "randLike", "randintLike", "randnLike", "random", "releaseCachedMemory", "reshapeAs", "resultType", "rnnLayer",
        "run", "scaledDotProductAttentionMath", "scatterReduce", "seed", "select", "set", "setDefault", "setItem",
        "setNumThreads", "setPrintOptions", "setRngState", "setState", "shapeString", "size", "slice", "smoothL1LossBackward",
        "stride", "svd", "swapdims", "t", "tensor", "thresholdBackward", "to", "toArray", "torchCheck", "torchFail",
        "trilIndices", "triuIndices", "typeAs", "unique", "upsample3d", "upsampleBilinear2d", "upsampleBilinear2dBackward",
        "upsampleNearest2d", "upsampleNearest2dBackward", "validateState", "vdot", "view", "viewAs", "withUnsafeBufferPointer",
        "wrapDim", "zero", "zerosLike",
    ]
}
