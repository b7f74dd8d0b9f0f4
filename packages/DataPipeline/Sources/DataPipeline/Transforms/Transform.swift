import Foundation
import TensorCore

/// What flows through a transform pipeline: a PIL-like image, or a tensor (C×H×W, or N×C×H×W).
/// No PyTorch counterpart: Python transforms take a PIL image or a tensor untyped; Swift names the two.
public enum TransformValue: @unchecked Sendable {
    /// A PIL-like 8-bit image.
    case image(Image)
    /// A tensor image, `(C, H, W)` or `(N, C, H, W)`.
    case tensor(Tensor)

    /// The tensor at the end of a pipeline; an image here means the pipeline lacks ToTensor.
    /// No PyTorch counterpart: Python values need no unwrapping.
    public func asTensor() throws -> Tensor {
        switch self {
        case .tensor(let t): return t
        case .image(let img):
            throw DataError.invalidArgument(
                "expected a Tensor at the end of the transforms but got an Image (\(img.width)x\(img.height) \(img.mode)); add ToTensor() or PILToTensor()"
            )
        }
    }

    /// The image inside; a tensor throws torchvision's "img should be PIL Image" message
    /// (No PyTorch counterpart: Python values need no unwrapping).
    public func asImage() throws -> Image {
        switch self {
        case .image(let img): return img
        case .tensor(let t): throw DataError.invalidArgument("img should be PIL Image. Got Tensor of shape \(t.shape)")
        }
    }
}

/// A torchvision transform. Random transforms draw from `generator`, or, when it is nil, from
/// `DataRandom.current` (the DataLoader worker's own generator, else the default one).
public protocol Transform: Sendable {
    /// Transforms `input` (PyTorch: a transform's `__call__`, `forward` for the `torch.nn.Module` ones).
    func apply(_ input: TransformValue) throws -> TransformValue
}

extension Transform {
    /// `apply(input)`, so a transform is called like a function (PyTorch: `transform(x)`, its `__call__`).
    public func callAsFunction(_ input: TransformValue) throws -> TransformValue { try apply(input) }
    /// `apply(.image(image))` (PyTorch: `transform(pil_image)`).
    public func callAsFunction(_ image: Image) throws -> TransformValue { try apply(.image(image)) }
    /// `apply(.tensor(tensor))` (PyTorch: `transform(tensor)`).
    public func callAsFunction(_ tensor: Tensor) throws -> TransformValue { try apply(.tensor(tensor)) }
}

/// `transforms.Compose([...])`.
/// PyTorch: `torchvision.transforms.Compose`.
public struct Compose: Transform {
    /// The transforms, applied in order (PyTorch: `torchvision.transforms.Compose.transforms`).
    public let transforms: [any Transform]
    /// PyTorch: `torchvision.transforms.Compose(transforms)`.
    public init(_ transforms: [any Transform]) { self.transforms = transforms }
    /// Feeds each transform's output to the next (PyTorch: `torchvision.transforms.Compose.__call__`).
    public func apply(_ input: TransformValue) throws -> TransformValue {
        var value = input
        for transform in transforms { value = try transform.apply(value) }
        return value
    }
}

/// `transforms.Lambda(fn)`.
/// PyTorch: `torchvision.transforms.Lambda`.
public struct Lambda: Transform {
    let body: @Sendable (TransformValue) throws -> TransformValue
    /// PyTorch: `torchvision.transforms.Lambda(lambd)`; the closure is `@Sendable` because transforms run on
    /// DataLoader worker threads.
    public init(_ body: @escaping @Sendable (TransformValue) throws -> TransformValue) { self.body = body }
    /// `body(input)` (PyTorch: `torchvision.transforms.Lambda.__call__`).
    public func apply(_ input: TransformValue) throws -> TransformValue { try body(input) }
}

/// `transforms.ToTensor()`: an image becomes float32 C×H×W in [0, 1] (`x / 255` exactly as PyTorch
/// divides); tensors pass through unchanged.
public struct ToTensor: Transform {
    /// `Float(v) / 255` for every byte value (the same division, done once).
    static let table: [Float] = (0..<256).map { Float($0) / 255 }

    /// PyTorch: `torchvision.transforms.ToTensor()`.
    public init() {}
    /// An image to float32 `(C, H, W)` in [0, 1]; a tensor passes through
    /// (PyTorch: `torchvision.transforms.ToTensor.__call__`).
    public func apply(_ input: TransformValue) throws -> TransformValue {
        guard case .image(let img) = input else { return input }
        let c = img.channels, plane = img.width * img.height
        let out = Tensor(uninitializedShape: [c, img.height, img.width], dtype: .float32)
        let dst = out.mutablePointer(Float.self)
        ToTensor.table.withUnsafeBufferPointer { t in
            img.pixels.withUnsafeBufferPointer { src in
                if c == 1 {
                    for i in 0..<plane { dst[i] = t[Int(src[i])] }
                } else {
                    for i in 0..<plane {
                        for k in 0..<c { dst[k * plane + i] = t[Int(src[i * c + k])] }
                    }
                }
            }
        }
        return .tensor(out)
    }
}

