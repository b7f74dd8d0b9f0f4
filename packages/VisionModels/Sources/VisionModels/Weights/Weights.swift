import DataPipeline
import TensorCore

/// torchvision's `ImageClassification` preset, the preprocessing a weights entry was trained with: resize
/// the shorter side to `resizeSize` (antialiased, bilinear or, for most EfficientNet weights and ViT's SWAG weights, bicubic),
/// center-crop `cropSize`, scale to [0, 1], normalize with `mean`/`std`.
public struct ImageClassificationPreset: Sendable, Equatable {
    public let cropSize: Int
    public let resizeSize: Int
    public let mean: [Double]
    public let std: [Double]
    /// torchvision's `InterpolationMode.BILINEAR` or `.BICUBIC`.
    public let interpolation: InterpolationMode
    /// `antialias=True` for every entry here.
    public let antialias = true

    public init(
        cropSize: Int, resizeSize: Int = 256, mean: [Double] = [0.485, 0.456, 0.406], std: [Double] = [0.229, 0.224, 0.225],
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
    public let url: String
    public let transforms: ImageClassificationPreset
    /// The class names by index; nil for weights without a classifier (VGG16's `IMAGENET1K_FEATURES`).
    public let categories: [String]?
    public let numParams: Int
    public let minSize: [Int]
    /// ImageNet-1K top-1 / top-5 accuracy in percent, as torchvision's `meta["_metrics"]`.
    public let acc1: Double, acc5: Double
    public let gflops: Double
    public let fileSizeMB: Double
    public let recipe: String

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
    public var url: String { weights.url }
    public var transforms: ImageClassificationPreset { weights.transforms }
    public var categories: [String]? { weights.categories }
    public func getStateDict(progress: Bool = true, checkHash: Bool = false) throws -> StateDict {
        try weights.getStateDict(progress: progress, checkHash: checkHash)
    }
}
