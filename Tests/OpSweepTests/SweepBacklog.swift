/// Public functions of TensorCore and F the sweep does not cover yet — to be added to
/// Tests/Fixtures/generate/op_sweep.py and SweepOps, and taken out of this list (OpCoverageTests fails for a
/// public function in neither the sweep, this list nor `notOps`, and for a listed name that is swept or no
/// longer public). Empty: every public op is swept (NNOps' kernels are `package`; `F` is their public face).
enum SweepBacklog {
    static let names: Set<String> = []

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
