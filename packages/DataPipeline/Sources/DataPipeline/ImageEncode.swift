import CImageCodecs
import Foundation

extension Image {
    /// `img.save(buffer, format="PNG")`: lossless, 8-bit, the image's own mode (L, RGB or RGBA).
    /// No PyTorch counterpart: PIL's; `torchvision.io.encode_png` does the same for a uint8 `(C, H, W)` tensor.
    public func pngData() throws -> Data {
        var out: UnsafeMutablePointer<UInt8>?
        var length = 0
        var message = [CChar](repeating: 0, count: 256)
        let status = pixels.withUnsafeBufferPointer { buffer in
            cic_encode_png(
                buffer.baseAddress, Int32(width), Int32(height), Int32(channels), &out, &length, &message, message.count
            )
        }
        guard status == 0, let out else {
            throw DataError.io(path: "<memory>", message: "PNG encode: " + cMessage(message))
        }
        defer { cic_free(out) }
        return Data(UnsafeBufferPointer(start: out, count: length))
    }
}
