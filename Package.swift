// swift-tools-version:6.1
// One manifest for the monorepo: a library product per module, each module in packages/<Name>.
// Modules depend only downward (CONTRIBUTING.md); a C library sits behind the one module that needs it.
import PackageDescription

let package = Package(
    name: "swift-torch",
    // No `platforms:`: it sets only minimum Apple OS versions, and swift-torch supports Linux alone (its C
    // libraries come from Debian; README "Use it in your project"). macOS would need at least .macOS(.v15),
    // for Synchronization's Atomic.
    products: [
        .library(name: "TensorCore", targets: ["TensorCore"]),
        .library(name: "Autodiff", targets: ["Autodiff"]),
        .library(name: "Layers", targets: ["Layers"]),
        .library(name: "DataPipeline", targets: ["DataPipeline"]),
        .library(name: "CheckpointHDF5", targets: ["CheckpointHDF5"]),
        .library(name: "Optimizers", targets: ["Optimizers"]),
        .library(name: "Schedulers", targets: ["Schedulers"]),
        .library(name: "TensorBoard", targets: ["TensorBoard"]),
        .library(name: "VisionModels", targets: ["VisionModels"]),
        .library(name: "Distributed", targets: ["Distributed"]),
        .library(name: "ProtoWire", targets: ["ProtoWire"]),
        .library(name: "Export", targets: ["Export"]),
        .executable(name: "convert-checkpoint", targets: ["convert-checkpoint"]),
        .executable(name: "tensor-basics", targets: ["tensor-basics"]),
        .executable(name: "device-check", targets: ["device-check"]),
        .executable(name: "autograd-basics", targets: ["autograd-basics"]),
        .executable(name: "module-basics", targets: ["module-basics"]),
        .executable(name: "linear-regression", targets: ["linear-regression"]),
        .executable(name: "optimizers-compare", targets: ["optimizers-compare"]),
        .executable(name: "lr-schedulers", targets: ["lr-schedulers"]),
        .executable(name: "normalization-layers", targets: ["normalization-layers"]),
        .executable(name: "cifar-cnn", targets: ["cifar-cnn"]),
        .executable(name: "sequence-forecast", targets: ["sequence-forecast"]),
        .executable(name: "transformer-encoder", targets: ["transformer-encoder"]),
        .executable(name: "custom-datasets", targets: ["custom-datasets"]),
        .executable(name: "save-load", targets: ["save-load"]),
        .executable(name: "mixed-precision", targets: ["mixed-precision"]),
        .executable(name: "export-model", targets: ["export-model"]),
        .executable(name: "transfer-learning", targets: ["transfer-learning"]),
        .library(name: "Torch", targets: ["Torch"]),
        .executable(name: "train-mnist", targets: ["train-mnist"]),
        .executable(name: "train-ddp", targets: ["train-ddp"]),
        .executable(name: "ddp-launch", targets: ["ddp-launch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // `swift package generate-documentation`: the DocC catalogs of the library products (CI builds them).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // MARK: TensorCore (OpenBLAS + LAPACKE)
        // Every C library is a system library with pkgConfig and providers: when its .pc file is missing,
        // SwiftPM names the Debian package to install (Tests/Downstream/check-system-libraries.sh checks).
        .systemLibrary(
            name: "CBLAS",
            path: "packages/TensorCore/Sources/CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        .systemLibrary(
            name: "CLAPACKE",
            path: "packages/TensorCore/Sources/CLAPACKE",
            pkgConfig: "lapacke",
            providers: [.apt(["liblapacke-dev"])]
        ),
        // AVX2+FMA kernels chosen at run time (a package may not pass -march to Swift).
        .target(name: "CVectorKernels", path: "packages/TensorCore/Sources/CVectorKernels"),
        .target(
            name: "TensorCore",
            dependencies: ["CBLAS", "CLAPACKE", "CVectorKernels"],
            path: "packages/TensorCore/Sources/TensorCore"
        ),
        // Fixture loader + assert_close checks for every package's tests (imports Swift Testing).
        .target(
            name: "TorchTestSupport",
            dependencies: ["TensorCore"],
            path: "packages/TensorCore/Tests/TestSupport"
        ),
        .testTarget(
            name: "TensorCoreTests",
            dependencies: ["TensorCore", "TorchTestSupport"],
            path: "packages/TensorCore/Tests/TensorCoreTests"
        ),

        // MARK: DataPipeline (libpng, libjpeg-turbo, zlib)
        .systemLibrary(
            name: "CLibPNG", path: "packages/DataPipeline/Sources/CLibPNG", pkgConfig: "libpng16",
            providers: [.apt(["libpng-dev"])]),
        .systemLibrary(
            name: "CLibJPEG", path: "packages/DataPipeline/Sources/CLibJPEG", pkgConfig: "libjpeg",
            providers: [.apt(["libjpeg62-turbo-dev"])]),
        .systemLibrary(
            name: "CZlib", path: "packages/DataPipeline/Sources/CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),
        // Their errors longjmp, so the calls stay in one small C target.
        .target(
            name: "CImageCodecs",
            dependencies: ["CLibPNG", "CLibJPEG", "CZlib"],
            path: "packages/DataPipeline/Sources/CImageCodecs"
        ),
        .target(
            name: "DataPipeline",
            dependencies: ["TensorCore", "CImageCodecs"],
            path: "packages/DataPipeline/Sources/DataPipeline"
        ),
        .testTarget(
            name: "DataPipelineTests",
            dependencies: ["DataPipeline", "TorchTestSupport"],
            path: "packages/DataPipeline/Tests/DataPipelineTests"
        ),

        // MARK: CheckpointHDF5 (libhdf5) and convert-checkpoint
        // CHDF5's shim also includes zlib.h (crc32 for .pt zips): libhdf5-dev depends on zlib1g-dev.
        .systemLibrary(
            name: "CHDF5",
            path: "packages/CheckpointHDF5/Sources/CHDF5",
            pkgConfig: "hdf5",
            providers: [.apt(["libhdf5-dev"])]
        ),
        .target(
            name: "CheckpointHDF5",
            dependencies: ["TensorCore", "CHDF5"],
            path: "packages/CheckpointHDF5/Sources/CheckpointHDF5"
        ),
        .testTarget(
            name: "CheckpointHDF5Tests",
            dependencies: ["CheckpointHDF5"],
            path: "packages/CheckpointHDF5/Tests/CheckpointHDF5Tests"
        ),
        .executableTarget(
            name: "convert-checkpoint",
            dependencies: [
                "CheckpointHDF5", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "tools/convert-checkpoint"
        ),

        // MARK: Examples: the guide's sections as programs
        .executableTarget(name: "tensor-basics", dependencies: ["TensorCore"], path: "Examples/TensorBasics"),
        .executableTarget(name: "device-check", dependencies: ["Torch"], path: "Examples/DeviceCheck"),
        .executableTarget(name: "autograd-basics", dependencies: ["Torch"], path: "Examples/AutogradBasics"),
        .executableTarget(
            name: "module-basics", dependencies: ["Torch", "ExampleSupport"], path: "Examples/ModuleBasics"),
        .executableTarget(name: "linear-regression", dependencies: ["Torch"], path: "Examples/LinearRegression"),
        .executableTarget(name: "optimizers-compare", dependencies: ["Torch"], path: "Examples/OptimizersCompare"),
        .executableTarget(name: "lr-schedulers", dependencies: ["Torch"], path: "Examples/LRSchedulers"),
        .executableTarget(name: "normalization-layers", dependencies: ["Torch"], path: "Examples/NormalizationLayers"),

        // MARK: Autodiff (derivatives for TensorCore's ops, recorded through TensorCore's hook)
        .target(name: "CGradState", path: "packages/Autodiff/Sources/CGradState"),
        .target(
            name: "Autodiff", dependencies: ["TensorCore", "CGradState"], path: "packages/Autodiff/Sources/Autodiff"),
        .testTarget(
            name: "AutodiffTests", dependencies: ["Autodiff"], path: "packages/Autodiff/Tests/AutodiffTests"),

        // MARK: Optimizers (torch.optim) and Schedulers (torch.optim.lr_scheduler)
        // Fused update kernels in C: AVX2+FMA chosen at run time (Swift's baseline is SSE2, no FMA).
        .target(
            name: "COptimizerKernels", dependencies: ["CVectorKernels"],
            path: "packages/Optimizers/Sources/COptimizerKernels",
            linkerSettings: [.linkedLibrary("m")]),
        .target(
            name: "Optimizers", dependencies: ["Autodiff", "TensorCore", "COptimizerKernels"],
            path: "packages/Optimizers/Sources/Optimizers"),
        .testTarget(
            name: "OptimizersTests", dependencies: ["Optimizers"], path: "packages/Optimizers/Tests/OptimizersTests"),
        .target(name: "Schedulers", dependencies: ["Optimizers"], path: "packages/Schedulers/Sources/Schedulers"),
        .testTarget(
            name: "SchedulersTests", dependencies: ["Schedulers"], path: "packages/Schedulers/Tests/SchedulersTests"),

        // MARK: Layers (torch.nn: modules, layers, losses, init, functional)
        .target(name: "Layers", dependencies: ["Autodiff", "TensorCore"], path: "packages/Layers/Sources/Layers"),
        .testTarget(
            name: "LayersTests", dependencies: ["Layers", "TorchTestSupport"], path: "packages/Layers/Tests/LayersTests"
        ),

        // MARK: ProtoWire (protobuf's wire format, hand-written: TensorBoard's events, Export's ONNX files)
        .target(name: "ProtoWire", path: "packages/ProtoWire/Sources/ProtoWire"),
        .testTarget(
            name: "ProtoWireTests", dependencies: ["ProtoWire"], path: "packages/ProtoWire/Tests/ProtoWireTests"),

        // MARK: Export (torch.jit.trace / torch.onnx / torch.compile: tracing, ONNX out and in, compiled inference)
        .target(
            name: "Export", dependencies: ["Layers", "Autodiff", "TensorCore", "ProtoWire"],
            path: "packages/Export/Sources/Export"),
        .testTarget(
            name: "ExportTests", dependencies: ["Export", "VisionModels", "TorchTestSupport"],
            path: "packages/Export/Tests/ExportTests"),

        // MARK: TensorBoard (torch.utils.tensorboard: event files with a hand-written protobuf encoder)
        // Reads event files back with TensorBoard's own EventAccumulator (for this package's and the examples' tests).
        .target(
            name: "TensorBoardTestSupport", dependencies: ["TorchTestSupport"],
            path: "packages/TensorBoard/Tests/TestSupport"),
        .target(
            name: "TensorBoard", dependencies: ["TensorCore", "DataPipeline", "ProtoWire"],
            path: "packages/TensorBoard/Sources/TensorBoard"),
        .testTarget(
            name: "TensorBoardTests",
            dependencies: ["TensorBoard", "ProtoWire", "TorchTestSupport", "TensorBoardTestSupport"],
            path: "packages/TensorBoard/Tests/TensorBoardTests"),

        // MARK: VisionModels (torchvision.models: ResNet, VGG, their weights through torch.hub's cache)
        .target(
            name: "VisionModels", dependencies: ["Layers", "TensorCore", "DataPipeline", "CheckpointHDF5"],
            path: "packages/VisionModels/Sources/VisionModels"),
        .testTarget(
            name: "VisionModelsTests", dependencies: ["VisionModels", "TorchTestSupport"],
            path: "packages/VisionModels/Tests/VisionModelsTests"),

        // MARK: Distributed (torch.distributed and DistributedDataParallel on Open MPI)
        .systemLibrary(
            name: "CMPI", path: "packages/Distributed/Sources/CMPI", pkgConfig: "ompi-c",
            providers: [.apt(["libopenmpi-dev"])]),
        // MPI's handles are macros Swift cannot import: small C wrappers take integer codes instead.
        .target(name: "CMPIShim", dependencies: ["CMPI"], path: "packages/Distributed/Sources/CMPIShim"),
        .target(
            name: "Distributed", dependencies: ["TensorCore", "Autodiff", "Layers", "DataPipeline", "CMPIShim"],
            path: "packages/Distributed/Sources/Distributed"),
        // The processes the tests start under mpirun (one scenario per run).
        .executableTarget(
            name: "distributed-worker", dependencies: ["Distributed"],
            path: "packages/Distributed/Tests/Worker"),
        .testTarget(
            name: "DistributedTests",
            dependencies: ["Distributed", "distributed-worker", "CheckpointHDF5", "TorchTestSupport"],
            path: "packages/Distributed/Tests/DistributedTests"),

        // MARK: Integration tests across packages
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["Layers", "Optimizers", "Schedulers", "CheckpointHDF5", "VisionModels", "TorchTestSupport"],
            path: "Tests/IntegrationTests"
        ),

        // MARK: Torch (the umbrella: `import Torch` re-exports every module) and the main job
        .target(
            name: "Torch",
            dependencies: [
                "TensorCore", "Autodiff", "Layers", "Optimizers", "Schedulers", "DataPipeline", "CheckpointHDF5",
                "TensorBoard", "VisionModels", "Distributed", "Export",
            ],
            path: "packages/Torch/Sources/Torch"),
        // What the training examples share (their `--tensorboard` logging).
        .target(name: "ExampleSupport", dependencies: ["Torch"], path: "Examples/Support"),
        .executableTarget(
            name: "train-mnist",
            dependencies: [
                "Torch", "ExampleSupport", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Examples/TrainMNIST"),
        // The guide's section 17 (DDP over MPI) and its torchrun-like launcher.
        .executableTarget(
            name: "train-ddp",
            dependencies: ["Torch", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Examples/TrainDDP"),
        .executableTarget(
            name: "ddp-launch",
            dependencies: ["Distributed", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "tools/ddp-launch"),
        .executableTarget(
            name: "cifar-cnn",
            dependencies: [
                "Torch", "ExampleSupport", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ], path: "Examples/CIFARCNN"),
        .executableTarget(
            name: "sequence-forecast",
            dependencies: [
                "Torch", "ExampleSupport", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ], path: "Examples/SequenceForecast"),
        .executableTarget(name: "transformer-encoder", dependencies: ["Torch"], path: "Examples/TransformerEncoder"),
        .executableTarget(
            name: "custom-datasets",
            dependencies: ["Torch", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Examples/CustomDatasets"),
        .executableTarget(
            name: "save-load",
            dependencies: ["Torch", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Examples/SaveLoad"),
        .executableTarget(name: "mixed-precision", dependencies: ["Torch"], path: "Examples/MixedPrecision"),
        .executableTarget(name: "export-model", dependencies: ["Torch"], path: "Examples/ExportModel"),
        .executableTarget(
            name: "transfer-learning",
            dependencies: [
                "Torch", "ExampleSupport", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Examples/TransferLearning"),
        // The differential sweep of TensorCore's and F's ops against torch (Tests/Fixtures/op_sweep.json).
        .testTarget(name: "OpSweepTests", dependencies: ["Layers", "TorchTestSupport"], path: "Tests/OpSweepTests"),
        .testTarget(
            name: "TorchTests", dependencies: ["Torch", "train-mnist", "TorchTestSupport", "TensorBoardTestSupport"],
            path: "Tests/TorchTests"),
        // Runs every example program and checks the lines torch prints for the same code.
        .testTarget(
            name: "ExamplesTests",
            dependencies: [
                "tensor-basics", "device-check", "autograd-basics", "module-basics",
                "linear-regression", "optimizers-compare", "lr-schedulers", "normalization-layers",
                "cifar-cnn", "sequence-forecast", "transformer-encoder", "custom-datasets", "save-load",
                "mixed-precision",
                "export-model", "transfer-learning", "train-ddp", "ddp-launch", "Distributed", "CheckpointHDF5",
                "VisionModels", "TorchTestSupport",
                "TensorBoardTestSupport",
            ],
            path: "Tests/ExamplesTests", exclude: ["Expected", "generate_expected.sh"]),
    ]
)
