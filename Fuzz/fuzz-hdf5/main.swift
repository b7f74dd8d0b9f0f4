import CheckpointHDF5
import FuzzSupport

/// HDF5 checkpoints: libhdf5 opens the file, then the reader walks groups, attributes and datasets
/// into a state value (libhdf5 itself is not instrumented: coverage is the Swift reader's).
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    loadFromFile(data, size, as: "input.h5") { _ = try HDF5File.load(from: $0) }
}

fuzzMain(testOneInput)
