import Layers

// torchvision's EfficientNet B0–B7 builders: B0's stage table scaled in width and depth, each with its own
// dropout; B5–B7 normalize with eps 0.001 and momentum 0.01 (their weights were ported from TensorFlow),
// B0–B4 with BatchNorm2d's defaults. With weights, the model built for them holding the state dict from
// torch's hub cache, downloaded there if absent.

/// `torchvision.models.efficientnet_b0()`: 5,288,548 parameters.
public func efficientnetB0(numClasses: Int = 1000, dropout: Double = 0.2, stochasticDepthProb: Double = 0.2)
    -> EfficientNet
{
    efficientnet(width: 1.0, depth: 1.0, dropout, stochasticDepthProb, numClasses, tfBatchNorm: false)
}
/// `torchvision.models.efficientnet_b1()`.
public func efficientnetB1(numClasses: Int = 1000, dropout: Double = 0.2, stochasticDepthProb: Double = 0.2)
    -> EfficientNet
{
    efficientnet(width: 1.0, depth: 1.1, dropout, stochasticDepthProb, numClasses, tfBatchNorm: false)
}
/// `torchvision.models.efficientnet_b2()`.
public func efficientnetB2(numClasses: Int = 1000, dropout: Double = 0.3, stochasticDepthProb: Double = 0.2)
    -> EfficientNet
{
    efficientnet(width: 1.1, depth: 1.2, dropout, stochasticDepthProb, numClasses, tfBatchNorm: false)
}
/// `torchvision.models.efficientnet_b3()`.
public func efficientnetB3(numClasses: Int = 1000, dropout: Double = 0.3, stochasticDepthProb: Double = 0.2)
    -> EfficientNet
{
    efficientnet(width: 1.2, depth: 1.4, dropout, stochasticDepthProb, numClasses, tfBatchNorm: false)
}
/// `torchvision.models.efficientnet_b4()`.
public func efficientnetB4(numClasses: Int = 1000, dropout: Double = 0.4, stochasticDepthProb: Double = 0.2)
    -> EfficientNet
{
    efficientnet(width: 1.4, depth: 1.8, dropout, stochasticDepthProb, numClasses, tfBatchNorm: false)
}
/// `torchvision.models.efficientnet_b5()`.
public func efficientnetB5(numClasses: Int = 1000, dropout: Double = 0.4, stochasticDepthProb: Double = 0.2)
    -> EfficientNet
{
    efficientnet(width: 1.6, depth: 2.2, dropout, stochasticDepthProb, numClasses, tfBatchNorm: true)
}
/// `torchvision.models.efficientnet_b6()`.
public func efficientnetB6(numClasses: Int = 1000, dropout: Double = 0.5, stochasticDepthProb: Double = 0.2)
    -> EfficientNet
{
    efficientnet(width: 1.8, depth: 2.6, dropout, stochasticDepthProb, numClasses, tfBatchNorm: true)
}
/// `torchvision.models.efficientnet_b7()`: 66,347,960 parameters.
public func efficientnetB7(numClasses: Int = 1000, dropout: Double = 0.5, stochasticDepthProb: Double = 0.2)
    -> EfficientNet
{
    efficientnet(width: 2.0, depth: 3.1, dropout, stochasticDepthProb, numClasses, tfBatchNorm: true)
}

