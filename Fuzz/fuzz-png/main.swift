import DataFuzzSupport
import FuzzSupport

/// PNG through libpng's simplified API (CImageCodecs), then Image's RGB conversion.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    decodeImage(fuzzBytes(data, size))
    return 0
}

fuzzMain(testOneInput)
