import Foundation
import TensorCore

/// A checkpoint file format, chosen from the file extension.
/// No PyTorch counterpart: torch.save has one format (its zip); this picks among the three this package reads and writes.
public enum CheckpointFormat: String, Sendable, CaseIterable {
    /// HDF5, torch.save's zip format, safetensors.
    case hdf5, torch, safetensors

    /// `.h5`/`.hdf5` → HDF5, `.pt`/`.pth`/`.bin`/`.ckpt` → torch.save's zip, `.safetensors`.
    public init(path: String) throws(CheckpointError) {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "h5", "hdf5": self = .hdf5
        case "pt", "pth", "bin", "ckpt": self = .torch
        case "safetensors": self = .safetensors
        case let other:
            throw .invalidArgument(
                "\(path): unknown checkpoint extension '.\(other)' (expected .h5, .hdf5, .pt, .pth or .safetensors)")
        }
    }
}

private func resolve(_ format: CheckpointFormat?, _ path: String) throws(CheckpointError) -> CheckpointFormat {
    if let format { return format }
    return try CheckpointFormat(path: path)
}

/// `torch.save` / `torch.load` for swift-torch: any state value (a module or optimizer state dict,
/// or a whole checkpoint dict) in HDF5, torch's .pt format or safetensors, by file extension.
public enum Checkpoint {
    /// Saves atomically: a crash mid-save leaves the previous file intact.
    /// PyTorch: `torch.save(obj, f)` (also `safetensors.torch.save_file`, or h5py, by extension).
    public static func save(_ value: StateValue, to path: String, format: CheckpointFormat? = nil)
        throws(CheckpointError)
    {
        switch try resolve(format, path) {
        case .hdf5: try HDF5File.save(value, to: path)
        case .torch: try TorchFormat.save(value, to: path)
        case .safetensors: try SafeTensors.save(value, to: path)
        }
    }

    /// Saves a module state dict (ordered name → tensor pairs).
    /// PyTorch: `torch.save(model.state_dict(), f)`.
    public static func save(_ tensors: [(String, Tensor)], to path: String, format: CheckpointFormat? = nil)
        throws(CheckpointError)
    {
        try save(StateValue(tensors: tensors), to: path, format: format)
    }

    /// Saves an unordered Swift dictionary of tensors, keys sorted (Swift dictionaries have no order;
    /// pass `[(String, Tensor)]` to keep a module's registration order).
    /// PyTorch: `torch.save(dict, f)`, in sorted key order.
    public static func save(_ tensors: [String: Tensor], to path: String, format: CheckpointFormat? = nil)
        throws(CheckpointError)
    {
        try save(tensors.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, to: path, format: format)
    }

    /// `save(_:to:format:)` for a file URL (PyTorch: `torch.save` with a path-like `f`).
    public static func save(_ value: StateValue, to url: URL, format: CheckpointFormat? = nil) throws(CheckpointError) {
        try save(value, to: url.path, format: format)
    }

    /// `torch.load(path, map_location:, weights_only=True)`; `dtype` casts every floating-point
    /// tensor (integer and bool tensors keep theirs). Safetensors files load as a flat dict.
    public static func load(
        from path: String, mapLocation: Device? = nil, dtype: DType? = nil, format: CheckpointFormat? = nil
    ) throws(CheckpointError) -> StateValue {
        switch try resolve(format, path) {
        case .hdf5: return try HDF5File.load(from: path, mapLocation: mapLocation, dtype: dtype)
        case .torch: return try TorchFormat.load(from: path, mapLocation: mapLocation, dtype: dtype)
        case .safetensors:
            if let target = mapLocation, target.kind != .cpu {
                throw .deviceUnavailable(file: path, location: target.description)
            }
            return .dict(try SafeTensors.load(from: path, dtype: dtype).tensors)
        }
    }

    /// `load(from:mapLocation:dtype:format:)` for a file URL (PyTorch: `torch.load` with a path-like `f`).
    public static func load(
        from url: URL, mapLocation: Device? = nil, dtype: DType? = nil, format: CheckpointFormat? = nil
    ) throws(CheckpointError) -> StateValue {
        try load(from: url.path, mapLocation: mapLocation, dtype: dtype, format: format)
    }
}
