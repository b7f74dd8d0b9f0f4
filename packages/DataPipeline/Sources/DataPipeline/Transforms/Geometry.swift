import Foundation
import TensorCore

/// `padding_mode` of Pad/RandomCrop.
/// PyTorch: the `padding_mode` strings of `torchvision.transforms.Pad` and `torchvision.transforms.RandomCrop`.
public enum PaddingMode: String, Sendable {
    /// `constant` fills with one value, `edge` repeats the border pixel, `reflect` mirrors without repeating it,
    /// `symmetric` mirrors repeating it.
    case constant, edge, reflect, symmetric
}

/// Source coordinate for output coordinate `i` of a padded axis (`before` pixels added in front of a
/// `size`-long axis), or -1 for the constant fill — numpy.pad's edge/reflect/symmetric rules.
func padSource(_ i: Int, before: Int, size: Int, mode: PaddingMode) -> Int {
    var j = i - before
    if j >= 0 && j < size { return j }
    switch mode {
    case .constant: return -1
    case .edge: return j < 0 ? 0 : size - 1
    case .reflect:
        if size == 1 { return 0 }
        let period = 2 * (size - 1)
        j = ((j % period) + period) % period
        return j < size ? j : period - j
    case .symmetric:
        let period = 2 * size
        j = ((j % period) + period) % period
        return j < size ? j : period - 1 - j
    }
}

/// The one geometric primitive: output pixel (y, x) = input (rows[y], cols[x]), or `fill` where an index
/// is -1. Crop, pad and flip are all index maps.
func remap(_ img: Image, rows: [Int], cols: [Int], fill: [UInt8]) -> Image {
    let c = img.channels, w = cols.count, h = rows.count
    var out = [UInt8](repeating: 0, count: w * h * c)
    let fillPixel = (0..<c).map { fill[$0 < fill.count ? $0 : 0] }
    img.pixels.withUnsafeBufferPointer { src in
        out.withUnsafeMutableBufferPointer { dst in
            guard let s = src.baseAddress, let d = dst.baseAddress else { return }
            for y in 0..<h {
                let sy = rows[y]
                let drow = d + y * w * c
                var x = 0
                while x < w {
                    let sx = cols[x]
                    if sy < 0 || sx < 0 {
                        for k in 0..<c { drow[x * c + k] = fillPixel[k] }
                        x += 1
                        continue
                    }
                    // A run of consecutive source columns is one memcpy (crops and pads are all runs).
                    var end = x + 1
                    while end < w && cols[end] == cols[end - 1] + 1 { end += 1 }
                    (drow + x * c).update(from: s + (sy * img.width + sx) * c, count: (end - x) * c)
                    x = end
                }
            }
        }
    }
    return Image(width: w, height: h, mode: img.mode, pixels: out)
}

/// `remap` for tensors (..., H, W) of any dtype, byte-wise per element.
func remap(_ t: Tensor, rows: [Int], cols: [Int], fill: Double) -> Tensor {
    let src = t.contiguous()
    let h = t.size(-2), w = t.size(-1), planes = t.numel / max(h * w, 1)
    var shape = t.shape.dims
    shape[shape.count - 2] = rows.count
    shape[shape.count - 1] = cols.count
    let out = Tensor.full(shape, .double(fill), dtype: t.dtype)
    let e = t.dtype.itemSize, oh = rows.count, ow = cols.count
    let s = src.rawPointer, d = out.rawPointer
    for p in 0..<planes {
        for y in 0..<oh where rows[y] >= 0 {
            let srow = s + (p * h * w + rows[y] * w) * e
            let drow = d + (p * oh * ow + y * ow) * e
            for x in 0..<ow where cols[x] >= 0 {
                (drow + x * e).copyMemory(from: srow + cols[x] * e, byteCount: e)
            }
        }
    }
    return out
}

extension TransformValue {
    var spatialSize: (height: Int, width: Int) {
        switch self {
        case .image(let img): return (img.height, img.width)
        case .tensor(let t): return (t.size(-2), t.size(-1))
        }
    }

