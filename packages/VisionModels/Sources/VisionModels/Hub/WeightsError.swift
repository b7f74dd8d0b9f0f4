import TensorCore

/// A weights file that was read but does not fit: not a state dict at all, or one for another model
/// (missing or unexpected keys, wrong shapes: torch's text, with the file named).
public enum WeightsError: Error, CustomStringConvertible {
    /// The file holds something other than a dict of tensors (`found` says what).
    case notAStateDict(file: String, found: String)
    /// A state dict whose keys or shapes do not fit the model.
    case incompatible(file: String, StateDictLoadError)

    /// The file and what was wrong, torch's text for key and shape mismatches (PyTorch: the exception's `__str__`).
    public var description: String {
        switch self {
        case .notAStateDict(let file, let found): "\(file): not a state dict of tensors (found \(found))"
        case .incompatible(let file, let error): "\(file): \(error)"
        }
    }
}
