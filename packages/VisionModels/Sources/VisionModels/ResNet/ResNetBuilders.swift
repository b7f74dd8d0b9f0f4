import Layers

// torchvision's builders. Without weights, a freshly initialized model (drawing from the default
// generator as torchvision does); with weights, the model torchvision builds for them (as many classes as
// the weights' categories) holding the state dict from torch's hub cache, downloaded there if absent.

/// `torchvision.models.resnet18()`: BasicBlock ×[2, 2, 2, 2], 11,689,512 parameters.
public func resnet18(numClasses: Int = 1000, zeroInitResidual: Bool = false) -> ResNet {
    ResNet(block: BasicBlock.self, layers: [2, 2, 2, 2], numClasses: numClasses, zeroInitResidual: zeroInitResidual)
}

/// `torchvision.models.resnet34()`: BasicBlock ×[3, 4, 6, 3], 21,797,672 parameters.
public func resnet34(numClasses: Int = 1000, zeroInitResidual: Bool = false) -> ResNet {
    ResNet(block: BasicBlock.self, layers: [3, 4, 6, 3], numClasses: numClasses, zeroInitResidual: zeroInitResidual)
}

/// `torchvision.models.resnet50()`: Bottleneck ×[3, 4, 6, 3], 25,557,032 parameters.
public func resnet50(numClasses: Int = 1000, zeroInitResidual: Bool = false) -> ResNet {
    ResNet(block: Bottleneck.self, layers: [3, 4, 6, 3], numClasses: numClasses, zeroInitResidual: zeroInitResidual)
}

/// `torchvision.models.resnet101()`: Bottleneck ×[3, 4, 23, 3], 44,549,160 parameters.
public func resnet101(numClasses: Int = 1000, zeroInitResidual: Bool = false) -> ResNet {
    ResNet(block: Bottleneck.self, layers: [3, 4, 23, 3], numClasses: numClasses, zeroInitResidual: zeroInitResidual)
}

/// `torchvision.models.resnet152()`: Bottleneck ×[3, 8, 36, 3], 60,192,808 parameters.
public func resnet152(numClasses: Int = 1000, zeroInitResidual: Bool = false) -> ResNet {
    ResNet(block: Bottleneck.self, layers: [3, 8, 36, 3], numClasses: numClasses, zeroInitResidual: zeroInitResidual)
}

/// `resnet18(weights=ResNet18_Weights.IMAGENET1K_V1)`.
/// PyTorch: `torchvision.models.resnet18` with weights.
public func resnet18(weights: ResNet18Weights, progress: Bool = true) throws -> ResNet {
    try pretrained(resnet18(numClasses: classCount(weights.weights)), weights.weights, progress: progress)
}

/// `resnet34(weights=ResNet34_Weights.IMAGENET1K_V1)`.
/// PyTorch: `torchvision.models.resnet34` with weights.
public func resnet34(weights: ResNet34Weights, progress: Bool = true) throws -> ResNet {
    try pretrained(resnet34(numClasses: classCount(weights.weights)), weights.weights, progress: progress)
}

/// `resnet50(weights=ResNet50_Weights.IMAGENET1K_V2)` (or `.imagenet1kV1`).
/// PyTorch: `torchvision.models.resnet50` with weights.
public func resnet50(weights: ResNet50Weights, progress: Bool = true) throws -> ResNet {
    try pretrained(resnet50(numClasses: classCount(weights.weights)), weights.weights, progress: progress)
}

/// `resnet101(weights=ResNet101_Weights.IMAGENET1K_V2)` (or `.imagenet1kV1`).
/// PyTorch: `torchvision.models.resnet101` with weights.
public func resnet101(weights: ResNet101Weights, progress: Bool = true) throws -> ResNet {
    try pretrained(resnet101(numClasses: classCount(weights.weights)), weights.weights, progress: progress)
}

/// `resnet152(weights=ResNet152_Weights.IMAGENET1K_V2)` (or `.imagenet1kV1`).
/// PyTorch: `torchvision.models.resnet152` with weights.
public func resnet152(weights: ResNet152Weights, progress: Bool = true) throws -> ResNet {
    try pretrained(resnet152(numClasses: classCount(weights.weights)), weights.weights, progress: progress)
}
