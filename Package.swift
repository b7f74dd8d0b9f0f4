// swift-tools-version:6.1
// One manifest for the monorepo: a library product per module, each module in packages/<Name>.
// See ../DESIGN.md (shared) and CONTRIBUTING.md for the layering rules: modules depend only downward.
import PackageDescription


let package = Package(
    name: "swift-torch",
    products: [
        .library(name: "TensorCore", targets: ["TensorCore"]),
        .library(name: "DataPipeline", targets: ["DataPipeline"]),
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
        // libpng, libjpeg(-turbo) and zlib behind one small C target: their errors longjmp, so the
        // calls stay in C (apt: libpng-dev libjpeg62-turbo-dev zlib1g-dev).
        .target(
            name: "CImageCodecs",
            path: "packages/DataPipeline/Sources/CImageCodecs",
            linkerSettings: [.linkedLibrary("png16"), .linkedLibrary("jpeg"), .linkedLibrary("z")]
        ),
        .target(
            name: "DataPipeline",
            dependencies: ["TensorCore", "CImageCodecs"],
            path: "packages/DataPipeline/Sources/DataPipeline"
        ),
        .testTarget(
            name: "DataPipelineTests",
            dependencies: ["DataPipeline"],
            path: "packages/DataPipeline/Tests/DataPipelineTests"
        ),
    ]
)
