import Foundation
import TensorCore

/// torchvision's tensor colour kernels (`_functional_tensor`) on float (..., C, H, W) images in [0, 1],
/// computed in float32 with the same operation order, so results match torchvision's to the last bit
/// (contrast's mean to float32 summation order).
extension TF {
    /// Runs `body` on a contiguous float32 copy of `t` laid out as images × channels × plane.
    static func withFloatImages(
        _ t: Tensor, _ op: String,
        _ body: (UnsafeMutablePointer<Float>, _ images: Int, _ channels: Int, _ plane: Int) throws -> Void
    ) throws -> Tensor {
        guard t.dtype.isFloatingPoint else {
            throw DataError.unsupported(
                "\(op) on tensors needs a float image in [0, 1] (got \(t.dtype)); apply ToTensor first")
        }
        guard t.ndim >= 3 else {
            throw DataError.invalidArgument("\(op): expected a tensor image of shape (..., C, H, W), got \(t.shape)")
        }
        let out = t.to(.float32, copy: true).contiguous()
        let c = out.size(-3), plane = out.size(-2) * out.size(-1)
        try body(out.mutablePointer(Float.self), out.numel / Swift.max(c * plane, 1), c, plane)
        return out.dtype == t.dtype ? out : out.to(t.dtype)
    }

    /// `(ratio * a + (1 - ratio) * b).clamp(0, 1)` in float32.
    @inline(__always) static func blendFloat(_ a: Float, _ b: Float, _ ratio: Double) -> Float {
        let v = Float(ratio) * a + Float(1.0 - ratio) * b
        return Swift.min(Swift.max(v, 0), 1)
    }

    @inline(__always) static func greyFloat(_ r: Float, _ g: Float, _ b: Float) -> Float {
        Float(0.2989) * r + Float(0.587) * g + Float(0.114) * b
    }

    /// `(factor * t).clamp(0, 1)` on a float tensor image `(..., C, H, W)`
    /// (PyTorch: `torchvision.transforms.functional.adjust_brightness` on a tensor).
    public static func adjustBrightness(_ t: Tensor, _ factor: Double) throws -> Tensor {
        guard factor >= 0 else { throw DataError.invalidArgument("brightness_factor (\(factor)) is not non-negative.") }
        return try withFloatImages(t, "adjust_brightness") { p, n, c, plane in
            for i in 0..<(n * c * plane) { p[i] = blendFloat(p[i], 0, factor) }
        }
    }

    /// Blends each image toward the mean of its greyscale; 1 or 3 channels
    /// (PyTorch: `torchvision.transforms.functional.adjust_contrast` on a tensor).
    public static func adjustContrast(_ t: Tensor, _ factor: Double) throws -> Tensor {
        guard factor >= 0 else { throw DataError.invalidArgument("contrast_factor (\(factor)) is not non-negative.") }
        return try withFloatImages(t, "adjust_contrast") { p, n, c, plane in
            guard c == 1 || c == 3 else {
                throw DataError.invalidArgument(
                    "Input image tensor permitted channel values are [1, 3], but found \(c)")
            }
            for k in 0..<n {
                let q = p + k * c * plane
                var sum = 0.0
                for i in 0..<plane { sum += Double(c == 3 ? greyFloat(q[i], q[plane + i], q[2 * plane + i]) : q[i]) }
                let mean = Float(sum / Double(plane))
                for i in 0..<(c * plane) { q[i] = blendFloat(q[i], mean, factor) }
            }
        }
    }

    /// Blends each pixel toward its grey; images without 3 channels come back unchanged
    /// (PyTorch: `torchvision.transforms.functional.adjust_saturation` on a tensor).
    public static func adjustSaturation(_ t: Tensor, _ factor: Double) throws -> Tensor {
        guard factor >= 0 else { throw DataError.invalidArgument("saturation_factor (\(factor)) is not non-negative.") }
        return try withFloatImages(t, "adjust_saturation") { p, n, c, plane in
            guard c == 3 else { return }
            for k in 0..<n {
                let q = p + k * 3 * plane
                for i in 0..<plane {
                    let grey = greyFloat(q[i], q[plane + i], q[2 * plane + i])
                    for ch in 0..<3 { q[ch * plane + i] = blendFloat(q[ch * plane + i], grey, factor) }
                }
            }
        }
    }

