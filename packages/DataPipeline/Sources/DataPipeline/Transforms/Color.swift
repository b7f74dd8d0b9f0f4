import Foundation
import TensorCore

/// Pillow's colour operations on 8-bit images, bit for bit: ImageEnhance's blends (float factor,
/// truncation, clipping only when extrapolating) and its RGB↔HSV conversions.
extension TF {
    /// `Image.blend(degenerate, img, factor)`: the degenerate image is one grey value (`constant`) or, when
    /// `grey` is given, the image's own greyscale replicated over its channels.
    static func blend(_ img: Image, factor: Double, constant: UInt8 = 0, grey: [UInt8]? = nil) -> Image {
        let alpha = Float(factor)
        var out = img.pixels
        let interpolate = alpha >= 0 && alpha <= 1
        let c = img.channels
        @inline(__always) func mix(_ a: UInt8, _ b: UInt8) -> UInt8 {
            let t = Float(Int(a)) + alpha * Float(Int(b) - Int(a))
            if interpolate { return UInt8(t) }
            return t <= 0 ? 0 : t >= 255 ? 255 : UInt8(t)
        }
        out.withUnsafeMutableBufferPointer { p in
            if let grey {
                grey.withUnsafeBufferPointer { g in
                    for i in 0..<g.count {
                        for k in 0..<c { p[i * c + k] = mix(g[i], p[i * c + k]) }
                    }
                }
            } else {
                // One grey value: a 256-entry table of the same formula.
                var table = [UInt8](repeating: 0, count: 256)
                for v in 0..<256 { table[v] = mix(constant, UInt8(v)) }
                table.withUnsafeBufferPointer { t in
                    for i in 0..<p.count { p[i] = t[Int(p[i])] }
                }
            }
        }
        return img.withPixels(out)
    }

    static func requireColorMode(_ img: Image, _ op: String) throws {
        if img.mode == .RGBA {
            throw DataError.unsupported("\(op): RGBA images are not supported; convert to RGB first")
        }
    }

    /// `TF.adjust_brightness(img, factor)`.
    /// PyTorch: `torchvision.transforms.functional.adjust_brightness` on a PIL image
    /// (Pillow's `ImageEnhance.Brightness`).
    public static func adjustBrightness(_ img: Image, _ factor: Double) throws -> Image {
        guard factor >= 0 else { throw DataError.invalidArgument("brightness_factor (\(factor)) is not non-negative.") }
        try requireColorMode(img, "adjust_brightness")
        return blend(img, factor: factor)
    }

    /// `TF.adjust_contrast(img, factor)`: blends toward the rounded mean of the L image.
    /// PyTorch: `torchvision.transforms.functional.adjust_contrast` on a PIL image (Pillow's `ImageEnhance.Contrast`).
    public static func adjustContrast(_ img: Image, _ factor: Double) throws -> Image {
        guard factor >= 0 else { throw DataError.invalidArgument("contrast_factor (\(factor)) is not non-negative.") }
        try requireColorMode(img, "adjust_contrast")
        let grey = img.convert(.L)
        var sum = 0
        for v in grey.pixels { sum += Int(v) }
        let mean = UInt8(Int(Double(sum) / Double(max(grey.pixels.count, 1)) + 0.5))
        return blend(img, factor: factor, constant: mean)
    }

    /// `TF.adjust_saturation(img, factor)`: blends toward the image's greyscale.
    /// PyTorch: `torchvision.transforms.functional.adjust_saturation` on a PIL image (Pillow's `ImageEnhance.Color`).
    public static func adjustSaturation(_ img: Image, _ factor: Double) throws -> Image {
        guard factor >= 0 else { throw DataError.invalidArgument("saturation_factor (\(factor)) is not non-negative.") }
        try requireColorMode(img, "adjust_saturation")
        if img.mode == .L { return img }
        return blend(img, factor: factor, grey: img.convert(.L).pixels)
    }

