import Foundation

extension TF {
    /// `TF.rotate(img, angle)` (nearest, expand=False, about the centre, constant fill) exactly as Pillow's
    /// `Image.rotate`: quarter turns of square images are transposes; otherwise the inverse affine map
    /// in 16.16 fixed point (or double when out of fixed range), sampling at pixel centres.
    public static func rotate(_ img: Image, angle degrees: Double, fill: UInt8 = 0) -> Image {
        let angle = degrees.truncatingRemainder(dividingBy: 360) + (degrees < 0 ? 360 : 0)
        let w = img.width, h = img.height
        if angle == 0 || angle == 360 { return img }
        if angle == 180 {
            return remap(img, rows: (0..<h).map { h - 1 - $0 }, cols: (0..<w).map { w - 1 - $0 }, fill: [fill])
        }
        let c = img.channels
        if (angle == 90 || angle == 270) && w == h {
            var out = [UInt8](repeating: 0, count: img.pixels.count)
            for r in 0..<h {
                for col in 0..<w {
                    let (sx, sy) = angle == 90 ? (w - 1 - r, col) : (r, h - 1 - col)
                    for k in 0..<c { out[(r * w + col) * c + k] = img.pixels[(sy * w + sx) * c + k] }
                }
            }
            return img.withPixels(out)
        }
        func round15(_ v: Double) -> Double { (v * 1e15).rounded(.toNearestOrEven) / 1e15 }
        let rad = -angle * Double.pi / 180
        var a = [round15(cos(rad)), round15(sin(rad)), 0.0, round15(-sin(rad)), round15(cos(rad)), 0.0]
        let cx = Double(w) / 2, cy = Double(h) / 2
        a[2] = a[0] * -cx + a[1] * -cy + cx
        a[5] = a[3] * -cx + a[4] * -cy + cy
        var out = [UInt8](repeating: fill, count: img.pixels.count)
        func put(_ x: Int, _ y: Int, _ sx: Int, _ sy: Int) {
            if sx >= 0 && sx < w && sy >= 0 && sy < h {
                for k in 0..<c { out[(y * w + x) * c + k] = img.pixels[(sy * w + sx) * c + k] }
            }
        }
        func fits(_ x: Double, _ y: Double) -> Bool {
            abs(x * a[0] + y * a[1] + a[2]) < 32768 && abs(x * a[3] + y * a[4] + a[5]) < 32768
        }
        let W = Double(w), H = Double(h)
        if fits(0, 0) && fits(W, H) && fits(0, H) && fits(W, 0) {
            func fix(_ v: Double) -> Int32 { Int32((v * 65536 + 0.5).rounded(.down)) }
            let a0 = fix(a[0]), a1 = fix(a[1]), a3 = fix(a[3]), a4 = fix(a[4])
            var a2 = fix(a[2] + a[0] * 0.5 + a[1] * 0.5), a5 = fix(a[5] + a[3] * 0.5 + a[4] * 0.5)
            for y in 0..<h {
                var xx = a2, yy = a5
                for x in 0..<w {
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
            for y in 0..<h {
                var xx = xo, yy = yo
                for x in 0..<w {
                    put(x, y, coord(xx), coord(yy))
                    xx += a[0]
                    yy += a[3]
                }
                xo += a[1]
                yo += a[4]
            }
        }
        return img.withPixels(out)
    }
}

/// `transforms.RandomRotation(degrees, fill)` (nearest, expand=False): angle = uniform(-d, d) in float32.
public struct RandomRotation: Transform {
    public let degrees: (Double, Double)
    public let fill: UInt8
    public let generator: RandomSource?

    public init(_ degrees: Double, fill: UInt8 = 0, generator: RandomSource? = nil) {
        self.init(degrees: (-degrees, degrees), fill: fill, generator: generator)
    }

    public init(degrees: (Double, Double), fill: UInt8 = 0, generator: RandomSource? = nil) {
        self.degrees = degrees
        self.fill = fill
        self.generator = generator
    }

    public func apply(_ input: TransformValue) throws -> TransformValue {
        let img = try input.asImage()
        let angle = Double((generator ?? DataRandom.current).uniformFloat(Float(degrees.0), Float(degrees.1)))
        return .image(TF.rotate(img, angle: angle, fill: fill))
    }
}
