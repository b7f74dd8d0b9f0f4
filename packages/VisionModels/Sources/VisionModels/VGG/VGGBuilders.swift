import Layers

// torchvision's VGG builders (configurations A, B, D, E = VGG 11, 13, 16, 19), with and without
// BatchNorm. With weights, torchvision skips the init loop (`init_weights=False`): so does this.

/// `torchvision.models.vgg11()`: 132,863,336 parameters.
public func vgg11(numClasses: Int = 1000, dropout: Double = 0.5) -> VGG { vgg(.a, false, numClasses, dropout, true) }
/// `torchvision.models.vgg11_bn()`.
public func vgg11BN(numClasses: Int = 1000, dropout: Double = 0.5) -> VGG { vgg(.a, true, numClasses, dropout, true) }
/// `torchvision.models.vgg13()`.
public func vgg13(numClasses: Int = 1000, dropout: Double = 0.5) -> VGG { vgg(.b, false, numClasses, dropout, true) }
/// `torchvision.models.vgg13_bn()`.
public func vgg13BN(numClasses: Int = 1000, dropout: Double = 0.5) -> VGG { vgg(.b, true, numClasses, dropout, true) }
/// `torchvision.models.vgg16()`: 138,357,544 parameters.
public func vgg16(numClasses: Int = 1000, dropout: Double = 0.5) -> VGG { vgg(.d, false, numClasses, dropout, true) }
/// `torchvision.models.vgg16_bn()`.
public func vgg16BN(numClasses: Int = 1000, dropout: Double = 0.5) -> VGG { vgg(.d, true, numClasses, dropout, true) }
/// `torchvision.models.vgg19()`.
public func vgg19(numClasses: Int = 1000, dropout: Double = 0.5) -> VGG { vgg(.e, false, numClasses, dropout, true) }
/// `torchvision.models.vgg19_bn()`.
public func vgg19BN(numClasses: Int = 1000, dropout: Double = 0.5) -> VGG { vgg(.e, true, numClasses, dropout, true) }

/// `vgg11(weights=VGG11_Weights.IMAGENET1K_V1)` (PyTorch: `torchvision.models.vgg11`).
public func vgg11(weights: VGG11Weights, progress: Bool = true) throws -> VGG {
    try vgg(.a, false, weights.weights, progress)
}
/// `vgg11_bn(weights=VGG11_BN_Weights.IMAGENET1K_V1)` (PyTorch: `torchvision.models.vgg11_bn`).
public func vgg11BN(weights: VGG11BNWeights, progress: Bool = true) throws -> VGG {
    try vgg(.a, true, weights.weights, progress)
}
/// `vgg13(weights=VGG13_Weights.IMAGENET1K_V1)` (PyTorch: `torchvision.models.vgg13`).
public func vgg13(weights: VGG13Weights, progress: Bool = true) throws -> VGG {
    try vgg(.b, false, weights.weights, progress)
}
/// `vgg13_bn(weights=VGG13_BN_Weights.IMAGENET1K_V1)` (PyTorch: `torchvision.models.vgg13_bn`).
public func vgg13BN(weights: VGG13BNWeights, progress: Bool = true) throws -> VGG {
    try vgg(.b, true, weights.weights, progress)
}
/// `vgg16(weights=VGG16_Weights.IMAGENET1K_V1)`; `.imagenet1kFeatures` holds valid `features` only.
/// PyTorch: `torchvision.models.vgg16` with weights.
public func vgg16(weights: VGG16Weights, progress: Bool = true) throws -> VGG {
    try vgg(.d, false, weights.weights, progress)
}
/// `vgg16_bn(weights=VGG16_BN_Weights.IMAGENET1K_V1)` (PyTorch: `torchvision.models.vgg16_bn`).
public func vgg16BN(weights: VGG16BNWeights, progress: Bool = true) throws -> VGG {
    try vgg(.d, true, weights.weights, progress)
}
/// `vgg19(weights=VGG19_Weights.IMAGENET1K_V1)` (PyTorch: `torchvision.models.vgg19`).
public func vgg19(weights: VGG19Weights, progress: Bool = true) throws -> VGG {
    try vgg(.e, false, weights.weights, progress)
}
/// `vgg19_bn(weights=VGG19_BN_Weights.IMAGENET1K_V1)` (PyTorch: `torchvision.models.vgg19_bn`).
public func vgg19BN(weights: VGG19BNWeights, progress: Bool = true) throws -> VGG {
    try vgg(.e, true, weights.weights, progress)
}

private func vgg(
    _ configuration: VGG.Configuration, _ batchNorm: Bool, _ numClasses: Int, _ dropout: Double, _ initWeights: Bool
) -> VGG {
    VGG(
        features: VGG.makeLayers(configuration, batchNorm: batchNorm), numClasses: numClasses, initWeights: initWeights,
        dropout: dropout)
}

private func vgg(_ configuration: VGG.Configuration, _ batchNorm: Bool, _ weights: Weights, _ progress: Bool) throws
    -> VGG
{
    try pretrained(vgg(configuration, batchNorm, classCount(weights), 0.5, false), weights, progress: progress)
}
