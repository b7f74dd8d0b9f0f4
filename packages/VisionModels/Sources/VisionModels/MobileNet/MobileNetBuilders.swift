import Layers

// torchvision's MobileNet builders. With weights, the model built for them (as many classes as the weights'
// categories) holding the state dict from torch's hub cache, downloaded there if absent.

/// `torchvision.models.mobilenet_v2()`: 3,504,872 parameters.
public func mobilenetV2(numClasses: Int = 1000, widthMult: Double = 1.0, roundNearest: Int = 8, dropout: Double = 0.2)
    -> MobileNetV2
{
    MobileNetV2(numClasses: numClasses, widthMult: widthMult, roundNearest: roundNearest, dropout: dropout)
}

/// `mobilenet_v2(weights=MobileNet_V2_Weights.IMAGENET1K_V2)` (or `.imagenet1kV1`).
/// PyTorch: `torchvision.models.mobilenet_v2` with weights.
public func mobilenetV2(weights: MobileNetV2Weights, progress: Bool = true) throws -> MobileNetV2 {
    try pretrained(mobilenetV2(numClasses: classCount(weights.weights)), weights.weights, progress: progress)
}

/// `torchvision.models.mobilenet_v3_large()`: 5,483,032 parameters. `reducedTail` halves the last stage's
/// channels, `dilated` dilates it instead of striding (torchvision's detection/segmentation backbones).
public func mobilenetV3Large(
    numClasses: Int = 1000, dropout: Double = 0.2, widthMult: Double = 1.0, reducedTail: Bool = false,
    dilated: Bool = false
) -> MobileNetV3 {
    let d = reducedTail ? 2 : 1, dil = dilated ? 2 : 1
    return mobilenetV3(
        [
            (16, 3, 16, 16, false, "RE", 1, 1),
            (16, 3, 64, 24, false, "RE", 2, 1),  // C1
            (24, 3, 72, 24, false, "RE", 1, 1),
            (24, 5, 72, 40, true, "RE", 2, 1),  // C2
            (40, 5, 120, 40, true, "RE", 1, 1),
            (40, 5, 120, 40, true, "RE", 1, 1),
            (40, 3, 240, 80, false, "HS", 2, 1),  // C3
            (80, 3, 200, 80, false, "HS", 1, 1),
            (80, 3, 184, 80, false, "HS", 1, 1),
            (80, 3, 184, 80, false, "HS", 1, 1),
            (80, 3, 480, 112, true, "HS", 1, 1),
            (112, 3, 672, 112, true, "HS", 1, 1),
            (112, 5, 672, 160 / d, true, "HS", 2, dil),  // C4
            (160 / d, 5, 960 / d, 160 / d, true, "HS", 1, dil),
            (160 / d, 5, 960 / d, 160 / d, true, "HS", 1, dil),
        ], lastChannel: 1280 / d, numClasses, dropout, widthMult)  // C5
}

/// `torchvision.models.mobilenet_v3_small()`: 2,542,856 parameters (options as `mobilenetV3Large`).
public func mobilenetV3Small(
    numClasses: Int = 1000, dropout: Double = 0.2, widthMult: Double = 1.0, reducedTail: Bool = false,
    dilated: Bool = false
) -> MobileNetV3 {
    let d = reducedTail ? 2 : 1, dil = dilated ? 2 : 1
    return mobilenetV3(
        [
            (16, 3, 16, 16, true, "RE", 2, 1),  // C1
            (16, 3, 72, 24, false, "RE", 2, 1),  // C2
            (24, 3, 88, 24, false, "RE", 1, 1),
            (24, 5, 96, 40, true, "HS", 2, 1),  // C3
            (40, 5, 240, 40, true, "HS", 1, 1),
            (40, 5, 240, 40, true, "HS", 1, 1),
            (40, 5, 120, 48, true, "HS", 1, 1),
            (48, 5, 144, 48, true, "HS", 1, 1),
            (48, 5, 288, 96 / d, true, "HS", 2, dil),  // C4
            (96 / d, 5, 576 / d, 96 / d, true, "HS", 1, dil),
            (96 / d, 5, 576 / d, 96 / d, true, "HS", 1, dil),
        ], lastChannel: 1024 / d, numClasses, dropout, widthMult)  // C5
}

/// torchvision's `bneck_conf` rows (input, kernel, expanded, output, SE, activation, stride, dilation) and
/// last channel count, scaled by `widthMult`, as `_mobilenet_v3_conf` + `_mobilenet_v3` build them.
private func mobilenetV3(
    _ rows: [(Int, Int, Int, Int, Bool, String, Int, Int)], lastChannel: Int, _ numClasses: Int, _ dropout: Double,
    _ widthMult: Double
) -> MobileNetV3 {
    let setting = rows.map {
        MobileNetV3.InvertedResidualConfig($0.0, $0.1, $0.2, $0.3, $0.4, $0.5, $0.6, $0.7, widthMult: widthMult)
    }
    return MobileNetV3(
        invertedResidualSetting: setting,
        lastChannel: MobileNetV3.InvertedResidualConfig.adjustChannels(lastChannel, widthMult: widthMult),
        numClasses: numClasses, dropout: dropout)
}

/// `mobilenet_v3_large(weights=MobileNet_V3_Large_Weights.IMAGENET1K_V2)` (or `.imagenet1kV1`).
/// PyTorch: `torchvision.models.mobilenet_v3_large` with weights.
public func mobilenetV3Large(weights: MobileNetV3LargeWeights, progress: Bool = true) throws -> MobileNetV3 {
    try pretrained(mobilenetV3Large(numClasses: classCount(weights.weights)), weights.weights, progress: progress)
}

/// `mobilenet_v3_small(weights=MobileNet_V3_Small_Weights.IMAGENET1K_V1)`.
/// PyTorch: `torchvision.models.mobilenet_v3_small` with weights.
public func mobilenetV3Small(weights: MobileNetV3SmallWeights, progress: Bool = true) throws -> MobileNetV3 {
    try pretrained(mobilenetV3Small(numClasses: classCount(weights.weights)), weights.weights, progress: progress)
}
