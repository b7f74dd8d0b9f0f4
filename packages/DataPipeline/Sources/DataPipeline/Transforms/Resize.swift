import Foundation
import TensorCore

/// `InterpolationMode` (the three Resize supports).
/// PyTorch: `torchvision.transforms.InterpolationMode`.
public enum InterpolationMode: String, Sendable {
    /// `NEAREST`, `BILINEAR` and `BICUBIC`.
    case nearest, bilinear, bicubic
}

/// PIL's resampling filters (Resample.c): the triangle of BILINEAR, the cubic convolution of BICUBIC
/// (a = −0.5, as PIL and torch's antialiased bicubic use).
enum ResampleFilter {
    case triangle, cubic

    var support: Double { self == .triangle ? 1 : 2 }

    func weight(_ x: Double) -> Double {
        let x = abs(x), a = -0.5
        switch self {
        case .triangle: return x < 1 ? 1 - x : 0
        case .cubic:
            if x < 1 { return ((a + 2) * x - (a + 3)) * x * x + 1 }
            if x < 2 { return (((x - 5) * x + 8) * x - 4) * a }
            return 0
        }
    }
}

/// PIL's separable resampling weights for one axis (Resample.c `precompute_coeffs`): the filter widened
/// by the downscale factor, which is what antialiasing means.
struct ResampleWeights {
    var bounds: [(start: Int, count: Int)] = []
    var weights: [Double] = []
    var kernelSize = 0

    init(inSize: Int, outSize: Int, antialias: Bool, filter: ResampleFilter = .triangle) {
        let scale = Double(inSize) / Double(outSize)
        let filterScale = antialias ? max(scale, 1.0) : 1.0
        let support = filter.support * filterScale
        kernelSize = Int(support.rounded(.up)) * 2 + 1
        weights = [Double](repeating: 0, count: outSize * kernelSize)
        for xx in 0..<outSize {
            let center = (Double(xx) + 0.5) * scale
            let ss = 1.0 / filterScale
            var xmin = Int(center - support + 0.5)
            if xmin < 0 { xmin = 0 }
            var xmax = Int(center + support + 0.5)
            if xmax > inSize { xmax = inSize }
            xmax -= xmin
            var total = 0.0
            for x in 0..<xmax {
                let w = filter.weight((Double(x + xmin) - center + 0.5) * ss)
                weights[xx * kernelSize + x] = w
                total += w
            }
            if total != 0 { for x in 0..<xmax { weights[xx * kernelSize + x] /= total } }
            bounds.append((xmin, xmax))
        }
    }

    /// 8-bit fixed point with 22 fractional bits, rounded away from zero (`normalize_coeffs_8bpc`).
    var fixed: [Int32] {
        weights.map { w in Int32(w < 0 ? (-0.5 + w * 4_194_304) : (0.5 + w * 4_194_304)) }
    }
}

extension TF {
    /// `img.resize((w, h), BILINEAR)` exactly as Pillow computes it.
    /// PyTorch: what `torchvision.transforms.functional.resize` does to a PIL image with `BILINEAR`.
    public static func resizeBilinear(_ img: Image, width ow: Int, height oh: Int) -> Image {
        resample(img, width: ow, height: oh, filter: .triangle)
    }

    /// `img.resize((w, h), BICUBIC)` exactly as Pillow computes it (torchvision's BICUBIC on images).
    public static func resizeBicubic(_ img: Image, width ow: Int, height oh: Int) -> Image {
        resample(img, width: ow, height: oh, filter: .cubic)
    }

