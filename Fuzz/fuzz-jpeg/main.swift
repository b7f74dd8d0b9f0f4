import DataFuzzSupport
import FuzzSupport

/// JPEG through libjpeg-turbo (CImageCodecs; its errors longjmp back), then Image's RGB conversion.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    decodeImage(fuzzBytes(data, size))
    return 0
}

fuzzMain(testOneInput)
