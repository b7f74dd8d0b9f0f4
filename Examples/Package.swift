// swift-tools-version:6.1
// The guide's sections as programs, and their tests: a package of its own that reaches swift-torch by a path
// dependency, as a user's project does, so a package depending on swift-torch builds libraries only.
// `make run` runs the main job from here (train-mnist); `make test` builds and tests this package too.
import PackageDescription

/// An example program: the guide's section, depending on the umbrella (and ArgumentParser when it takes options).
func example(_ name: String, _ path: String, options: Bool = false, support: Bool = false) -> Target {
    var dependencies: [Target.Dependency] = [.product(name: "Torch", package: "swift-torch")]
    if support { dependencies.append("ExampleSupport") }
    if options { dependencies.append(.product(name: "ArgumentParser", package: "swift-argument-parser")) }
    return .executableTarget(name: name, dependencies: dependencies, path: path)
}

let programs: [(name: String, path: String, options: Bool, support: Bool)] = [
    ("device-check", "DeviceCheck", false, false),
    ("autograd-basics", "AutogradBasics", false, false),
    ("module-basics", "ModuleBasics", false, true),
    ("linear-regression", "LinearRegression", false, false),
    ("train-mnist", "TrainMNIST", true, true),
    ("cifar-cnn", "CIFARCNN", true, true),
    ("sequence-forecast", "SequenceForecast", true, true),
    ("transformer-encoder", "TransformerEncoder", false, false),
    ("custom-datasets", "CustomDatasets", true, false),
    ("optimizers-compare", "OptimizersCompare", false, false),
    ("lr-schedulers", "LRSchedulers", false, false),
    ("normalization-layers", "NormalizationLayers", false, false),
    ("transfer-learning", "TransferLearning", true, true),
    ("save-load", "SaveLoad", true, false),
    ("export-model", "ExportModel", false, false),
    ("train-ddp", "TrainDDP", true, false),
    ("mixed-precision", "MixedPrecision", false, false),
]

let package = Package(
    name: "swift-torch-examples",
    products: [.executable(name: "tensor-basics", targets: ["tensor-basics"])]
        + programs.map { .executable(name: $0.name, targets: [$0.name]) },
    dependencies: [
        .package(name: "swift-torch", path: ".."),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // Section 2 needs tensors alone.
        .executableTarget(
            name: "tensor-basics", dependencies: [.product(name: "TensorCore", package: "swift-torch")],
            path: "TensorBasics"),
        // What the training programs share (their `--tensorboard` logging).
        .target(
            name: "ExampleSupport", dependencies: [.product(name: "Torch", package: "swift-torch")], path: "Support"),
    ] + programs.map { example($0.name, $0.path, options: $0.options, support: $0.support) } + [
        // Runs every program and checks the lines torch prints for the same code (Expected/, from the twins in
        // pytorch/); train-ddp runs under mpirun and restarts through swift-torch's ddp-launch.
        .testTarget(
            name: "ExamplesTests",
            dependencies: ["tensor-basics"] + programs.map { .target(name: $0.name) } + [
                .product(name: "ddp-launch", package: "swift-torch"),
                .product(name: "TensorCore", package: "swift-torch"),
                .product(name: "CheckpointHDF5", package: "swift-torch"),
                .product(name: "Distributed", package: "swift-torch"),
                .product(name: "VisionModels", package: "swift-torch"),
                .product(name: "TorchTestSupport", package: "swift-torch"),
                .product(name: "TensorBoardTestSupport", package: "swift-torch"),
            ],
            path: "Tests/ExamplesTests", exclude: ["Expected", "generate_expected.sh"]),
        // The main job as a user runs it: train-mnist's accuracy, options, checkpoints and resume.
        .testTarget(
            name: "MainJobTests",
            dependencies: [
                "train-mnist",
                .product(name: "Torch", package: "swift-torch"),
                .product(name: "TorchTestSupport", package: "swift-torch"),
                .product(name: "TensorBoardTestSupport", package: "swift-torch"),
            ],
            path: "Tests/MainJobTests"),
    ]
)
