import CImageCodecs
import Foundation
import TensorCore

/// An 8-bit image, the PIL.Image of this module: `mode` L (grey), RGB or RGBA, pixels row-major
/// height × width × channels (HWC).
/// No PyTorch counterpart: it stands in for `PIL.Image.Image`, which torchvision's transforms and data sets
/// pass around.
public struct Image: Sendable, Equatable {
    /// The pixel layouts of 8-bit images (No PyTorch counterpart: PIL's `img.mode` strings).
    public enum Mode: String, Sendable {
        /// `L`: grey, one channel; `RGB`: three; `RGBA`: colour with alpha, four.
        case L, RGB, RGBA
        /// Bytes per pixel (No PyTorch counterpart: PIL's `len(img.getbands())`).
        public var channels: Int {
            switch self {
            case .L: 1
            case .RGB: 3
            case .RGBA: 4
            }
        }
    }

    /// Pixels per row (No PyTorch counterpart: PIL's `img.width`).
    public let width: Int
    /// Rows (No PyTorch counterpart: PIL's `img.height`).
    public let height: Int
    /// The pixel layout (No PyTorch counterpart: PIL's `img.mode`).
    public let mode: Mode
    /// The bytes, row-major `(H, W, C)` (No PyTorch counterpart: PIL's `numpy.asarray(img)`, flattened).
    public var pixels: [UInt8]

    /// Wraps `pixels`, `width * height * mode.channels` bytes in `(H, W, C)` order
    /// (No PyTorch counterpart: PIL's `Image.frombytes(mode, (width, height), pixels)`).
    public init(width: Int, height: Int, mode: Mode, pixels: [UInt8]) {
        precondition(
            pixels.count == width * height * mode.channels,
            "Image: \(pixels.count) bytes for \(width)x\(height) \(mode)")
        self.width = width
        self.height = height
        self.mode = mode
        self.pixels = pixels
    }

    /// `Image.new(mode, (width, height), value)`.
    /// No PyTorch counterpart: PIL's `Image.new`.
    public init(width: Int, height: Int, mode: Mode, fill: UInt8 = 0) {
        self.init(
            width: width, height: height, mode: mode,
            pixels: [UInt8](repeating: fill, count: width * height * mode.channels))
    }

    /// Bytes per pixel, `mode.channels` (No PyTorch counterpart: PIL's `len(img.getbands())`).
    public var channels: Int { mode.channels }
    /// PIL's `img.size`: (width, height).
    /// No PyTorch counterpart: a PIL attribute.
    public var size: (width: Int, height: Int) { (width, height) }

