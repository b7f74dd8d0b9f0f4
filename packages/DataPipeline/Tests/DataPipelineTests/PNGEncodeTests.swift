import Foundation
import Testing

@testable import DataPipeline

@Suite struct PNGEncodeTests {
    /// Lossless: what libpng writes decodes to the same pixels, in the same mode.
    @Test(arguments: [Image.Mode.L, .RGB, .RGBA]) func roundTrip(mode: Image.Mode) throws {
        let (width, height) = (5, 3)
        let pixels = (0..<(width * height * mode.channels)).map { UInt8(($0 * 37) % 256) }
        let image = Image(width: width, height: height, mode: mode, pixels: pixels)
        let png = try image.pngData()
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(try Image.decode(png) == image)
    }
}