    /// `TF.adjust_hue(img, factor)`: PIL HSV, hue byte shifted by `uint8(int32(factor * 255))` mod 256.
    /// PyTorch: `torchvision.transforms.functional.adjust_hue` on a PIL image.
    public static func adjustHue(_ img: Image, _ factor: Double) throws -> Image {
        guard factor >= -0.5 && factor <= 0.5 else {
            throw DataError.invalidArgument("hue_factor (\(factor)) is not in [-0.5, 0.5].")
        }
        try requireColorMode(img, "adjust_hue")
        if img.mode == .L { return img }
        let shift = UInt8(truncatingIfNeeded: Int32(factor * 255))
        var out = img.pixels
        out.withUnsafeMutableBufferPointer { p in
            for i in stride(from: 0, to: p.count, by: 3) {
                var (h, s, v) = rgbToHSV(p[i], p[i + 1], p[i + 2])
                h = h &+ shift
                (p[i], p[i + 1], p[i + 2]) = hsvToRGB(h, s, v)
            }
        }
        return img.withPixels(out)
    }

    /// Pillow's `rgb2hsv_row` (Convert.c), with its float/double mix.
    @inline(__always) static func rgbToHSV(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> (UInt8, UInt8, UInt8) {
        let maxc = max(r, g, b), minc = min(r, g, b)
        if maxc == minc { return (0, 0, maxc) }
        let cr = Float(maxc - minc)
        let s = cr / Float(maxc)
        let rc = Float(maxc - r) / cr, gc = Float(maxc - g) / cr, bc = Float(maxc - b) / cr
        var h: Float
        if r == maxc {
            h = bc - gc
        } else if g == maxc {
            h = Float(2.0 + Double(rc) - Double(bc))
        } else {
            h = Float(4.0 + Double(gc) - Double(rc))
        }
        h = Float(fmod(Double(h) / 6.0 + 1.0, 1.0))
        let uh = clip8(Int(Double(h) * 255.0)), us = clip8(Int(Double(s) * 255.0))
        return (uh, us, maxc)
    }

    @inline(__always) static func clip8(_ v: Int) -> UInt8 { v <= 0 ? 0 : v >= 255 ? 255 : UInt8(v) }

    /// Pillow's `hsv2rgb` (Convert.c).
    @inline(__always) static func hsvToRGB(_ h: UInt8, _ s: UInt8, _ v: UInt8) -> (UInt8, UInt8, UInt8) {
        if s == 0 { return (v, v, v) }
        let i = Int((Double(Float(h)) * 6.0 / 255.0).rounded(.down))
        let f = Float(Double(Float(h)) * 6.0 / 255.0 - Double(i))
        let fs = Float(Double(Float(s)) / 255.0)
        let vv = Double(Float(v))
        let p = clip8(Int((vv * (1.0 - Double(fs))).rounded()))
        let q = clip8(Int((vv * (1.0 - Double(fs * f))).rounded()))
        let t = clip8(Int((vv * (1.0 - Double(fs) * (1.0 - Double(f)))).rounded()))
        switch i % 6 {
        case 0: return (v, t, p)
        case 1: return (q, v, p)
        case 2: return (p, v, t)
        case 3: return (p, q, v)
        case 4: return (t, p, v)
        default: return (v, p, q)
        }
    }

    /// `TF.rgb_to_grayscale(img, num_output_channels)`.
    /// PyTorch: `torchvision.transforms.functional.rgb_to_grayscale` on a PIL image (`img.convert("L")`).
    public static func rgbToGrayscale(_ img: Image, numOutputChannels: Int = 1) -> Image {
        let grey = img.convert(.L)
        return numOutputChannels == 3 ? grey.convert(.RGB) : grey
    }
}

extension Image {
    func withPixels(_ pixels: [UInt8]) -> Image { Image(width: width, height: height, mode: mode, pixels: pixels) }
}

/// `transforms.Grayscale(num_output_channels)`.
/// PyTorch: `torchvision.transforms.Grayscale`.
public struct Grayscale: Transform {
    /// 1 for an L image, 3 for grey replicated to RGB
    /// (PyTorch: `torchvision.transforms.Grayscale.num_output_channels`).
    public let numOutputChannels: Int
    /// PyTorch: `torchvision.transforms.Grayscale(num_output_channels=1)`.
    public init(numOutputChannels: Int = 1) { self.numOutputChannels = numOutputChannels }
    /// The greyscale of an image or a float tensor image (PyTorch: `torchvision.transforms.Grayscale.forward`).
    public func apply(_ input: TransformValue) throws -> TransformValue {
        switch input {
        case .image(let img): return .image(TF.rgbToGrayscale(img, numOutputChannels: numOutputChannels))
        case .tensor(let t): return .tensor(try TF.rgbToGrayscale(t, numOutputChannels: numOutputChannels))
        }
    }
}

/// `transforms.ColorJitter(brightness, contrast, saturation, hue)` on images or float tensors: draws `randperm(4)` for
/// the order, then one float uniform per enabled factor, and applies Pillow's enhancers like torchvision.
public struct ColorJitter: Transform {
    /// The brightness factor's range, `(max(0, 1 - b), 1 + b)`; nil when off
    /// (PyTorch: `torchvision.transforms.ColorJitter.brightness`).
    public let brightness: (Double, Double)?
    /// The contrast factor's range, `(max(0, 1 - c), 1 + c)`; nil when off
    /// (PyTorch: `torchvision.transforms.ColorJitter.contrast`).
    public let contrast: (Double, Double)?
    /// The saturation factor's range, `(max(0, 1 - s), 1 + s)`; nil when off
    /// (PyTorch: `torchvision.transforms.ColorJitter.saturation`).
    public let saturation: (Double, Double)?
    /// The hue shift's range, `(-h, h)`; nil when off (PyTorch: `torchvision.transforms.ColorJitter.hue`).
    public let hue: (Double, Double)?
    /// The generator to draw from; nil uses `DataRandom.current`
    /// (No PyTorch counterpart: torchvision's transforms draw from torch's global generator).
    public let generator: RandomSource?