    /// Shifts the hue through torchvision's `_rgb2hsv` and `_hsv2rgb`; images without 3 channels come back unchanged
    /// (PyTorch: `torchvision.transforms.functional.adjust_hue` on a tensor).
    public static func adjustHue(_ t: Tensor, _ factor: Double) throws -> Tensor {
        guard factor >= -0.5 && factor <= 0.5 else {
            throw DataError.invalidArgument("hue_factor (\(factor)) is not in [-0.5, 0.5].")
        }
        return try withFloatImages(t, "adjust_hue") { p, n, c, plane in
            guard c == 3 else { return }
            let shift = Float(factor)
            for k in 0..<n {
                let q = p + k * 3 * plane
                for i in 0..<plane {
                    let r = q[i], g = q[plane + i], b = q[2 * plane + i]
                    // _rgb2hsv
                    let maxc = Swift.max(r, g, b), minc = Swift.min(r, g, b)
                    let eq = maxc == minc
                    let cr = maxc - minc
                    let s = cr / (eq ? 1 : maxc)
                    let div = eq ? 1 : cr
                    let rc = (maxc - r) / div, gc = (maxc - g) / div, bc = (maxc - b) / div
                    let hr: Float = maxc == r ? bc - gc : 0
                    let hg: Float = (maxc == g && maxc != r) ? (2 + rc) - bc : 0
                    let hb: Float = (maxc != g && maxc != r) ? (4 + gc) - rc : 0
                    var h = fmodf(((hr + hg) + hb) / 6 + 1, 1)
                    // shift, Python-style modulo
                    h = h + shift
                    h = h - (h / 1).rounded(.down)
                    // _hsv2rgb
                    let i6 = (h * 6).rounded(.down)
                    let f = h * 6 - i6
                    let v = maxc
                    let pp = Swift.min(Swift.max(v * (1 - s), 0), 1)
                    let qq = Swift.min(Swift.max(v * (1 - s * f), 0), 1)
                    let tt = Swift.min(Swift.max(v * (1 - s * (1 - f)), 0), 1)
                    let sector = ((Int(i6) % 6) + 6) % 6
                    let rgb: (Float, Float, Float)
                    switch sector {
                    case 0: rgb = (v, tt, pp)
                    case 1: rgb = (qq, v, pp)
                    case 2: rgb = (pp, v, tt)
                    case 3: rgb = (pp, qq, v)
                    case 4: rgb = (tt, pp, v)
                    default: rgb = (v, pp, qq)
                    }
                    (q[i], q[plane + i], q[2 * plane + i]) = rgb
                }
            }
        }
    }

    /// `TF.rgb_to_grayscale(tensor, num_output_channels)`.
    /// PyTorch: `torchvision.transforms.functional.rgb_to_grayscale` on a tensor (float images only here).
    public static func rgbToGrayscale(_ t: Tensor, numOutputChannels: Int = 1) throws -> Tensor {
        let src = try withFloatImages(t, "rgb_to_grayscale") { _, _, c, _ in
            guard c == 3 || c == 1 else {
                throw DataError.invalidArgument(
                    "Input image tensor permitted channel values are [1, 3], but found \(c)")
            }
        }
        let c = src.size(-3), plane = src.size(-2) * src.size(-1), n = src.numel / Swift.max(c * plane, 1)
        var shape = src.shape.dims
        shape[shape.count - 3] = numOutputChannels
        let out = Tensor(uninitializedShape: shape, dtype: .float32)
        let s = src.to(.float32).contiguous().pointer(Float.self), d = out.mutablePointer(Float.self)
        for k in 0..<n {
            for i in 0..<plane {
                let q = s + k * c * plane
                let grey = c == 3 ? greyFloat(q[i], q[plane + i], q[2 * plane + i]) : q[i]
                for ch in 0..<numOutputChannels { d[(k * numOutputChannels + ch) * plane + i] = grey }
            }
        }
        return out.dtype == t.dtype ? out : out.to(t.dtype)
    }
}
