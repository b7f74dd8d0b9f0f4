import Layers

// torchvision's ViT builders: `VisionTransformer` with each variant's patch size, depth, heads and widths;
// torchvision's keyword arguments camelCased. With weights, the model torchvision builds for them (their
// categories' count of classes, image size fixed to the weights' `min_size`: 384 for ViT-B/16's
// `.imagenet1kSwagE2EV1`) holding the state dict from torch's hub cache.

/// One of torchvision's ViT variants: `_vision_transformer(patch_size, num_layers, num_heads, hidden_dim, mlp_dim)`.
struct ViTVariant {
    let patchSize: Int, numLayers: Int, numHeads: Int, hiddenDim: Int, mlpDim: Int

    static let b16 = ViTVariant(patchSize: 16, numLayers: 12, numHeads: 12, hiddenDim: 768, mlpDim: 3072)
    static let b32 = ViTVariant(patchSize: 32, numLayers: 12, numHeads: 12, hiddenDim: 768, mlpDim: 3072)
    static let l16 = ViTVariant(patchSize: 16, numLayers: 24, numHeads: 16, hiddenDim: 1024, mlpDim: 4096)
    static let l32 = ViTVariant(patchSize: 32, numLayers: 24, numHeads: 16, hiddenDim: 1024, mlpDim: 4096)
    static let h14 = ViTVariant(patchSize: 14, numLayers: 32, numHeads: 16, hiddenDim: 1280, mlpDim: 5120)

    func build(imageSize: Int, numClasses: Int, dropout: Double, attentionDropout: Double, representationSize: Int?)
        -> VisionTransformer
    {
        VisionTransformer(
            imageSize: imageSize, patchSize: patchSize, numLayers: numLayers, numHeads: numHeads, hiddenDim: hiddenDim,
            mlpDim: mlpDim, dropout: dropout, attentionDropout: attentionDropout, numClasses: numClasses,
            representationSize: representationSize)
    }

    /// The model torchvision builds for `weights`: `num_classes` and `image_size` overwritten from their meta.
    func model(for weights: Weights) -> VisionTransformer {
        precondition(weights.minSize[0] == weights.minSize[1], "non-square min_size")
        return build(
            imageSize: weights.minSize[0], numClasses: classCount(weights), dropout: 0, attentionDropout: 0,
            representationSize: nil)
    }

    func pretrained(_ weights: Weights, progress: Bool) throws -> VisionTransformer {
        try VisionModels.pretrained(model(for: weights), weights, progress: progress)
    }
}

/// `torchvision.models.vit_b_16()`: patch 16, 12 layers, 12 heads, width 768, MLP 3072; 86,567,656 parameters.
public func vitB16(
    imageSize: Int = 224, numClasses: Int = 1000, dropout: Double = 0, attentionDropout: Double = 0,
    representationSize: Int? = nil
) -> VisionTransformer {
    ViTVariant.b16.build(
        imageSize: imageSize, numClasses: numClasses, dropout: dropout, attentionDropout: attentionDropout,
        representationSize: representationSize)
}

/// `torchvision.models.vit_b_32()`: patch 32, 12 layers, 12 heads, width 768, MLP 3072; 88,224,232 parameters.
public func vitB32(
    imageSize: Int = 224, numClasses: Int = 1000, dropout: Double = 0, attentionDropout: Double = 0,
    representationSize: Int? = nil
) -> VisionTransformer {
    ViTVariant.b32.build(
        imageSize: imageSize, numClasses: numClasses, dropout: dropout, attentionDropout: attentionDropout,
        representationSize: representationSize)
}

/// `torchvision.models.vit_l_16()`: patch 16, 24 layers, 16 heads, width 1024, MLP 4096; 304,326,632 parameters.
public func vitL16(
    imageSize: Int = 224, numClasses: Int = 1000, dropout: Double = 0, attentionDropout: Double = 0,
    representationSize: Int? = nil
) -> VisionTransformer {
    ViTVariant.l16.build(
        imageSize: imageSize, numClasses: numClasses, dropout: dropout, attentionDropout: attentionDropout,
        representationSize: representationSize)
}

/// `torchvision.models.vit_l_32()`: patch 32, 24 layers, 16 heads, width 1024, MLP 4096; 306,535,400 parameters.
public func vitL32(
    imageSize: Int = 224, numClasses: Int = 1000, dropout: Double = 0, attentionDropout: Double = 0,
    representationSize: Int? = nil
) -> VisionTransformer {
    ViTVariant.l32.build(
        imageSize: imageSize, numClasses: numClasses, dropout: dropout, attentionDropout: attentionDropout,
        representationSize: representationSize)
}

/// `torchvision.models.vit_h_14()`: patch 14, 32 layers, 16 heads, width 1280, MLP 5120; 632,045,800 parameters.
public func vitH14(
    imageSize: Int = 224, numClasses: Int = 1000, dropout: Double = 0, attentionDropout: Double = 0,
    representationSize: Int? = nil
) -> VisionTransformer {
    ViTVariant.h14.build(
        imageSize: imageSize, numClasses: numClasses, dropout: dropout, attentionDropout: attentionDropout,
        representationSize: representationSize)
}

/// `vit_b_16(weights=ViT_B_16_Weights.IMAGENET1K_V1)` (or `.imagenet1kSwagE2EV1` at 384, `.imagenet1kSwagLinearV1`).
/// PyTorch: `torchvision.models.vit_b_16` with weights.
public func vitB16(weights: ViTB16Weights, progress: Bool = true) throws -> VisionTransformer {
    try ViTVariant.b16.pretrained(weights.weights, progress: progress)
}

/// `vit_b_32(weights=ViT_B_32_Weights.IMAGENET1K_V1)`.
/// PyTorch: `torchvision.models.vit_b_32` with weights.
public func vitB32(weights: ViTB32Weights, progress: Bool = true) throws -> VisionTransformer {
    try ViTVariant.b32.pretrained(weights.weights, progress: progress)
}

/// `vit_l_16(weights=ViT_L_16_Weights.IMAGENET1K_V1)` (or `.imagenet1kSwagE2EV1` at 512, `.imagenet1kSwagLinearV1`).
/// PyTorch: `torchvision.models.vit_l_16` with weights.
public func vitL16(weights: ViTL16Weights, progress: Bool = true) throws -> VisionTransformer {
    try ViTVariant.l16.pretrained(weights.weights, progress: progress)
}

/// `vit_l_32(weights=ViT_L_32_Weights.IMAGENET1K_V1)`.
/// PyTorch: `torchvision.models.vit_l_32` with weights.
public func vitL32(weights: ViTL32Weights, progress: Bool = true) throws -> VisionTransformer {
    try ViTVariant.l32.pretrained(weights.weights, progress: progress)
}

/// `vit_h_14(weights=ViT_H_14_Weights.IMAGENET1K_SWAG_E2E_V1)` (at 518, or `.imagenet1kSwagLinearV1` at 224).
/// PyTorch: `torchvision.models.vit_h_14` with weights.
public func vitH14(weights: ViTH14Weights, progress: Bool = true) throws -> VisionTransformer {
    try ViTVariant.h14.pretrained(weights.weights, progress: progress)
}
