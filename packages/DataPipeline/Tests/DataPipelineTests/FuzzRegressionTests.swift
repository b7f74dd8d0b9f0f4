import DataPipeline
import Foundation
import Testing

/// The inputs that crashed the libFuzzer harnesses in Fuzz/ (in Fixtures/fuzz-regressions/): each must now
/// be a thrown `DataError`.
@Suite struct FuzzRegressionTests {
    /// Headers declaring 65,490×65,496 (JPEG, found by fuzz-jpeg) and 30,000² RGBA (PNG, made by hand:
    /// libpng's CRCs keep mutation out of IHDR) pixels in under 1 KB: the decoder allocated the whole output
    /// (12.9 GB, 3.6 GB) before reading a row. Refused past Pillow's decompression-bomb limit (178,956,970
    /// pixels), before anything is allocated.
    @Test(arguments: [
        ("jpeg-65490x65496-header.jpg", "JPEG: image of 65490x65496"),
        ("png-30000x30000-header.png", "PNG: image of 30000x30000"),
    ])
    func decompressionBombIsRefused(_ name: String, _ prefix: String) throws {
        let path = fixturesPath("fuzz-regressions/" + name)
        #expect {
            try Image.open(path)
        } throws: { error in
            guard case DataError.decode(let file, let message) = error else { return false }
            return file == path
                && message == prefix + " pixels exceeds the limit of 178956970 pixels (decompression bomb)"
        }
    }
}
