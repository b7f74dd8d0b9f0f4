import Autodiff
import CheckpointHDF5
import Foundation
import Layers
import TensorCore
import Testing
import TorchTestSupport

@testable import VisionModels

extension SerializedSuites {
    /// Weights files that do not fit: each a clear error naming the file, and the model left as it was.
    @Suite struct BadWeightsTests {
        let folder: String = {
            let path = NSTemporaryDirectory() + "visionmodels-badweights-\(UUID().uuidString)"
            try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            return path
        }()

        /// A model whose values are a fixed pattern, to see that a failed load changed none of them.
        func model(numClasses: Int = 1000) -> ResNet {
            let model = Init.withoutInitialization { resnet18(numClasses: numClasses) }
            noGrad { for p in model.parameters() { p.fill_(0.25) } }
            return model
        }

        func untouched(_ model: ResNet) -> Bool { model.parameters().allSatisfy { $0.eq(0.25).all().item(Bool.self) } }

        @Test func wrongArchitectureFromARealTorchFile() throws {
            // generate/models.py saved an nn.Sequential(nn.Linear(4, 2)) state dict with torch.save.
            let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Fixtures/linear-state-dict.pth").path
            let target = model()
            #expect {
                try target.loadWeights(file: path)
            } throws: { error in
                guard case WeightsError.incompatible(let file, let inner) = error else { return false }
                return file == path && inner.missingKeys.contains("conv1.weight")
                    && inner.unexpectedKeys == ["0.weight", "0.bias"]
                    && "\(error)".contains("Missing key(s) in state_dict: \"conv1.weight\"")
            }
            #expect(untouched(target))
        }

        @Test func legacyTorchFormatLoadsLikeTheZipFormat() throws {
            // generate/models.py saved one state dict both ways (_use_new_zipfile_serialization=False for the
            // legacy file, which some of torchvision's older weights files are in).
            let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Fixtures")
            let legacy = try Hub.loadStateDict(file: fixtures.appendingPathComponent("linear-legacy-format.pth").path)
            let zip = try Hub.loadStateDict(file: fixtures.appendingPathComponent("linear-state-dict.pth").path)
            #expect(legacy.keys == zip.keys)
            for (key, value) in zip { #expect(legacy[key]?.tensor?.equal(value.tensor!) == true, "\(key.text)") }
        }

        @Test func missingKeysAndWrongShapes() throws {
            var state = model().stateDict()
            _ = state.removeValue(forKey: "fc.bias")
            let missing = folder + "/missing.pth"
            try Checkpoint.save(.dict(state), to: missing)
            let target = model()
            #expect {
                try target.loadWeights(file: missing)
            } throws: { error in
                guard case WeightsError.incompatible(_, let inner) = error else { return false }
                return inner.missingKeys == ["fc.bias"] && "\(error)".hasPrefix(missing)
            }

            let fiveClasses = folder + "/five.pth"
            try Checkpoint.save(model(numClasses: 5).stateDict().tensors, to: fiveClasses)
            #expect {
                try target.loadWeights(file: fiveClasses)
            } throws: { error in
                guard case WeightsError.incompatible(_, let inner) = error else { return false }
                return inner.sizeMismatches.count == 2 && "\(error)".contains("size mismatch for fc.weight")
            }
            #expect(untouched(target))
        }

        @Test func corruptAndNonStateDictFiles() throws {
            let good = folder + "/good.pth"
            try Checkpoint.save(model().stateDict().tensors, to: good)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: good))
            let corrupt = folder + "/corrupt.pth"
            try bytes.prefix(bytes.count / 3).write(to: URL(fileURLWithPath: corrupt))
            let target = model()
            #expect(throws: CheckpointError.self) { try target.loadWeights(file: corrupt) }

            let list = folder + "/list.pth"
            try Checkpoint.save(StateValue.list([.int(1)]), to: list)
            #expect {
                try target.loadWeights(file: list)
            } throws: { error in "\(error)" == "\(list): not a state dict of tensors (found a list)" }
            #expect(untouched(target))
        }
    }
}
