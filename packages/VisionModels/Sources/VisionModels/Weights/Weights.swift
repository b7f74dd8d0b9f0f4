import DataPipeline
import TensorCore

/// torchvision's `ImageClassification` preset, the preprocessing a weights entry was trained with: resize
/// the shorter side to `resizeSize` (antialiased, bilinear or, for most EfficientNet weights and ViT's SWAG weights, bicubic),
/// center-crop `cropSize`, scale to [0, 1], normalize with `mean`/`std`.
public struct ImageClassificationPreset: Sendable, Equatable {
    /// The center crop's side (PyTorch: `torchvision.transforms._presets.ImageClassification.crop_size`).
    public let cropSize: Int
    /// The side the shorter edge is resized to (PyTorch: `ImageClassification.resize_size`, torchvision).
    public let resizeSize: Int
    /// Per-channel mean subtracted after scaling to [0, 1] (PyTorch: torchvision's `ImageClassification.mean`).
    public let mean: [Double]
    /// Per-channel standard deviation divided by (PyTorch: torchvision's `ImageClassification.std`).
    public let std: [Double]
    /// torchvision's `InterpolationMode.BILINEAR` or `.BICUBIC`.
    /// PyTorch: torchvision's `ImageClassification.interpolation`.
    public let interpolation: InterpolationMode
    /// `antialias=True` for every entry here.
    /// PyTorch: torchvision's `ImageClassification.antialias`.
    public let antialias = true

    /// PyTorch: `torchvision.transforms._presets.ImageClassification(crop_size=, resize_size=256, ...)`.
    public init(
        cropSize: Int, resizeSize: Int = 256, mean: [Double] = [0.485, 0.456, 0.406],
        std: [Double] = [0.229, 0.224, 0.225],
        interpolation: InterpolationMode = .bilinear
    ) {
        self.cropSize = cropSize
        self.resizeSize = resizeSize
        self.mean = mean
        self.std = std
        self.interpolation = interpolation
    }
}

/// torchvision's `Weights`: where a pretrained state dict lives and what it was trained for.
public struct Weights: Sendable {
    /// torchvision's spelling, `ResNet50_Weights.IMAGENET1K_V2`.
    public let name: String
    /// Where the state dict downloads from (PyTorch: torchvision's `Weights.url`).
    public let url: String
    /// PyTorch: `Weights.transforms`, called (torchvision's is a `partial` to call).
    public let transforms: ImageClassificationPreset
    /// The class names by index; nil for weights without a classifier (VGG16's `IMAGENET1K_FEATURES`).
    /// PyTorch: torchvision's `Weights.meta["categories"]`.
    public let categories: [String]?
    /// PyTorch: torchvision's `Weights.meta["num_params"]`.
    public let numParams: Int
    /// The smallest input `(H, W)` (PyTorch: torchvision's `Weights.meta["min_size"]`).
    public let minSize: [Int]
    /// ImageNet-1K top-1 / top-5 accuracy in percent, as torchvision's `meta["_metrics"]`.
    public let acc1: Double, acc5: Double
    /// Operations per image in GFLOPS (PyTorch: torchvision's `Weights.meta["_ops"]`).
    public let gflops: Double
    /// The file's size in MB (PyTorch: torchvision's `Weights.meta["_file_size"]`).
    public let fileSizeMB: Double
    /// The training recipe's URL (PyTorch: torchvision's `Weights.meta["recipe"]`).
    public let recipe: String

    /// PyTorch: `torchvision.models.Weights(url, transforms, meta)`, with `meta` spelled out.
    public init(
        name: String, url: String, transforms: ImageClassificationPreset, categories: [String]?, numParams: Int,
        minSize: [Int], acc1: Double, acc5: Double, gflops: Double, fileSizeMB: Double, recipe: String
    ) {
        self.name = name
        self.url = url
        self.transforms = transforms
        self.categories = categories
        self.numParams = numParams
        self.minSize = minSize
        self.acc1 = acc1
        self.acc5 = acc5
        self.gflops = gflops
        self.fileSizeMB = fileSizeMB
        self.recipe = recipe
    }

    /// The file name in torch's hub cache, the URL's last component (`resnet50-11ad3fa6.pth`).
    public var fileName: String { Hub.fileName(of: url) }

    /// The leading hex of the file's SHA-256, from its name (torch.hub's `HASH_REGEX`).
    public var hashPrefix: String? { Hub.hashPrefix(ofFileName: fileName) }

    /// `weights.get_state_dict(progress, check_hash)`: from torch's hub cache, downloading it when absent
    /// (hash-checked with `checkHash`, which the model builders pass, as torchvision's do).
    public func getStateDict(progress: Bool = true, checkHash: Bool = false) throws -> StateDict {
        try Hub.loadStateDictFromURL(url, progress: progress, checkHash: checkHash)
    }
}

/// A torchvision `WeightsEnum` (`ResNet50Weights.imagenet1kV2`): each case is one `Weights` entry.
public protocol WeightsEnum: CaseIterable, Sendable, RawRepresentable where RawValue == String {
    var weights: Weights { get }
    static var `default`: Self { get }
}

extension WeightsEnum {
    /// PyTorch: `torchvision.models.WeightsEnum.url`.
    public var url: String { weights.url }
    /// PyTorch: `torchvision.models.WeightsEnum.transforms`.
    public var transforms: ImageClassificationPreset { weights.transforms }
    /// PyTorch: `weights.meta["categories"]` (torchvision).
    public var categories: [String]? { weights.categories }
    /// PyTorch: `torchvision.models.WeightsEnum.get_state_dict`.
    public func getStateDict(progress: Bool = true, checkHash: Bool = false) throws -> StateDict {
        try weights.getStateDict(progress: progress, checkHash: checkHash)
    }
}
