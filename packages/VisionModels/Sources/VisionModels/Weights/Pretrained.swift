import Layers
import TensorCore

/// The number of classes torchvision builds for `weights`: its categories' count (1000 when it has none).
func classCount(_ weights: Weights) -> Int { weights.categories?.count ?? 1000 }

/// Loads `weights` (hub cache, else a hash-checked download) into `model`, strictly.
func pretrained<M: Module>(_ model: M, _ weights: Weights, progress: Bool) throws -> M {
    try model.loadStateDict(weights.getStateDict(progress: progress, checkHash: true), file: weights.fileName)
    return model
}

extension Module {
    /// `model.load_state_dict(torch.load(file))` for a torchvision `.pth` (or any `torch.save`d state dict):
    /// strict, nothing applied unless every key and shape fits; errors name the file.
    public func loadWeights(file: String) throws {
        try loadStateDict(Hub.loadStateDict(file: file), file: file)
    }

    /// `load_state_dict` whose error names where the state dict came from.
    func loadStateDict(_ stateDict: StateDict, file: String) throws {
        do {
            _ = try loadStateDict(stateDict)
        } catch {
            throw WeightsError.incompatible(file: file, error)
        }
    }
}