    /// Pillow's `ImagingResample`: horizontal pass into the rows that the vertical pass needs, then
    /// vertical, both in 22-bit fixed point with rounding and clipping.
    static func resample(_ img: Image, width ow: Int, height oh: Int, filter: ResampleFilter) -> Image {
        if ow == img.width && oh == img.height { return img }
        let c = img.channels
        let horizontal = ResampleWeights(inSize: img.width, outSize: ow, antialias: true, filter: filter)
        let vertical = ResampleWeights(inSize: img.height, outSize: oh, antialias: true, filter: filter)
        let needH = ow != img.width, needV = oh != img.height
        var src = img.pixels
        var srcW = img.width, srcH = img.height
        var firstRow = 0
        if needH {
            let first = vertical.bounds[0].start
            let last = vertical.bounds[oh - 1].start + vertical.bounds[oh - 1].count
            firstRow = first
            let rows = needV ? last - first : img.height
            let rowStart = needV ? first : 0
            if !needV { firstRow = 0 }
            var tmp = [UInt8](repeating: 0, count: ow * rows * c)
            let k = horizontal.fixed, ks = horizontal.kernelSize
            src.withUnsafeBufferPointer { s in
                tmp.withUnsafeMutableBufferPointer { d in
                    for y in 0..<rows {
                        let row = (y + rowStart) * srcW * c
                        for x in 0..<ow {
                            let (start, count) = horizontal.bounds[x]
                            for b in 0..<c {
                                var acc: Int32 = 1 << 21
                                for i in 0..<count { acc &+= Int32(s[row + (start + i) * c + b]) &* k[x * ks + i] }
                                d[(y * ow + x) * c + b] = clip8(acc)
                            }
                        }
                    }
                }
            }
            src = tmp
            srcW = ow
            srcH = rows
        }
        if needV {
            var out = [UInt8](repeating: 0, count: ow * oh * c)
            let k = vertical.fixed, ks = vertical.kernelSize
            let rowBytes = srcW * c
            src.withUnsafeBufferPointer { s in
                out.withUnsafeMutableBufferPointer { d in
                    for y in 0..<oh {
                        let (start0, count) = vertical.bounds[y]
                        let start = start0 - firstRow
                        for xb in 0..<rowBytes {
                            var acc: Int32 = 1 << 21
                            for i in 0..<count { acc &+= Int32(s[(start + i) * rowBytes + xb]) &* k[y * ks + i] }
                            d[y * rowBytes + xb] = clip8(acc)
                        }
                    }
                }
            }
            _ = srcH
            return Image(width: ow, height: oh, mode: img.mode, pixels: out)
        }
        return Image(width: ow, height: oh, mode: img.mode, pixels: src)
    }

    @inline(__always) static func clip8(_ acc: Int32) -> UInt8 {
        let v = acc >> 22
        return v < 0 ? 0 : v > 255 ? 255 : UInt8(v)
    }

    /// `img.resize((w, h), NEAREST)` like Pillow: source index `floor((x + 0.5) * in / out)`, accumulated
    /// in double as ImagingScaleAffine does.
    /// PyTorch: what `torchvision.transforms.functional.resize` does to a PIL image with `NEAREST`.
    public static func resizeNearest(_ img: Image, width ow: Int, height oh: Int) -> Image {
        if ow == img.width && oh == img.height { return img }
        func indices(_ inSize: Int, _ outSize: Int) -> [Int] {
            let a = Double(inSize) / Double(outSize)
            var pos = a * 0.5
            var result: [Int] = []
            for _ in 0..<outSize {
                result.append(min(Int(pos), inSize - 1))
                pos += a
            }
            return result
        }
        return remap(img, rows: indices(img.height, oh), cols: indices(img.width, ow), fill: [0])
    }

    /// Float resize of a (..., H, W) tensor: bilinear with PIL's (antialiased) weights in double, like
    /// torchvision's tensor path; antialiased bicubic likewise (torch's `_upsample_bicubic2d_aa` uses PIL's
    /// kernel); nearest with `floor(x * in / out)` like `interpolate(mode="nearest")`.
    public static func resize(
        _ t: Tensor, height oh: Int, width ow: Int, interpolation: InterpolationMode, antialias: Bool
    ) -> Tensor {
        let h = t.size(-2), w = t.size(-1)
        if interpolation == .nearest {
            let rows = (0..<oh).map { min(Int((Double($0) * (Double(h) / Double(oh))).rounded(.down)), h - 1) }
            let cols = (0..<ow).map { min(Int((Double($0) * (Double(w) / Double(ow))).rounded(.down)), w - 1) }
            return remap(t, rows: rows, cols: cols, fill: 0)
        }
        // Without antialiasing torch's bicubic is another kernel (a = −0.75, clamped borders), not PIL's.
        torchCheck(
            interpolation != .bicubic || antialias,
            "Resize: bicubic tensors are resized with antialias=True only (torch's non-antialiased bicubic is not implemented here)"
        )
        let filter: ResampleFilter = interpolation == .bicubic ? .cubic : .triangle
        let src = t.to(.float64).contiguous()
        let planes = t.numel / max(h * w, 1)
        let hw = ResampleWeights(inSize: w, outSize: ow, antialias: antialias, filter: filter)
        let vw = ResampleWeights(inSize: h, outSize: oh, antialias: antialias, filter: filter)
        var shape = t.shape.dims
        shape[shape.count - 2] = oh
        shape[shape.count - 1] = ow
        let out = Tensor(uninitializedShape: shape, dtype: .float64)
        let s = src.pointer(Double.self), d = out.mutablePointer(Double.self)
        var tmp = [Double](repeating: 0, count: h * ow)
        for p in 0..<planes {
            let plane = s + p * h * w
            for y in 0..<h {
                for x in 0..<ow {
                    let (start, count) = hw.bounds[x]
                    var acc = 0.0
                    for i in 0..<count { acc += plane[y * w + start + i] * hw.weights[x * hw.kernelSize + i] }
                    tmp[y * ow + x] = acc
                }
            }
            let dst = d + p * oh * ow
            for y in 0..<oh {
                let (start, count) = vw.bounds[y]
                for x in 0..<ow {
                    var acc = 0.0
                    for i in 0..<count { acc += tmp[(start + i) * ow + x] * vw.weights[y * vw.kernelSize + i] }
                    dst[y * ow + x] = acc
                }
            }
        }
        if t.dtype.isFloatingPoint { return out.to(t.dtype) }
        // Integer images round and clamp back like torchvision.
        let q = out.pointer(Double.self)
        let maxValue = t.dtype == .uint8 ? 255.0 : Double(Int32.max)
        for i in 0..<out.numel {
            (out.mutablePointer(Double.self))[i] = Swift.min(Swift.max(q[i].rounded(), 0), maxValue)
        }
        return out.to(t.dtype)
    }

