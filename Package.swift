// swift-tools-version:6.1
// One manifest for the monorepo: a library product per module, each module in packages/<Name>.
// See ../DESIGN.md (shared) and CONTRIBUTING.md for the layering rules: modules depend only downward.
import PackageDescription


let package = Package(
    name: "swift-torch",
    products: [
        .library(name: "TensorCore", targets: ["TensorCore"]),
        .library(name: "CheckpointHDF5", targets: ["CheckpointHDF5"]),
        .executable(name: "convert-checkpoint", targets: ["convert-checkpoint"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CBLAS",
            path: "packages/TensorCore/Sources/CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        .target(
            name: "TensorCore",
            dependencies: ["CBLAS"],
            path: "packages/TensorCore/Sources/TensorCore"
        ),
        .testTarget(
            name: "TensorCoreTests",
            dependencies: ["TensorCore"],
            path: "packages/TensorCore/Tests/TensorCoreTests"
        ),
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
    ]
)
