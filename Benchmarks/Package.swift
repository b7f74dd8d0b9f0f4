// swift-tools-version:6.1
// Benchmarks live in their own package so the main build and `make test` stay light.
// One executable per module; each has a PyTorch twin in pytorch/ that runs the same workloads.
// Run side by side: python3 compare.py TensorCore   (see README.md)
import PackageDescription

let package = Package(
    name: "swift-torch-benchmarks",
    dependencies: [.package(name: "swift-torch", path: "..")],
    targets: [
        .target(name: "BenchSupport", path: "BenchSupport"),
        .target(name: "CPeakLoops", path: "CPeakLoops"),
        .executableTarget(
            name: "TensorCoreBench",
            dependencies: ["BenchSupport", "CPeakLoops", .product(name: "TensorCore", package: "swift-torch")],
            path: "TensorCoreBench"
        ),
        .executableTarget(
            name: "AutodiffBench",
            dependencies: [
                "BenchSupport", .product(name: "TensorCore", package: "swift-torch"),
                .product(name: "Autodiff", package: "swift-torch"),
            ],
            path: "AutodiffBench"
        ),
        .executableTarget(
            name: "OptimizersBench",
            dependencies: [
                "BenchSupport", .product(name: "Optimizers", package: "swift-torch"),
                .product(name: "Autodiff", package: "swift-torch"),
                .product(name: "TensorCore", package: "swift-torch"),
            ],
            path: "OptimizersBench"
        ),
        .executableTarget(
            name: "LayersBench",
            dependencies: [
                "BenchSupport", .product(name: "Layers", package: "swift-torch"),
                .product(name: "Optimizers", package: "swift-torch"),
                .product(name: "Autodiff", package: "swift-torch"),
                .product(name: "TensorCore", package: "swift-torch"),
            ],
            path: "LayersBench"
        ),
        .executableTarget(
            name: "DataPipelineBench",
            dependencies: ["BenchSupport", .product(name: "DataPipeline", package: "swift-torch")],
            path: "DataPipelineBench"
        ),
        .executableTarget(
            name: "CheckpointHDF5Bench",
            dependencies: [
                "BenchSupport", .product(name: "CheckpointHDF5", package: "swift-torch"),
                .product(name: "TensorCore", package: "swift-torch"),
            ],
            path: "CheckpointHDF5Bench"
        ),
        // Distributed: our all-reduce beside a bare MPI_Allreduce (a C call on MPI_COMM_WORLD), and DDP steps.
        .systemLibrary(
            name: "CMPIBench", path: "CMPIBench", pkgConfig: "ompi-c", providers: [.apt(["libopenmpi-dev"])]),
        .target(name: "BareMPI", dependencies: ["CMPIBench"], path: "BareMPI"),
        .executableTarget(
            name: "DistributedBench",
            dependencies: [
                "BenchSupport", "BareMPI", .product(name: "Distributed", package: "swift-torch"),
                .product(name: "Layers", package: "swift-torch"), .product(name: "Optimizers", package: "swift-torch"),
                .product(name: "Autodiff", package: "swift-torch"),
                .product(name: "TensorCore", package: "swift-torch"),
            ],
            path: "DistributedBench"
        ),
        .executableTarget(
            name: "ExportBench",
            dependencies: [
                "BenchSupport", .product(name: "Export", package: "swift-torch"),
                .product(name: "Layers", package: "swift-torch"),
                .product(name: "Autodiff", package: "swift-torch"),
                .product(name: "TensorCore", package: "swift-torch"),
            ],
            path: "ExportBench"
        ),
        .executableTarget(
            name: "VisionModelsBench",
            dependencies: [
                "BenchSupport", .product(name: "VisionModels", package: "swift-torch"),
                .product(name: "Layers", package: "swift-torch"),
                .product(name: "Optimizers", package: "swift-torch"),
                .product(name: "Autodiff", package: "swift-torch"),
                .product(name: "TensorCore", package: "swift-torch"),
            ],
            path: "VisionModelsBench"
        ),
    ]
)
