import Foundation

extension TF {
    /// `TF.rotate(img, angle, expand, center, fill)` (nearest) exactly as Pillow's `Image.rotate`: about the
    /// centre, quarter turns are transposes; otherwise the inverse affine map in 16.16 fixed point (or
    /// double when out of fixed range), sampling at pixel centres. `expand` grows the canvas to hold the
    /// whole rotated image; `center` is (x, y) in pixels.
    /// PyTorch: `torchvision.transforms.functional.rotate` on a PIL image, `NEAREST`.
    public static func rotate(
        _ img: Image, angle degrees: Double, expand: Bool = false, center: (x: Double, y: Double)? = nil,
        fill: UInt8 = 0
    ) -> Image {
        var angle = degrees.truncatingRemainder(dividingBy: 360)
        if angle < 0 { angle += 360 }
        let w = img.width, h = img.height
        let c = img.channels
        if center == nil {
            if angle == 0 { return img }
            if angle == 180 {
                return remap(img, rows: (0..<h).map { h - 1 - $0 }, cols: (0..<w).map { w - 1 - $0 }, fill: [fill])
            }
            if (angle == 90 || angle == 270) && (expand || w == h) {
                // Transpose to an h × w canvas: ROTATE_90 is counter-clockwise.
                var out = [UInt8](repeating: 0, count: img.pixels.count)
                let ow = h, oh = w
                for r in 0..<oh {
                    for col in 0..<ow {
                        let (sx, sy) = angle == 90 ? (w - 1 - r, col) : (r, h - 1 - col)
                        for k in 0..<c { out[(r * ow + col) * c + k] = img.pixels[(sy * w + sx) * c + k] }
                    }
                }
                return Image(width: ow, height: oh, mode: img.mode, pixels: out)
            }
        }
        func round15(_ v: Double) -> Double { (v * 1e15).rounded(.toNearestOrEven) / 1e15 }
        let rad = -angle * Double.pi / 180
        var a = [round15(cos(rad)), round15(sin(rad)), 0.0, round15(-sin(rad)), round15(cos(rad)), 0.0]
        func apply(_ x: Double, _ y: Double) -> (Double, Double) {
            (a[0] * x + a[1] * y + a[2], a[3] * x + a[4] * y + a[5])
        }
        let (cx, cy) = center ?? (Double(w) / 2, Double(h) / 2)
        (a[2], a[5]) = apply(-cx, -cy)
        a[2] += cx
        a[5] += cy
        var ow = w, oh = h
        if expand {
            let corners = [(0.0, 0.0), (Double(w), 0.0), (Double(w), Double(h)), (0.0, Double(h))].map {
                apply($0.0, $0.1)
            }
            let xs = corners.map(\.0), ys = corners.map(\.1)
            ow = Int(xs.max()!.rounded(.up) - xs.min()!.rounded(.down))
            oh = Int(ys.max()!.rounded(.up) - ys.min()!.rounded(.down))
            (a[2], a[5]) = apply(-Double(ow - w) / 2, -Double(oh - h) / 2)
        }
        var out = [UInt8](repeating: fill, count: ow * oh * c)
        func put(_ x: Int, _ y: Int, _ sx: Int, _ sy: Int) {
            if sx >= 0 && sx < w && sy >= 0 && sy < h {
                for k in 0..<c { out[(y * ow + x) * c + k] = img.pixels[(sy * w + sx) * c + k] }
            }
        }
        func fits(_ x: Double, _ y: Double) -> Bool {
            abs(x * a[0] + y * a[1] + a[2]) < 32768 && abs(x * a[3] + y * a[4] + a[5]) < 32768
        }
        let W = Double(ow), H = Double(oh)
        if fits(0, 0) && fits(W, H) && fits(0, H) && fits(W, 0) {
            func fix(_ v: Double) -> Int32 { Int32((v * 65536 + 0.5).rounded(.down)) }
            let a0 = fix(a[0]), a1 = fix(a[1]), a3 = fix(a[3]), a4 = fix(a[4])
            var a2 = fix(a[2] + a[0] * 0.5 + a[1] * 0.5), a5 = fix(a[5] + a[3] * 0.5 + a[4] * 0.5)
            for y in 0..<oh {
                var xx = a2, yy = a5
                for x in 0..<ow {
                    put(x, y, Int(xx >> 16), Int(yy >> 16))
                    xx &+= a0
                    yy &+= a3
                }
                a2 &+= a1
                a5 &+= a4
            }
        } else {
            func coord(_ v: Double) -> Int { v < 0 ? -1 : Int(v) }
            var xo = a[2] + a[1] * 0.5 + a[0] * 0.5, yo = a[5] + a[4] * 0.5 + a[3] * 0.5
            for y in 0..<oh {
                var xx = xo, yy = yo
                for x in 0..<ow {
                    put(x, y, coord(xx), coord(yy))
                    xx += a[0]
                    yy += a[3]
                }
                xo += a[1]
                yo += a[4]
            }
        }
        return Image(width: ow, height: oh, mode: img.mode, pixels: out)
    }
}

/// `transforms.RandomRotation(degrees, expand, center, fill)` (nearest): angle = uniform(d0, d1) in float32.
/// PyTorch: `torchvision.transforms.RandomRotation`.
public struct RandomRotation: Transform {
    /// The angle's range in degrees, counter-clockwise (PyTorch: `torchvision.transforms.RandomRotation.degrees`).
    public let degrees: (Double, Double)
    /// Whether the canvas grows to hold the whole rotated image
    /// (PyTorch: `torchvision.transforms.RandomRotation.expand`).
    public let expand: Bool
    /// The centre of rotation `(x, y)` in pixels, nil for the image's centre
    /// (PyTorch: `torchvision.transforms.RandomRotation.center`).
    public let center: (x: Double, y: Double)?
    /// The value of pixels the rotated image does not cover (PyTorch: `torchvision.transforms.RandomRotation.fill`).
    public let fill: UInt8
    /// The generator to draw from; nil uses `DataRandom.current`
    /// (No PyTorch counterpart: torchvision's transforms draw from torch's global generator).
    public let generator: RandomSource?

    /// Angles in `[-degrees, degrees]` (PyTorch: `torchvision.transforms.RandomRotation(degrees)` with one number).
    public init(
        _ degrees: Double, expand: Bool = false, center: (x: Double, y: Double)? = nil, fill: UInt8 = 0,
        generator: RandomSource? = nil
    ) {
        self.init(degrees: (-degrees, degrees), expand: expand, center: center, fill: fill, generator: generator)
    }

    /// PyTorch: `torchvision.transforms.RandomRotation((d0, d1), expand=False, center=None, fill=0)`.
    public init(
        degrees: (Double, Double), expand: Bool = false, center: (x: Double, y: Double)? = nil, fill: UInt8 = 0,
        generator: RandomSource? = nil
    ) {
        self.degrees = degrees
        self.expand = expand
        self.center = center
        self.fill = fill
        self.generator = generator
    }

    /// Rotates an image by a float32 uniform draw from `degrees`; a tensor throws
    /// (PyTorch: `torchvision.transforms.RandomRotation.forward`).
    public func apply(_ input: TransformValue) throws -> TransformValue {
        let img = try input.asImage()
        let angle = Double((generator ?? DataRandom.current).uniformFloat(Float(degrees.0), Float(degrees.1)))
        return .image(TF.rotate(img, angle: angle, expand: expand, center: center, fill: fill))
    }
}