/// `transforms.PILToTensor()`: uint8 C×H×W, no scaling.
/// PyTorch: `torchvision.transforms.PILToTensor`.
public struct PILToTensor: Transform {
    /// PyTorch: `torchvision.transforms.PILToTensor()`.
    public init() {}
    /// An image to uint8 `(C, H, W)`; a tensor throws (PyTorch: `torchvision.transforms.PILToTensor.__call__`).
    public func apply(_ input: TransformValue) throws -> TransformValue {
        let img = try input.asImage()
        let c = img.channels, plane = img.width * img.height
        let out = Tensor(uninitializedShape: [c, img.height, img.width], dtype: .uint8)
        let dst = out.mutablePointer(UInt8.self)
        img.pixels.withUnsafeBufferPointer { src in
            for i in 0..<plane {
                for k in 0..<c { dst[k * plane + i] = src[i * c + k] }
            }
        }
        return .tensor(out)
    }
}

/// `transforms.Normalize(mean, std)`: `(x - mean[c]) / std[c]` per channel in the tensor's float dtype.
/// PyTorch: `torchvision.transforms.Normalize`.
public struct Normalize: Transform {
    /// Per-channel means, or one for every channel (PyTorch: `torchvision.transforms.Normalize.mean`).
    public let mean: [Double]
    /// Per-channel standard deviations, or one for every channel; none may be zero
    /// (PyTorch: `torchvision.transforms.Normalize.std`).
    public let std: [Double]
    /// Whether the input tensor itself is overwritten (PyTorch: `torchvision.transforms.Normalize.inplace`).
    public let inplace: Bool

    /// PyTorch: `torchvision.transforms.Normalize(mean, std, inplace=False)`.
    public init(mean: [Double], std: [Double], inplace: Bool = false) {
        self.mean = mean
        self.std = std
        self.inplace = inplace
    }

    /// Normalizes a float tensor image `(..., C, H, W)`; an image or an integer tensor throws
    /// (PyTorch: `torchvision.transforms.Normalize.forward`).
    public func apply(_ input: TransformValue) throws -> TransformValue {
        guard case .tensor(let t) = input else {
            throw DataError.invalidArgument("img should be Tensor Image. Got Image")
        }
        guard t.dtype.isFloatingPoint else {
            throw DataError.invalidArgument("Input tensor should be a float tensor. Got \(t.dtype).")
        }
        guard t.ndim >= 3 else {
            throw DataError.invalidArgument(
                "Expected tensor to be a tensor image of size (..., C, H, W). Got tensor.size() = \(t.shape)")
        }
        let c = t.size(-3)
        guard (mean.count == 1 || mean.count == c) && (std.count == 1 || std.count == c) else {
            throw DataError.invalidArgument(
                "Normalize: mean has \(mean.count) and std \(std.count) values for a tensor with \(c) channels")
        }
        if std.contains(where: { Float($0) == 0 }) {
            throw DataError.invalidArgument(
                "std evaluated to zero after conversion to torch.float32, leading to division by zero.")
        }
        var out = t
        if !inplace {
            out = t.contiguous()
            if out === t { out = t.clone() }
        }
        switch out.dtype {
        case .float32 where out.isContiguous: normalize(out, Float.self)
        case .float64 where out.isContiguous: normalize(out, Double.self)
        default:  // half types (and non-contiguous in-place targets) compute through float32
            let f = out.to(.float32).contiguous()
            normalize(f, Float.self)
            out.copy_(f)
        }
        out.bumpVersion()
        return .tensor(out)
    }

    /// One pass over contiguous data, subtract-then-divide in the tensor's dtype like `sub_(mean).div_(std)`.
    func normalize<T: BinaryFloatingPoint & TensorElement>(_ t: Tensor, _: T.Type) {
        let c = t.size(-3), plane = t.size(-2) * t.size(-1)
        let p = t.mutablePointer(T.self)
        let images = t.numel / max(c * plane, 1)
        for n in 0..<images {
            for k in 0..<c {
                let m = T(mean[mean.count == 1 ? 0 : k]), s = T(std[std.count == 1 ? 0 : k])
                let q = p + (n * c + k) * plane
                for i in 0..<plane { q[i] = (q[i] - m) / s }
            }
        }
    }
}