    /// Each of `brightness`, `contrast` and `saturation` jitters its factor within `(max(0, 1 - v), 1 + v)`,
    /// `hue` shifts within `(-hue, hue)` (at most 0.5), and 0 turns one off
    /// (PyTorch: `torchvision.transforms.ColorJitter(brightness=0, contrast=0, saturation=0, hue=0)` with numbers).
    public init(
        brightness: Double = 0, contrast: Double = 0, saturation: Double = 0, hue: Double = 0,
        generator: RandomSource? = nil
    ) {
        func range(_ v: Double) -> (Double, Double)? { v == 0 ? nil : (max(0, 1 - v), 1 + v) }
        self.brightness = range(brightness)
        self.contrast = range(contrast)
        self.saturation = range(saturation)
        precondition(hue >= 0 && hue <= 0.5, "hue values should be between (-0.5, 0.5)")
        self.hue = hue == 0 ? nil : (-hue, hue)
        self.generator = generator
    }

    /// Applies the enabled adjustments in a random order, each with a random factor
    /// (PyTorch: `torchvision.transforms.ColorJitter.forward`).
    public func apply(_ input: TransformValue) throws -> TransformValue {
        let g = generator ?? DataRandom.current
        let order = g.randperm(4)
        let factors = [brightness, contrast, saturation, hue].map { r in
            r.map { Double(g.uniformFloat(Float($0.0), Float($0.1))) }
        }
        var value = input
        for k in order {
            guard let f = factors[k] else { continue }
            switch (k, value) {
            case (0, .image(let img)): value = .image(try TF.adjustBrightness(img, f))
            case (1, .image(let img)): value = .image(try TF.adjustContrast(img, f))
            case (2, .image(let img)): value = .image(try TF.adjustSaturation(img, f))
            case (_, .image(let img)): value = .image(try TF.adjustHue(img, f))
            case (0, .tensor(let t)): value = .tensor(try TF.adjustBrightness(t, f))
            case (1, .tensor(let t)): value = .tensor(try TF.adjustContrast(t, f))
            case (2, .tensor(let t)): value = .tensor(try TF.adjustSaturation(t, f))
            case (_, .tensor(let t)): value = .tensor(try TF.adjustHue(t, f))
            }
        }
        return value
    }
}
