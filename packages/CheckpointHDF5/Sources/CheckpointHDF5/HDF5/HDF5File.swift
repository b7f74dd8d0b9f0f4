import Foundation
import TensorCore

/// Checkpoints in HDF5 through libhdf5, in the layout README.md documents (h5py reads it naturally).
/// No PyTorch counterpart: torch has no HDF5 writer; files are laid out so `h5py.File(path)` reads them as nested groups.
public enum HDF5File {
    /// Writes a dict-shaped state value atomically (temp file in the same folder, fsync, rename).
    /// PyTorch: `torch.save`'s role, for HDF5 (h5py: one dataset per tensor, one group per dict).
    public static func save(_ value: StateValue, to path: String) throws(CheckpointError) {
        try HDF5Library.locked { () throws(CheckpointError) in
            try AtomicFile.write(to: path) { (temp) throws(CheckpointError) in
                try HDF5Writer(file: path).write(root: value, to: temp)
            }
        }
    }

    /// Reads a file written by `save` or by h5py; `dtype` casts floating-point tensors.
    /// PyTorch: `torch.load`'s role, for HDF5 (also reads h5py-written files).
    public static func load(from path: String, mapLocation: Device? = nil, dtype: DType? = nil) throws(CheckpointError)
        -> StateValue
    {
        if let target = mapLocation, target.kind != .cpu {
            throw .deviceUnavailable(file: path, location: target.description)
        }
        return try HDF5Library.locked { () throws(CheckpointError) in
            try HDF5Reader(path: path, dtype: dtype).read()
        }
    }

    /// Reads one tensor without loading the rest: `keys` walks nested dicts, e.g.
    /// `["model_state_dict", "network.1.weight"]` (dotted keys are single names, never split).
    /// No PyTorch counterpart: like h5py's `f["model_state_dict"]["network.1.weight"][()]`.
    public static func loadTensor(from path: String, at keys: [String], dtype: DType? = nil) throws(CheckpointError)
        -> Tensor
    {
        try HDF5Library.locked { () throws(CheckpointError) in
            try HDF5Reader(path: path, dtype: dtype).readTensor(at: keys)
        }
    }
}
