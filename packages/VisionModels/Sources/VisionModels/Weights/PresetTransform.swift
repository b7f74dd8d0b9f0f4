import DataPipeline

extension ImageClassificationPreset {
    /// `weights.transforms()` as a DataPipeline pipeline for a decoded image: resize the shorter side
    /// (with the preset's interpolation, as PIL), center crop, `ToTensor`, `Normalize` — torchvision's
    /// `ImageClassification` preset step for step (its `convert_image_dtype` is `ToTensor`'s ÷255).
    public var transform: Compose {
        Compose([
            Resize(resizeSize, interpolation: interpolation, antialias: antialias), CenterCrop(cropSize), ToTensor(),
            Normalize(mean: mean, std: std),
        ])
    }
}
