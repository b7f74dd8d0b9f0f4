import Foundation
import TensorCore

/// What torchvision's data sets share: a `transform` for the image and a `targetTransform` for the
/// label. A sample is `(tensor, label)`: the transform's output must end in a tensor (ToTensor /
/// PILToTensor); with no transform the image comes as uint8 C×H×W (`PILToTensor`). The undecorated
/// image is `image(at:)`.
/// `TargetTransform` is that label function's type (PyTorch: a torchvision data set's `target_transform` callable).
public typealias TargetTransform = @Sendable (Int) -> Int

func finishSample(_ img: Image, _ target: Int, transform: (any Transform)?, targetTransform: TargetTransform?) throws
    -> (Tensor, Int)
{
    let value = try (transform ?? PILToTensor()).apply(.image(img))
    return (try value.asTensor(), targetTransform?(target) ?? target)
}

/// Joins path components like `os.path.join`.
func joinPath(_ parts: String...) -> String {
    parts.dropFirst().reduce(parts[0]) { acc, part in
        part.hasPrefix("/") ? part : (acc.hasSuffix("/") || acc.isEmpty ? acc + part : acc + "/" + part)
    }
}

func fileExists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }
