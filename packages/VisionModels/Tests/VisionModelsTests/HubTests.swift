import CheckpointHDF5
import Foundation
import Layers
import TensorCore
import Testing
import TorchTestSupport

@testable import DataPipeline
@testable import VisionModels

extension SerializedSuites {
    /// torch.hub's cache and downloads, against a loopback server: never the internet.
    @Suite(.serialized) struct HubTests {
        func temporaryFolder(_ name: String = #function) -> String {
            let path = NSTemporaryDirectory() + "visionmodels-\(name.filter { $0.isLetter })-\(UUID().uuidString)"
            try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            return path
        }

        func contents(_ folder: String) -> [String] {
            (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        }

        /// A small state dict saved with torch.save's format, and its bytes.
        func smallCheckpoint() throws -> (StateDict, [UInt8]) {
            manualSeed(0)
            let model = Sequential(Linear(4, 3), ReLU(), Linear(3, 2))
            let path = temporaryFolder() + "/small.pth"
            try Checkpoint.save(model.stateDict().tensors, to: path)
            return (model.stateDict(), try readFile(path))
        }

        @Test func downloadChecksHashAndCaches() throws {
            let (state, bytes) = try smallCheckpoint()
            let prefix = String(SHA256.hex(bytes).prefix(8))
            let good = "/models/small-\(prefix).pth", wrong = "/models/small-deadbeef.pth",
                cut = "/models/cut-\(prefix).pth"
            let server = try TestHTTPServer(routes: [
                good: .init(body: bytes), wrong: .init(body: bytes), cut: .init(body: bytes, cutAfter: bytes.count / 2),
            ])
            defer { server.stop() }
            let cache = temporaryFolder()
            let url = server.baseURL + good.dropFirst()

            let loaded = try Hub.loadStateDictFromURL(url, modelDir: cache, progress: false, checkHash: true)
            #expect(loaded.keys == state.keys)
            #expect(contents(cache) == ["small-\(prefix).pth"])
            // Cached: used as is, not fetched again.
            _ = try Hub.loadStateDictFromURL(url, modelDir: cache, progress: false, checkHash: true)
            #expect(server.requests(good) == 1)

            #expect {
                try Hub.loadStateDictFromURL(
                    server.baseURL + wrong.dropFirst(), modelDir: cache, progress: false, checkHash: true)
            } throws: { error in
                guard case DataError.hashPrefix(_, let expected, let got) = error else { return false }
                return expected == "deadbeef" && got == SHA256.hex(bytes) && "\(error)".contains("invalid hash value")
            }
            #expect {
                try Hub.loadStateDictFromURL(
                    server.baseURL + cut.dropFirst(), modelDir: cache, progress: false, checkHash: true)
            } throws: { error in
                guard case DataError.download(let failed, _) = error else { return false }
                return failed.hasSuffix(cut)
            }
            #expect(throws: DataError.self) {
                try Hub.loadStateDictFromURL(server.baseURL + "models/missing-00.pth", modelDir: cache, progress: false)
            }
            // Nothing but the good file: no partial files, nothing under the failed names.
            #expect(contents(cache) == ["small-\(prefix).pth"])
            // Without checkHash a wrong name is not checked, as torch's default.
            _ = try Hub.loadStateDictFromURL(server.baseURL + wrong.dropFirst(), modelDir: cache, progress: false)
            #expect(Set(contents(cache)) == ["small-\(prefix).pth", "small-deadbeef.pth"])
        }

        @Test func pretrainedBuilderUsesTorchsCacheAsIs() throws {
            let hub = temporaryFolder()
            Hub.setDir(hub)
            defer { Hub.setDir(nil) }
            #expect(Hub.getDir() == hub)
            // A "downloaded" resnet18 file: a seeded model's state dict under torchvision's file name.
            manualSeed(3)
            let source = resnet18()
            try FileManager.default.createDirectory(atPath: hub + "/checkpoints", withIntermediateDirectories: true)
            try Checkpoint.save(
                source.stateDict().tensors, to: hub + "/checkpoints/" + ResNet18Weights.imagenet1kV1.weights.fileName)
            let model = try resnet18(weights: .imagenet1kV1, progress: false)
            for ((key, a), (_, b)) in zip(model.stateDict().tensors, source.stateDict().tensors) {
                #expect(a.equal(b), "\(key)")
            }
        }

        @Test func environmentDecidesTheDefaultFolder() {
            let environment = ProcessInfo.processInfo.environment
            let expected =
                environment["TORCH_HOME"].map { $0 + "/hub" }
                ?? (environment["XDG_CACHE_HOME"] ?? NSHomeDirectory() + "/.cache") + "/torch/hub"
            #expect(Hub.getDir() == (expected as NSString).expandingTildeInPath)
        }
    }
}
