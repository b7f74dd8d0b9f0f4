import Layers

// torchvision's MobileNet builders. With weights, the model built for them (as many classes as the weights'
// categories) holding the state dict from torch's hub cache, downloaded there if absent.

/// `torchvision.models.mobilenet_v2()`: 3,504,872 parameters.
public func mobilenetV2(numClasses: Int = 1000, widthMult: Double = 1.0, roundNearest: Int = 8, dropout: Double = 0.2) -> MobileNetV2 {
    MobileNetV2(numClasses: numClasses, widthMult: widthMult, roundNearest: roundNearest, dropout: dropout)
}

/// `mobilenet_v2(weights=MobileNet_V2_Weights.IMAGENET1K_V2)` (or `.imagenet1kV1`).
public func mobilenetV2(weights: MobileNetV2Weights, progress: Bool = true) throws -> MobileNetV2 {
    try pretrained(mobilenetV2(numClasses: classCount(weights.weights)), weights.weights, progress: progress)
}

/// `torchvision.models.mobilenet_v3_large()`: 5,483,032 parameters. `reducedTail` halves the last stage's
/// channels, `dilated` dilates it instead of striding (torchvision's detection/segmentation backbones).
public func mobilenetV3Large(
    numClasses: Int = 1000, dropout: Double = 0.2, widthMult: Double = 1.0, reducedTail: Bool = false, dilated: Bool = false
) -> MobileNetV3 {
    let d = reducedTail ? 2 : 1, dil = dilated ? 2 : 1
    let c = { (i: Int, k: Int, e: Int, o: Int, se: Bool, a: String, s: Int, dl: Int) in
        MobileNetV3.InvertedResidualConfig(i, k, e, o, se, a, s, dl, widthMult: widthMult)
    }
    let setting = [
        c(16, 3, 16, 16, false, "RE", 1, 1),
        c(16, 3, 64, 24, false, "RE", 2, 1),  // C1
        c(24, 3, 72, 24, false, "RE", 1, 1),
        c(24, 5, 72, 40, true, "RE", 2, 1),  // C2
        c(40, 5, 120, 40, true, "RE", 1, 1),
        c(40, 5, 120, 40, true, "RE", 1, 1),
        c(40, 3, 240, 80, false, "HS", 2, 1),  // C3
        c(80, 3, 200, 80, false, "HS", 1, 1),
        c(80, 3, 184, 80, false, "HS", 1, 1),
        c(80, 3, 184, 80, false, "HS", 1, 1),
        c(80, 3, 480, 112, true, "HS", 1, 1),
        c(112, 3, 672, 112, true, "HS", 1, 1),
        c(112, 5, 672, 160 / d, true, "HS", 2, dil),  // C4
        c(160 / d, 5, 960 / d, 160 / d, true, "HS", 1, dil),
        c(160 / d, 5, 960 / d, 160 / d, true, "HS", 1, dil),
    ]
    let lastChannel = MobileNetV3.InvertedResidualConfig.adjustChannels(1280 / d, widthMult: widthMult)  // C5
    return MobileNetV3(invertedResidualSetting: setting, lastChannel: lastChannel, numClasses: numClasses, dropout: dropout)
}

/// `torchvision.models.mobilenet_v3_small()`: 2,542,856 parameters (options as `mobilenetV3Large`).
public func mobilenetV3Small(
    numClasses: Int = 1000, dropout: Double = 0.2, widthMult: Double = 1.0, reducedTail: Bool = false, dilated: Bool = false
) -> MobileNetV3 {
    let d = reducedTail ? 2 : 1, dil = dilated ? 2 : 1
    let c = { (i: Int, k: Int, e: Int, o: Int, se: Bool, a: String, s: Int, dl: Int) in
        MobileNetV3.InvertedResidualConfig(i, k, e, o, se, a, s, dl, widthMult: widthMult)
    }
    let setting = [
        c(16, 3, 16, 16, true, "RE", 2, 1),  // C1
        c(16, 3, 72, 24, false, "RE", 2, 1),  // C2
        c(24, 3, 88, 24, false, "RE", 1, 1),
        c(24, 5, 96, 40, true, "HS", 2, 1),  // C3
        c(40, 5, 240, 40, true, "HS", 1, 1),
        c(40, 5, 240, 40, true, "HS", 1, 1),
        c(40, 5, 120, 48, true, "HS", 1, 1),
        c(48, 5, 144, 48, true, "HS", 1, 1),
        c(48, 5, 288, 96 / d, true, "HS", 2, dil),  // C4
        c(96 / d, 5, 576 / d, 96 / d, true, "HS", 1, dil),
        c(96 / d, 5, 576 / d, 96 / d, true, "HS", 1, dil),
    ]
    let lastChannel = MobileNetV3.InvertedResidualConfig.adjustChannels(1024 / d, widthMult: widthMult)  // C5
    return MobileNetV3(invertedResidualSetting: setting, lastChannel: lastChannel, numClasses: numClasses, dropout: dropout)
}

/// `mobilenet_v3_large(weights=MobileNet_V3_Large_Weights.IMAGENET1K_V2)` (or `.imagenet1kV1`).
public func mobilenetV3Large(weights: MobileNetV3LargeWeights, progress: Bool = true) throws -> MobileNetV3 {
    try pretrained(mobilenetV3Large(numClasses: classCount(weights.weights)), weights.weights, progress: progress)
}

/// `mobilenet_v3_small(weights=MobileNet_V3_Small_Weights.IMAGENET1K_V1)`.
public func mobilenetV3Small(weights: MobileNetV3SmallWeights, progress: Bool = true) throws -> MobileNetV3 {
    try pretrained(mobilenetV3Small(numClasses: classCount(weights.weights)), weights.weights, progress: progress)
}