/// `efficientnet_b0(weights=EfficientNet_B0_Weights.IMAGENET1K_V1)`.
/// PyTorch: `torchvision.models.efficientnet_b0` with weights.
public func efficientnetB0(weights: EfficientNetB0Weights, progress: Bool = true) throws -> EfficientNet {
    try pretrained(efficientnetB0(numClasses: classCount(weights.weights)), weights.weights, progress: progress)
}
/// `efficientnet_b1(weights=EfficientNet_B1_Weights.IMAGENET1K_V2)` (or `.imagenet1kV1`).
/// PyTorch: `torchvision.models.efficientnet_b1` with weights.
public func efficientnetB1(weights: EfficientNetB1Weights, progress: Bool = true) throws -> EfficientNet {
    try pretrained(efficientnetB1(numClasses: classCount(weights.weights)), weights.weights, progress: progress)
}
/// `efficientnet_b2(weights=EfficientNet_B2_Weights.IMAGENET1K_V1)` (PyTorch: `torchvision.models.efficientnet_b2`).
public func efficientnetB2(weights: EfficientNetB2Weights, progress: Bool = true) throws -> EfficientNet {
    try pretrained(efficientnetB2(numClasses: classCount(weights.weights)), weights.weights, progress: progress)
}
/// `efficientnet_b3(weights=EfficientNet_B3_Weights.IMAGENET1K_V1)` (PyTorch: `torchvision.models.efficientnet_b3`).
public func efficientnetB3(weights: EfficientNetB3Weights, progress: Bool = true) throws -> EfficientNet {
    try pretrained(efficientnetB3(numClasses: classCount(weights.weights)), weights.weights, progress: progress)
}
/// `efficientnet_b4(weights=EfficientNet_B4_Weights.IMAGENET1K_V1)` (PyTorch: `torchvision.models.efficientnet_b4`).
public func efficientnetB4(weights: EfficientNetB4Weights, progress: Bool = true) throws -> EfficientNet {
    try pretrained(efficientnetB4(numClasses: classCount(weights.weights)), weights.weights, progress: progress)
}
/// `efficientnet_b5(weights=EfficientNet_B5_Weights.IMAGENET1K_V1)` (PyTorch: `torchvision.models.efficientnet_b5`).
public func efficientnetB5(weights: EfficientNetB5Weights, progress: Bool = true) throws -> EfficientNet {
    try pretrained(efficientnetB5(numClasses: classCount(weights.weights)), weights.weights, progress: progress)
}
/// `efficientnet_b6(weights=EfficientNet_B6_Weights.IMAGENET1K_V1)` (PyTorch: `torchvision.models.efficientnet_b6`).
public func efficientnetB6(weights: EfficientNetB6Weights, progress: Bool = true) throws -> EfficientNet {
    try pretrained(efficientnetB6(numClasses: classCount(weights.weights)), weights.weights, progress: progress)
}
/// `efficientnet_b7(weights=EfficientNet_B7_Weights.IMAGENET1K_V1)` (PyTorch: `torchvision.models.efficientnet_b7`).
public func efficientnetB7(weights: EfficientNetB7Weights, progress: Bool = true) throws -> EfficientNet {
    try pretrained(efficientnetB7(numClasses: classCount(weights.weights)), weights.weights, progress: progress)
}

/// `_efficientnet_conf("efficientnet_bN", width_mult, depth_mult)` + `_efficientnet(...)`.
private func efficientnet(
    width: Double, depth: Double, _ dropout: Double, _ stochasticDepthProb: Double, _ numClasses: Int, tfBatchNorm: Bool
) -> EfficientNet {
    let c = { (e: Double, k: Int, s: Int, i: Int, o: Int, n: Int) in
        MBConvConfig(e, k, s, i, o, n, widthMult: width, depthMult: depth)
    }
    let setting = [
        c(1, 3, 1, 32, 16, 1), c(6, 3, 2, 16, 24, 2), c(6, 5, 2, 24, 40, 2), c(6, 3, 2, 40, 80, 3),
        c(6, 5, 1, 80, 112, 3), c(6, 5, 2, 112, 192, 4), c(6, 3, 1, 192, 320, 1),
    ]
    let norm: (Int) -> Module = tfBatchNorm ? { BatchNorm2d($0, eps: 0.001, momentum: 0.01) } : { BatchNorm2d($0) }
    return EfficientNet(
        invertedResidualSetting: setting, dropout: dropout, stochasticDepthProb: stochasticDepthProb,
        numClasses: numClasses, normLayer: norm)
}
