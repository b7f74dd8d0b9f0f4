import CheckpointHDF5
import FuzzSupport

/// safetensors: the length prefix, the JSON header (its own parser), offsets and the tensor payloads.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    loadFromFile(data, size, as: "input.safetensors") { _ = try SafeTensors.load(from: $0) }
}

fuzzMain(testOneInput)