    /// `TF.resize(x, [h, w], interpolation, antialias)` for images (Pillow always antialiases) or tensors.
    /// PyTorch: `torchvision.transforms.functional.resize` with an explicit `[h, w]`.
    public static func resize(
        _ x: TransformValue, height: Int, width: Int, interpolation: InterpolationMode = .bilinear,
        antialias: Bool = true
    ) -> TransformValue {
        switch x {
        case .image(let img):
            switch interpolation {
            case .nearest: return .image(resizeNearest(img, width: width, height: height))
            case .bilinear: return .image(resizeBilinear(img, width: width, height: height))
            case .bicubic: return .image(resizeBicubic(img, width: width, height: height))
            }
        case .tensor(let t):
            return .tensor(resize(t, height: height, width: width, interpolation: interpolation, antialias: antialias))
        }
    }

    /// torchvision's output size for `Resize(size)` with one int: the shorter edge becomes `size`, the
    /// longer `int(size * long / short)`, capped by `maxSize`.
    static func resizedSize(height h: Int, width w: Int, shorter size: Int, maxSize: Int?) -> (Int, Int) {
        let (short, long) = w <= h ? (w, h) : (h, w)
        var newShort = size
        var newLong = Int(Double(size) * Double(long) / Double(short))
        if let maxSize, newLong > maxSize {
            newShort = Int(Double(maxSize) * Double(newShort) / Double(newLong))
            newLong = maxSize
        }
        return w <= h ? (newLong, newShort) : (newShort, newLong)
    }
}

/// `transforms.Resize(size, interpolation, max_size, antialias)`: one int resizes the shorter edge.
/// `antialias` matters for tensors only (Pillow always antialiases images).
/// PyTorch: `torchvision.transforms.Resize`.
public struct Resize: Transform {
    /// `[height, width]`, or one length for the shorter edge (PyTorch: `torchvision.transforms.Resize.size`).
    public let size: [Int]
    /// The resampling filter (PyTorch: `torchvision.transforms.Resize.interpolation`).
    public let interpolation: InterpolationMode
    /// The longer edge's cap when `size` is one length (PyTorch: `torchvision.transforms.Resize.max_size`).
    public let maxSize: Int?
    /// Whether downscaling a tensor widens the filter as Pillow does
    /// (PyTorch: `torchvision.transforms.Resize.antialias`).
    public let antialias: Bool

    /// Resizes the shorter edge to `size`, keeping the aspect ratio
    /// (PyTorch: `torchvision.transforms.Resize(size, interpolation, max_size=None, antialias=True)` with one int).
    public init(_ size: Int, interpolation: InterpolationMode = .bilinear, maxSize: Int? = nil, antialias: Bool = true)
    {
        self.size = [size]
        self.interpolation = interpolation
        self.maxSize = maxSize
        self.antialias = antialias
    }