    /// `Image.open(path)`: PNG or JPEG, recognised by signature; corrupt files throw `DataError.decode`.
    /// No PyTorch counterpart: PIL's `Image.open`, which torchvision's loaders call;
    /// `torchvision.io.read_image` reads to a tensor instead.
    public static func open(_ path: String) throws -> Image {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FileManager.default.fileExists(atPath: path)
                ? DataError.io(path: path, message: "cannot read file") : DataError.fileNotFound(path: path)
        }
        return try decode(data, path: path)
    }

    /// Decodes PNG or JPEG bytes; `path` only labels errors.
    /// No PyTorch counterpart: PIL's `Image.open(io.BytesIO(data))`; `torchvision.io.decode_image` decodes to a
    /// tensor instead.
    public static func decode(_ data: Data, path: String = "<memory>") throws -> Image {
        let bytes = [UInt8](data)
        let isPNG = bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let isJPEG = bytes.starts(with: [0xFF, 0xD8])
        guard isPNG || isJPEG else {
            throw DataError.decode(path: path, message: "cannot identify image file (not PNG or JPEG)")
        }
        var image = cic_image()
        var message = [CChar](repeating: 0, count: 256)
        let status = bytes.withUnsafeBufferPointer { buffer in
            isPNG
                ? cic_decode_png(buffer.baseAddress, buffer.count, &image, &message, message.count)
                : cic_decode_jpeg(buffer.baseAddress, buffer.count, &image, &message, message.count)
        }
        guard status == 0, let raw = image.pixels else {
            throw DataError.decode(path: path, message: (isPNG ? "PNG: " : "JPEG: ") + cMessage(message))
        }
        defer { cic_free(raw) }
        let count = Int(image.width) * Int(image.height) * Int(image.channels)
        let pixels = [UInt8](UnsafeBufferPointer(start: raw, count: count))
        switch image.channels {
        case 1: return Image(width: Int(image.width), height: Int(image.height), mode: .L, pixels: pixels)
        case 2:  // grey + alpha: PIL's LA; keep the grey (what convert("L") gives)
            let grey = stride(from: 0, to: count, by: 2).map { pixels[$0] }
            return Image(width: Int(image.width), height: Int(image.height), mode: .L, pixels: grey)
        case 3: return Image(width: Int(image.width), height: Int(image.height), mode: .RGB, pixels: pixels)
        default: return Image(width: Int(image.width), height: Int(image.height), mode: .RGBA, pixels: pixels)
        }
    }

    /// `img.convert(mode)` with PIL's rules: RGB→L is ITU-R 601-2 in 16-bit fixed point with rounding,
    /// L→RGB replicates, RGBA→RGB drops alpha, →RGBA adds an opaque alpha.
    /// No PyTorch counterpart: PIL's `Image.convert` (torchvision's `pil_loader` calls `convert("RGB")`).
    public func convert(_ target: Mode) -> Image {
        if target == mode { return self }
        let n = width * height
        var out = [UInt8](repeating: 255, count: n * target.channels)
        pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                let c = mode.channels
                switch target {
                case .L:
                    for i in 0..<n {
                        let r = UInt32(src[i * c]), g = UInt32(src[i * c + 1]), b = UInt32(src[i * c + 2])
                        dst[i] = UInt8((r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16)
                    }
                case .RGB, .RGBA:
                    let tc = target.channels
                    for i in 0..<n {
                        if c == 1 {
                            dst[i * tc] = src[i]
                            dst[i * tc + 1] = src[i]
                            dst[i * tc + 2] = src[i]
                        } else {
                            dst[i * tc] = src[i * c]
                            dst[i * tc + 1] = src[i * c + 1]
                            dst[i * tc + 2] = src[i * c + 2]
                        }
                    }
                }
            }
        }
        return Image(width: width, height: height, mode: target, pixels: out)
    }

    /// The pixel at (x, y), channel `c`.
    /// No PyTorch counterpart: PIL's `img.getpixel((x, y))[c]`.
    public subscript(x: Int, y: Int, c: Int) -> UInt8 { pixels[(y * width + x) * channels + c] }
}

/// Reads a whole file, distinguishing a missing file from an unreadable one.
func readFile(_ path: String) throws -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw FileManager.default.fileExists(atPath: path)
            ? DataError.io(path: path, message: "cannot read file") : DataError.fileNotFound(path: path)
    }
    return [UInt8](data)
}

/// Inflates gzip bytes (zlib); a truncated or corrupt stream throws naming `path`.
func gunzip(_ bytes: [UInt8], path: String) throws -> [UInt8] {
    var out: UnsafeMutablePointer<UInt8>?
    var length = 0
    var message = [CChar](repeating: 0, count: 256)
    let status = bytes.withUnsafeBufferPointer { buffer in
        cic_gunzip(buffer.baseAddress, buffer.count, &out, &length, &message, message.count)
    }
    guard status == 0, let out else {
        throw DataError.decode(path: path, message: "gzip: " + cMessage(message))
    }
    defer { cic_free(out) }
    return [UInt8](UnsafeBufferPointer(start: out, count: length))
}

/// A NUL-terminated C message buffer as a String.
func cMessage(_ buffer: [CChar]) -> String {
    String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
