import DataFuzzSupport
import DataPipeline
import Foundation
import FuzzSupport

/// CSVImageDataset's annotations file (header, quoted fields, labels), then the images its first rows
/// name, from a folder holding one PNG (`a.png`) and one JPEG (`b.jpg`). Rows naming absolute paths or
/// `..` are not opened: the file system outside the folder (/dev/zero, ...) is not the parser's input.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let path = Scratch.write(fuzzBytes(data, size), to: "annotations.csv")
    guard let dataset = try? CSVImageDataset(csvFile: path, imgDir: images, transform: ToTensor()) else { return 0 }
    let inside = dataset.annotations.prefix { !$0.file.hasPrefix("/") && !$0.file.contains("..") }
    readSamples(dataset, limit: min(inside.count, 4))
    return 0
}

/// The image folder: one PNG and one JPEG from the DataPipeline test fixtures, copied in once.
let images: String = {
    let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../packages/DataPipeline/Tests/Fixtures").standardized.path
    for (source, name) in [("png/rgb.png", "a.png"), ("cifar10-jpeg/airplane/0008.jpg", "b.jpg")] {
        guard let bytes = FileManager.default.contents(atPath: fixtures + "/" + source) else {
            fatalError("fuzz-csv: missing fixture \(fixtures)/\(source)")
        }
        Scratch.write([UInt8](bytes), to: "images/" + name)
    }
    return Scratch.folder + "/images"
}()

fuzzMain(testOneInput)
