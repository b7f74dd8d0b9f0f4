import DataFuzzSupport
import DataPipeline
import FuzzSupport

/// MNIST's IDX files, plain or gzip. Input: a mode byte (bit 0: the images file is gzip, bit 1: the labels
/// file is), a big-endian UInt32 length n, n bytes of the images file, then the labels file.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzReader(fuzzBytes(data, size))
    let mode = input.byte()
    let images = input.take(input.u32())
    let labels = input.rest()
    for (name, bytes, gzip) in [
        ("images-idx3-ubyte", images, mode & 1 != 0), ("labels-idx1-ubyte", labels, mode & 2 != 0),
    ] {
        let plain = "MNIST/raw/train-" + name
        Scratch.remove(gzip ? plain : plain + ".gz")
        Scratch.write(bytes, to: gzip ? plain + ".gz" : plain)
    }
    if let dataset = try? MNIST(root: Scratch.folder, train: true, transform: ToTensor()) { readSamples(dataset) }
    return 0
}

fuzzMain(testOneInput)