    func remapped(rows: [Int], cols: [Int], fill: Double) -> TransformValue {
        switch self {
        case .image(let img):
            let v = UInt8(clamping: Int(fill))
            return .image(remap(img, rows: rows, cols: cols, fill: [v]))
        case .tensor(let t): return .tensor(remap(t, rows: rows, cols: cols, fill: fill))
        }
    }
}

/// `torchvision.transforms.functional` (conventionally imported as TF, leaving F to torch.nn.functional):
/// geometry here, resize and colour in their files, on images and tensors alike.
public enum TF {
    /// `TF.crop(img, top, left, height, width)`; regions outside the image are zero-filled like PIL.
    /// PyTorch: `torchvision.transforms.functional.crop`.
    public static func crop(_ x: TransformValue, top: Int, left: Int, height: Int, width: Int) -> TransformValue {
        let (h, w) = x.spatialSize
        let rows = (0..<height).map { top + $0 >= 0 && top + $0 < h ? top + $0 : -1 }
        let cols = (0..<width).map { left + $0 >= 0 && left + $0 < w ? left + $0 : -1 }
        return x.remapped(rows: rows, cols: cols, fill: 0)
    }

    /// `TF.pad(img, [left, top, right, bottom], fill, padding_mode)`.
    /// PyTorch: `torchvision.transforms.functional.pad`.
    public static func pad(
        _ x: TransformValue, left: Int, top: Int, right: Int, bottom: Int, fill: Double = 0,
        mode: PaddingMode = .constant
    ) -> TransformValue {
        let (h, w) = x.spatialSize
        let rows = (0..<(h + top + bottom)).map { padSource($0, before: top, size: h, mode: mode) }
        let cols = (0..<(w + left + right)).map { padSource($0, before: left, size: w, mode: mode) }
        return x.remapped(rows: rows, cols: cols, fill: fill)
    }

    /// Mirrors left to right (PyTorch: `torchvision.transforms.functional.hflip`).
    public static func hflip(_ x: TransformValue) -> TransformValue {
        let (h, w) = x.spatialSize
        return x.remapped(rows: Array(0..<h), cols: (0..<w).map { w - 1 - $0 }, fill: 0)
    }

    /// Mirrors top to bottom (PyTorch: `torchvision.transforms.functional.vflip`).
    public static func vflip(_ x: TransformValue) -> TransformValue {
        let (h, w) = x.spatialSize
        return x.remapped(rows: (0..<h).map { h - 1 - $0 }, cols: Array(0..<w), fill: 0)
    }

    /// `TF.center_crop`: pads with zeros first when the crop is larger, then crops at
    /// `round((h - th) / 2)` (Python's round half to even).
    /// PyTorch: `torchvision.transforms.functional.center_crop`.
    public static func centerCrop(_ x: TransformValue, height th: Int, width tw: Int) -> TransformValue {
        var x = x
        var (h, w) = x.spatialSize
        if tw > w || th > h {
            x = pad(
                x, left: tw > w ? (tw - w) / 2 : 0, top: th > h ? (th - h) / 2 : 0,
                right: tw > w ? (tw - w + 1) / 2 : 0, bottom: th > h ? (th - h + 1) / 2 : 0)
            (h, w) = x.spatialSize
            if tw == w && th == h { return x }
        }
        let top = Int((Double(h - th) / 2).rounded(.toNearestOrEven))
        let left = Int((Double(w - tw) / 2).rounded(.toNearestOrEven))
        return crop(x, top: top, left: left, height: th, width: tw)
    }
}

