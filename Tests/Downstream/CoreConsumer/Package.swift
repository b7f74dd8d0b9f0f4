// swift-tools-version:6.1
// A downstream project that asks for the TensorCore product alone (`make downstream`): it must build
// without Autodiff, Layers, CheckpointHDF5/CHDF5, DataPipeline or any example.
import PackageDescription

let package = Package(
    name: "core-consumer",
    dependencies: [.package(name: "swift-torch", path: "../../..")],
    targets: [
        .executableTarget(
            name: "core-consumer",
            dependencies: [.product(name: "TensorCore", package: "swift-torch")],
            path: "Sources"
        )
    ]
)