    /// PyTorch: `torchvision.transforms.Resize((height, width), interpolation, antialias=True)`.
    public init(height: Int, width: Int, interpolation: InterpolationMode = .bilinear, antialias: Bool = true) {
        self.size = [height, width]
        self.interpolation = interpolation
        self.maxSize = nil
        self.antialias = antialias
    }

    /// Resizes an image or a tensor (PyTorch: `torchvision.transforms.Resize.forward`).
    public func apply(_ input: TransformValue) throws -> TransformValue {
        let (h, w) = input.spatialSize
        let (oh, ow) =
            size.count == 2
            ? (size[0], size[1]) : TF.resizedSize(height: h, width: w, shorter: size[0], maxSize: maxSize)
        return TF.resize(input, height: oh, width: ow, interpolation: interpolation, antialias: antialias)
    }
}

/// `transforms.RandomResizedCrop(size, scale, ratio)`: torchvision's 10 tries of area/log-ratio draws,
/// then the central-crop fallback, then a resize to `size`.
public struct RandomResizedCrop: Transform {
    /// The output size (PyTorch: `torchvision.transforms.RandomResizedCrop.size`).
    public let height: Int, width: Int
    /// The range of the crop's area, a fraction of the input's
    /// (PyTorch: `torchvision.transforms.RandomResizedCrop.scale`).
    public let scale: (Double, Double)
    /// The range of the crop's aspect ratio (width / height), drawn log-uniformly
    /// (PyTorch: `torchvision.transforms.RandomResizedCrop.ratio`).
    public let ratio: (Double, Double)
    /// The resize's filter (PyTorch: `torchvision.transforms.RandomResizedCrop.interpolation`).
    public let interpolation: InterpolationMode
    /// The generator to draw from; nil uses `DataRandom.current`
    /// (No PyTorch counterpart: torchvision's transforms draw from torch's global generator).
    public let generator: RandomSource?

    /// A square output
    /// (PyTorch: `torchvision.transforms.RandomResizedCrop(size, scale=(0.08, 1.0), ratio=(3/4, 4/3))` with one int).
    public init(
        _ size: Int, scale: (Double, Double) = (0.08, 1.0), ratio: (Double, Double) = (3.0 / 4.0, 4.0 / 3.0),
        interpolation: InterpolationMode = .bilinear, generator: RandomSource? = nil
    ) {
        (height, width) = (size, size)
        self.scale = scale
        self.ratio = ratio
        self.interpolation = interpolation
        self.generator = generator
    }

    /// `get_params`: (top, left, height, width) of the crop.
    /// PyTorch: `torchvision.transforms.RandomResizedCrop.get_params(img, scale, ratio)`.
    public func parameters(height h: Int, width w: Int) -> (Int, Int, Int, Int) {
        let g = generator ?? DataRandom.current
        let area = Double(h * w)
        let logRatio = (Foundation.log(ratio.0), Foundation.log(ratio.1))
        for _ in 0..<10 {
            let targetArea = area * Double(g.uniformFloat(Float(scale.0), Float(scale.1)))
            let aspect = Foundation.exp(Double(g.uniformFloat(Float(logRatio.0), Float(logRatio.1))))
            let cw = Int((targetArea * aspect).squareRoot().rounded(.toNearestOrEven))
            let ch = Int((targetArea / aspect).squareRoot().rounded(.toNearestOrEven))
            if 0 < cw && cw <= w && 0 < ch && ch <= h {
                let i = g.randint(0, h - ch + 1)
                let j = g.randint(0, w - cw + 1)
                return (i, j, ch, cw)
            }
        }
        let inRatio = Double(w) / Double(h)
        var cw = w, ch = h
        if inRatio < min(ratio.0, ratio.1) {
            ch = Int((Double(cw) / min(ratio.0, ratio.1)).rounded(.toNearestOrEven))
        } else if inRatio > max(ratio.0, ratio.1) {
            cw = Int((Double(ch) * max(ratio.0, ratio.1)).rounded(.toNearestOrEven))
        }
        return ((h - ch) / 2, (w - cw) / 2, ch, cw)
    }

    /// Crops at `parameters(height:width:)` and resizes to the output size
    /// (PyTorch: `torchvision.transforms.RandomResizedCrop.forward`).
    public func apply(_ input: TransformValue) throws -> TransformValue {
        let (h, w) = input.spatialSize
        let (i, j, ch, cw) = parameters(height: h, width: w)
        let cropped = TF.crop(input, top: i, left: j, height: ch, width: cw)
        return TF.resize(cropped, height: height, width: width, interpolation: interpolation)
    }
}