/// `transforms.CenterCrop(size)`.
/// PyTorch: `torchvision.transforms.CenterCrop`.
public struct CenterCrop: Transform {
    /// The crop's height (PyTorch: `torchvision.transforms.CenterCrop.size[0]`).
    public let height: Int
    /// The crop's width (PyTorch: `torchvision.transforms.CenterCrop.size[1]`).
    public let width: Int
    /// A square crop (PyTorch: `torchvision.transforms.CenterCrop(size)` with one int).
    public init(_ size: Int) { (height, width) = (size, size) }
    /// PyTorch: `torchvision.transforms.CenterCrop((height, width))`.
    public init(height: Int, width: Int) { (self.height, self.width) = (height, width) }
    /// Crops the centre, zero-padding first when the input is smaller
    /// (PyTorch: `torchvision.transforms.CenterCrop.forward`).
    public func apply(_ input: TransformValue) throws -> TransformValue {
        TF.centerCrop(input, height: height, width: width)
    }
}

/// `transforms.Pad(padding, fill, padding_mode)`.
/// PyTorch: `torchvision.transforms.Pad`.
public struct Pad: Transform {
    /// Pixels added on each side (PyTorch: `torchvision.transforms.Pad.padding`, `[left, top, right, bottom]`).
    public let left: Int, top: Int, right: Int, bottom: Int
    /// The constant mode's value (PyTorch: `torchvision.transforms.Pad.fill`).
    public let fill: Double
    /// How the border is filled (PyTorch: `torchvision.transforms.Pad.padding_mode`).
    public let mode: PaddingMode
    /// The same padding on all four sides
    /// (PyTorch: `torchvision.transforms.Pad(padding, fill=0, padding_mode="constant")`
    /// with one int).
    public init(_ padding: Int, fill: Double = 0, mode: PaddingMode = .constant) {
        (left, top, right, bottom) = (padding, padding, padding, padding)
        self.fill = fill
        self.mode = mode
    }
    /// PyTorch: `torchvision.transforms.Pad([left, top, right, bottom], fill=0, padding_mode="constant")`.
    public init(left: Int, top: Int, right: Int, bottom: Int, fill: Double = 0, mode: PaddingMode = .constant) {
        (self.left, self.top, self.right, self.bottom) = (left, top, right, bottom)
        self.fill = fill
        self.mode = mode
    }
    /// Pads an image or a tensor (PyTorch: `torchvision.transforms.Pad.forward`).
    public func apply(_ input: TransformValue) throws -> TransformValue {
        TF.pad(input, left: left, top: top, right: right, bottom: bottom, fill: fill, mode: mode)
    }
}

/// `transforms.RandomCrop(size, padding, pad_if_needed, fill, padding_mode)`: the offsets are
/// `randint(0, h - th + 1)` then `randint(0, w - tw + 1)` like torchvision's `get_params`.
public struct RandomCrop: Transform {
    /// The crop's size (PyTorch: `torchvision.transforms.RandomCrop.size`).
    public let height: Int, width: Int
    /// Padding added before cropping, nil for none (PyTorch: `torchvision.transforms.RandomCrop.padding`).
    public let padding: (left: Int, top: Int, right: Int, bottom: Int)?
    /// Whether an input smaller than the crop is padded, by the missing size on both sides as torchvision does
    /// (PyTorch: `torchvision.transforms.RandomCrop.pad_if_needed`).
    public let padIfNeeded: Bool
    /// The constant padding's value (PyTorch: `torchvision.transforms.RandomCrop.fill`).
    public let fill: Double
    /// How the padding is filled (PyTorch: `torchvision.transforms.RandomCrop.padding_mode`).
    public let paddingMode: PaddingMode
    /// The generator to draw from; nil uses `DataRandom.current`
    /// (No PyTorch counterpart: torchvision's transforms draw from torch's global generator).
    public let generator: RandomSource?

    /// A square crop, `padding` on all four sides
    /// (PyTorch: `torchvision.transforms.RandomCrop(size, padding=None, pad_if_needed=False, fill=0)` with ints).
    public init(
        _ size: Int, padding: Int? = nil, padIfNeeded: Bool = false, fill: Double = 0,
        paddingMode: PaddingMode = .constant, generator: RandomSource? = nil
    ) {
        self.init(
            height: size, width: size, padding: padding.map { ($0, $0, $0, $0) }, padIfNeeded: padIfNeeded,
            fill: fill, paddingMode: paddingMode, generator: generator)
    }

