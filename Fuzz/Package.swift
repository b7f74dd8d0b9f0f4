// swift-tools-version:6.1
// libFuzzer harnesses for every parser of outside data, in their own package so the main build stays
// unsanitized. One executable per parser; build them all instrumented with the line in README.md
// (or `make fuzz` at the repo root, which also runs each over its corpus with a short budget).
import PackageDescription

let harnesses: [(name: String, product: String)] = [
    ("fuzz-pt", "CheckpointHDF5"), ("fuzz-safetensors", "CheckpointHDF5"), ("fuzz-hdf5", "CheckpointHDF5"),
    ("fuzz-idx", "DataPipeline"), ("fuzz-cifar", "DataPipeline"), ("fuzz-png", "DataPipeline"),
    ("fuzz-jpeg", "DataPipeline"), ("fuzz-csv", "DataPipeline"), ("fuzz-onnx", "Export"),
]

let package = Package(
    name: "swift-torch-fuzz",
    dependencies: [.package(name: "swift-torch", path: "..")],
    targets: [
        .target(name: "FuzzSupport", path: "FuzzSupport"),
        .target(
            name: "DataFuzzSupport", dependencies: [.product(name: "DataPipeline", package: "swift-torch")],
            path: "DataFuzzSupport"),
    ]
        + harnesses.map { harness in
            .executableTarget(
                name: harness.name,
                dependencies: ["FuzzSupport", .product(name: harness.product, package: "swift-torch")]
                    + (harness.product == "DataPipeline" ? ["DataFuzzSupport"] : [])
                    + (harness.product == "Export" ? [.product(name: "TensorCore", package: "swift-torch")] : []),
                path: harness.name,
                exclude: ["corpus"]
            )
        }
)
