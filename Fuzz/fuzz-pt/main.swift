import CheckpointHDF5
import FuzzSupport

/// torch.save's format: the zip reader (directory, zip64, local headers, CRCs), then the restricted
/// unpickler and the conversion of its objects to a state value, loading storages from the archive.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    loadFromFile(data, size, as: "input.pt") { _ = try TorchFormat.load(from: $0) }
}

fuzzMain(testOneInput)