    /// PyTorch: `torchvision.transforms.RandomCrop((height, width), padding, pad_if_needed, fill, padding_mode)`.
    public init(
        height: Int, width: Int, padding: (left: Int, top: Int, right: Int, bottom: Int)? = nil,
        padIfNeeded: Bool = false, fill: Double = 0, paddingMode: PaddingMode = .constant,
        generator: RandomSource? = nil
    ) {
        self.height = height
        self.width = width
        self.padding = padding
        self.padIfNeeded = padIfNeeded
        self.fill = fill
        self.paddingMode = paddingMode
        self.generator = generator
    }

    /// Pads as configured, then crops at offsets drawn as torchvision's `get_params` draws them
    /// (PyTorch: `torchvision.transforms.RandomCrop.forward`).
    public func apply(_ input: TransformValue) throws -> TransformValue {
        var x = input
        if let p = padding {
            x = TF.pad(x, left: p.left, top: p.top, right: p.right, bottom: p.bottom, fill: fill, mode: paddingMode)
        }
        var (h, w) = x.spatialSize
        if padIfNeeded && w < width {
            x = TF.pad(x, left: width - w, top: 0, right: width - w, bottom: 0, fill: fill, mode: paddingMode)
            (h, w) = x.spatialSize
        }
        if padIfNeeded && h < height {
            x = TF.pad(x, left: 0, top: height - h, right: 0, bottom: height - h, fill: fill, mode: paddingMode)
            (h, w) = x.spatialSize
        }
        guard h >= height && w >= width else {
            throw DataError.invalidArgument(
                "Required crop size (\(height), \(width)) is larger than input image size (\(h), \(w))")
        }
        if h == height && w == width { return x }
        let g = generator ?? DataRandom.current
        let i = g.randint(0, h - height + 1)
        let j = g.randint(0, w - width + 1)
        return TF.crop(x, top: i, left: j, height: height, width: width)
    }
}

/// `transforms.RandomHorizontalFlip(p)`: flips when `rand(1) < p`.
/// PyTorch: `torchvision.transforms.RandomHorizontalFlip`.
public struct RandomHorizontalFlip: Transform {
    /// The flip probability (PyTorch: `torchvision.transforms.RandomHorizontalFlip.p`).
    public let p: Float
    /// The generator to draw from; nil uses `DataRandom.current`
    /// (No PyTorch counterpart: torchvision's transforms draw from torch's global generator).
    public let generator: RandomSource?
    /// PyTorch: `torchvision.transforms.RandomHorizontalFlip(p=0.5)`.
    public init(p: Float = 0.5, generator: RandomSource? = nil) { (self.p, self.generator) = (p, generator) }
    /// Flips when one uniform draw is below `p` (PyTorch: `torchvision.transforms.RandomHorizontalFlip.forward`).
    public func apply(_ input: TransformValue) throws -> TransformValue {
        (generator ?? DataRandom.current).uniformFloat() < p ? TF.hflip(input) : input
    }
}

/// `transforms.RandomVerticalFlip(p)`.
/// Flips when `rand(1) < p` (PyTorch: `torchvision.transforms.RandomVerticalFlip`).
public struct RandomVerticalFlip: Transform {
    /// The flip probability (PyTorch: `torchvision.transforms.RandomVerticalFlip.p`).
    public let p: Float
    /// The generator to draw from; nil uses `DataRandom.current`
    /// (No PyTorch counterpart: torchvision's transforms draw from torch's global generator).
    public let generator: RandomSource?
    /// PyTorch: `torchvision.transforms.RandomVerticalFlip(p=0.5)`.
    public init(p: Float = 0.5, generator: RandomSource? = nil) { (self.p, self.generator) = (p, generator) }
    /// Flips when one uniform draw is below `p` (PyTorch: `torchvision.transforms.RandomVerticalFlip.forward`).
    public func apply(_ input: TransformValue) throws -> TransformValue {
        (generator ?? DataRandom.current).uniformFloat() < p ? TF.vflip(input) : input
    }
}
