// swift-tools-version:6.1
// One manifest for the monorepo: a library product per module, each module in packages/<Name>.
// See ../DESIGN.md (shared) and CONTRIBUTING.md for the layering rules: modules depend only downward.
import PackageDescription


let package = Package(
    name: "swift-torch",
    products: [
        .library(name: "TensorCore", targets: ["TensorCore"]),
        .library(name: "Autodiff", targets: ["Autodiff"]),
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
        .target(name: "Autodiff", dependencies: ["TensorCore"], path: "packages/Autodiff/Sources/Autodiff"),
        .testTarget(
            name: "AutodiffTests", dependencies: ["Autodiff"], path: "packages/Autodiff/Tests/AutodiffTests"),
    ]
)
