import DataPipeline
import Foundation

/// Reads the first `limit` samples the way a training loop does (the data set was made with
/// `ToTensor()`): loading errors are fine, traps are findings.
public func readSamples<D: Dataset>(_ dataset: D, limit: Int = 4) {
    for index in 0..<min(dataset.count, limit) { _ = try? dataset[index] }
}

/// `Image.decode` (PNG or JPEG by signature), then the RGB conversion every image data set applies.
public func decodeImage(_ bytes: [UInt8]) {
    guard let image = try? Image.decode(Data(bytes), path: "fuzz") else { return }
    _ = image.convert(.RGB)
}
