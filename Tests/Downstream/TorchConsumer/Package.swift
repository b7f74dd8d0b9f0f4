// swift-tools-version:6.1
// A downstream project that asks for the Torch umbrella (`make downstream`); its main.swift is the
// README's "first program".
import PackageDescription

let package = Package(
    name: "torch-consumer",
    dependencies: [.package(name: "swift-torch", path: "../../..")],
    targets: [
        .executableTarget(
            name: "torch-consumer",
            dependencies: [.product(name: "Torch", package: "swift-torch")],
            path: "Sources"
        )
    ]
)
