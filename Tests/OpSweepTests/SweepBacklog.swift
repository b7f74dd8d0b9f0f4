/// Public functions of TensorCore and F the sweep does not cover yet — to be added to
/// Tests/Fixtures/generate/op_sweep.py and SweepOps, and taken out of this list (OpCoverageTests fails for a
/// public function in neither the sweep, this list nor `notOps`). What is left are members of `NNOps` only
/// (explicit backward functions, RNN cells and layers, upsample entry points, native dropout, `convolution`,
/// nll_loss's forward, the math attention): `F` is their public surface, and they leave the public API when
/// `NNOps` becomes `package`.
enum SweepBacklog {
    static let names: Set<String> = [
        "adaptiveAvgPool1dBackward", "adaptiveAvgPool3dBackward", "adaptiveMaxPool2dBackward", "avgPool1dBackward",
        "avgPool3dBackward", "batchNormBackward", "binaryCrossEntropyBackward", "binaryCrossEntropyWithLogitsBackward",
        "conv3dBackward", "convolution", "crossEntropyBackward", "embeddingBagBackward", "embeddingRenorm",
        "featureDropout",
        "gruCell", "gruCellBackward", "instanceNormBackward", "klDivBackward", "lstmCell", "lstmCellBackward",
        "maxPool1dWithIndicesBackward", "maxPool3dWithIndicesBackward", "nativeDropout", "nativeDropoutBackward",
        "nllLossBackward", "nllLossForward", "padBackward", "rnnLayer", "scaledDotProductAttentionMath", "upsample3d",
        "upsampleBilinear2d", "upsampleNearest2d",
    ]

    /// Public API that is not a tensor op (state, threads, printing, raw access, devices, generators'
    /// plumbing, helpers) or has no values to compare (`empty`: uninitialized).
    static let notOps: Set<String> = [
        // Regions and switches, not ops: autocast and its queries, reproducibility (their tests: AutocastTests,
        // AutocastStateTests, DeterminismModeTests).
        "autocast", "isEnabled", "dtype", "useDeterministicAlgorithms", "areDeterministicAlgorithmsEnabled",
        "isDeterministicAlgorithmsWarnOnlyEnabled", "setSeed",
        "at", "best", "broadcastStrides", "bumpVersion", "checkAvailable", "checkTensors", "collect",
        "contains", "contiguousStrides", "convertElement", "copyTensors", "cpu", "cuda", "deviceCount", "dim",
        "empty", "emptyLike", "forEachRun", "get", "getNumThreads", "getPrintOptions", "getRngState",
        "getState", "initialSeed", "innerStride", "isAvailable", "makeIterator", "manualSeed",
        "mutablePointer", "numel", "parallelFor", "pointer", "releaseCachedMemory", "run",
        "seed", "set", "setDefault", "setNumThreads", "setPrintOptions", "setRngState", "setState",
        "shapeString", "size", "slice", "stride", "tensor", "toArray", "torchCheck", "torchFail", "validateState",
        "withUnsafeBufferPointer", "wrapDim",
    ]
}
