/// Public functions of TensorCore and F the sweep does not cover yet — to be added to
/// Tests/Fixtures/generate/op_sweep.py and SweepOps, and taken out of this list (OpCoverageTests fails for a
/// public function in neither the sweep, this list nor `notOps`): the explicit backward functions, the RNN
/// cells, the remaining decompositions (eigh, qr, svd, lstsq, pinv), the *WithIndices and 1-D pooling
/// forms, embedding bags, seeded dropout variants, views (`view`, `t`, `select`, `asStrided`, ...).
enum SweepBacklog {
    static let names: Set<String> = [
        "adaptiveAvgPool1dBackward", "adaptiveAvgPool3dBackward", "adaptiveMaxPool2dBackward",
        "adaptiveMaxPool2dWithIndices",
        "avgPool1dBackward", "avgPool3dBackward", "batchNormBackward", "binaryCrossEntropyBackward",
        "binaryCrossEntropyWithLogitsBackward",
        "conv3dBackward", "convolution", "copy", "crossEntropyBackward", "dropout2d", "eigh", "embeddingBagBackward",
        "embeddingRenorm", "featureDropout", "fill", "gruCell", "gruCellBackward", "instanceNormBackward",
        "klDivBackward",
        "lstmCell", "lstmCellBackward", "lstsq", "maxPool1dWithIndicesBackward", "maxPool2dWithIndices",
        "maxPool3dWithIndicesBackward",
        "nativeDropout", "nativeDropoutBackward", "nllLossBackward", "nllLossForward", "padBackward", "qr", "randLike",
        "randintLike", "randnLike", "random", "rnnLayer", "scaledDotProductAttentionMath", "svd", "to", "trilIndices",
        "triuIndices", "upsample3d", "upsampleBilinear2d", "upsampleNearest2d", "zero",
    ]

    /// Public API that is not a tensor op (state, threads, printing, raw access, devices, generators'
    /// plumbing, helpers) or has no values to compare (`empty`: uninitialized).
    static let notOps: Set<String> = [
        // Regions and switches, not ops: autocast and its queries, reproducibility (their tests: AutocastTests,
        // AutocastStateTests, DeterminismModeTests).
        "autocast", "isEnabled", "dtype", "useDeterministicAlgorithms", "areDeterministicAlgorithmsEnabled",
        "isDeterministicAlgorithmsWarnOnlyEnabled", "setSeed",
        "at", "best", "broadcastShapes", "broadcastStrides", "bumpVersion", "checkAvailable", "checkTensors", "collect",
        "contains", "contiguousStrides", "convertElement", "copyTensors", "cpu", "cuda", "deviceCount", "dim",
        "empty", "emptyLike", "forEachRun", "get", "getItem", "getNumThreads", "getPrintOptions", "getRngState",
        "getState", "index", "initialSeed", "innerStride", "isAvailable", "item", "makeIterator", "manualSeed",
        "mutablePointer", "numel", "parallelFor", "pointer", "promote", "releaseCachedMemory", "resultType", "run",
        "seed", "set", "setDefault", "setItem", "setNumThreads", "setPrintOptions", "setRngState", "setState",
        "shapeString", "size", "slice", "stride", "tensor", "toArray", "torchCheck", "torchFail", "validateState",
        "withUnsafeBufferPointer", "wrapDim",
    ]
}
