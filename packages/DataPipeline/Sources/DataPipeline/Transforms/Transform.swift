import Foundation
import TensorCore

/// What flows through a transform pipeline: a PIL-like image, or a tensor (C×H×W, or N×C×H×W).
public enum TransformValue: @unchecked Sendable {
    case image(Image)
    case tensor(Tensor)

    /// The tensor at the end of a pipeline; an image here means the pipeline lacks ToTensor.
    public func asTensor() throws -> Tensor {
        switch self {
        case .tensor(let t): return t
        case .image(let img):
            throw DataError.invalidArgument(
                "expected a Tensor at the end of the transforms but got an Image (\(img.width)x\(img.height) \(img.mode)); add ToTensor() or PILToTensor()")
        }
    }

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
    func apply(_ input: TransformValue) throws -> TransformValue
}

extension Transform {
    public func callAsFunction(_ input: TransformValue) throws -> TransformValue { try apply(input) }
    public func callAsFunction(_ image: Image) throws -> TransformValue { try apply(.image(image)) }
    public func callAsFunction(_ tensor: Tensor) throws -> TransformValue { try apply(.tensor(tensor)) }
}

/// `transforms.Compose([...])`.
public struct Compose: Transform {
    public let transforms: [any Transform]
    public init(_ transforms: [any Transform]) { self.transforms = transforms }
    public func apply(_ input: TransformValue) throws -> TransformValue {
        var value = input
        for transform in transforms { value = try transform.apply(value) }
        return value
    }
}

/// `transforms.Lambda(fn)`.
public struct Lambda: Transform {
    let body: @Sendable (TransformValue) throws -> TransformValue
    public init(_ body: @escaping @Sendable (TransformValue) throws -> TransformValue) { self.body = body }
    public func apply(_ input: TransformValue) throws -> TransformValue { try body(input) }
}

/// `transforms.ToTensor()`: an image becomes float32 C×H×W in [0, 1] (`x / 255` exactly as PyTorch
/// divides); tensors pass through unchanged.
public struct ToTensor: Transform {
    /// `Float(v) / 255` for every byte value (the same division, done once).
    static let table: [Float] = (0..<256).map { Float($0) / 255 }

    public init() {}
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
public struct PILToTensor: Transform {
    public init() {}
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
public struct Normalize: Transform {
    public let mean: [Double]
    public let std: [Double]
    public let inplace: Bool

    public init(mean: [Double], std: [Double], inplace: Bool = false) {
        self.mean = mean
        self.std = std
        self.inplace = inplace
    }

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
