import Foundation
import TensorCore
import Testing

@testable import DataPipeline

/// torchvision's tensor colour kernels (float images).
@Suite struct TensorColorTests {
    let f = try! Fixture("transforms_tensor")

    @Test func adjustmentsMatchTorchvision() throws {
        let x = f.tensor("input")
        for factor in [0.0, 0.6, 1.4] {
            expectClose(try TF.adjustBrightness(x, factor), f.tensor("brightness_\(factor)"))
            expectClose(try TF.adjustContrast(x, factor), f.tensor("contrast_\(factor)"), atol: 1e-6)
            expectClose(try TF.adjustSaturation(x, factor), f.tensor("saturation_\(factor)"))
        }
        for hue in [-0.5, -0.15, 0.3] {
            expectClose(try TF.adjustHue(x, hue), f.tensor("hue_\(hue)"), atol: 1e-6)
        }
        expectClose(try Grayscale()(x).asTensor(), f.tensor("grayscale_1"))
        expectClose(try Grayscale(numOutputChannels: 3)(x).asTensor(), f.tensor("grayscale_3"))
        let jitter = ColorJitter(
            brightness: 0.3, contrast: 0.3, saturation: 0.3, hue: 0.2, generator: Generator(seed: 4))
        expectClose(try jitter(x).asTensor(), f.tensor("jitter_seed4"), atol: 1e-6)
        #expect(throws: DataError.self) { try TF.adjustBrightness(x.to(.uint8), 0.5) }
    }

    @Test func resizeWithoutAntialias() throws {
        let big = f.tensor("big")
        expectClose(try Resize(12, antialias: false)(big).asTensor(), f.tensor("resize_noaa_12"), atol: 1e-6)
        expectClose(
            try Resize(height: 45, width: 40, antialias: false)(big).asTensor(), f.tensor("resize_noaa_up_45_40"),
            atol: 1e-6)
    }

    @Test func asyncLoopThrows() async throws {
        let ds = AnyDataset(count: 10) { i -> Tensor in
            if i == 7 { throw DataError.badFormat(path: "x", message: "bad \(i)") }
            return Tensor.zeros([2])
        }
        var seen = 0
        do {
            for try await batch in DataLoader(ds, batchSize: 3, numWorkers: 2) {
                #expect(batch.shape == [3, 2])
                seen += 1
            }
            Issue.record("expected an error")
        } catch DataError.sample(let indices, _, _) {
            #expect(indices == [7] && seen == 2)
        }
    }
}
