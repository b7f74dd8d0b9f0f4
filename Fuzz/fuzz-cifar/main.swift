import DataFuzzSupport
import DataPipeline
import FuzzSupport

/// CIFAR binary records: the input is one records file, read as CIFAR-100 (2 label bytes + 3,072) when its
/// length is a whole number of those records and not of CIFAR-10's (1 + 3,072), else as CIFAR-10.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let variant: CIFAR.Variant = size % 3074 == 0 && size % 3073 != 0 ? .cifar100 : .cifar10
    let path = Scratch.write(fuzzBytes(data, size), to: "records.bin")
    if let dataset = try? CIFAR(recordsFiles: [path], variant: variant, transform: ToTensor()) { readSamples(dataset) }
    return 0
}

fuzzMain(testOneInput)
