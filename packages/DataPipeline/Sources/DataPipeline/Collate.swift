import Foundation
import TensorCore

/// What `default_collate` knows how to batch: tensors are stacked along a new dim 0, numbers become a
/// 1-D tensor (Int → int64, Double → float64, Float → float32, Bool → bool), strings stay a list, and arrays
/// and string-keyed dictionaries are walked element by element. Tuples of collatables are handled by
/// the DataLoader initializers (2 and 3 elements).
/// PyTorch: the types `torch.utils.data.default_collate` handles; a protocol, since Swift picks the batching
/// by static type.
public protocol Collatable {
    /// What a batch of these becomes (PyTorch: `default_collate`'s return value for this type).
    associatedtype Collated
    /// Batches `batch` (PyTorch: `torch.utils.data.default_collate` on a list of this type).
    static func collate(_ batch: [Self]) throws -> Collated
}

extension Tensor: Collatable {
    /// Stacks along a new dim 0, `(N, *)`; a shape mismatch throws naming the entry
    /// (PyTorch: `torch.utils.data.default_collate` on tensors, `torch.stack(batch, 0)`).
    public static func collate(_ batch: [Tensor]) throws -> Tensor { try stackSamples(batch) }
}

extension Int: Collatable {
    /// An int64 tensor of shape `(N,)` (PyTorch: `torch.utils.data.default_collate` on Python ints).
    public static func collate(_ batch: [Int]) throws -> Tensor {
        Tensor(copying: batch.map { Int64($0) }, shape: [batch.count])
    }
}

extension Int64: Collatable {
    /// An int64 tensor of shape `(N,)` (PyTorch: `torch.utils.data.default_collate` on ints).
    public static func collate(_ batch: [Int64]) throws -> Tensor { Tensor(copying: batch, shape: [batch.count]) }
}

extension Double: Collatable {
    /// A float64 tensor of shape `(N,)` (PyTorch: `torch.utils.data.default_collate` on Python floats).
    public static func collate(_ batch: [Double]) throws -> Tensor { Tensor(copying: batch, shape: [batch.count]) }
}

extension Float: Collatable {
    /// A float32 tensor of shape `(N,)` (PyTorch: `torch.utils.data.default_collate` on NumPy float32 scalars).
    public static func collate(_ batch: [Float]) throws -> Tensor { Tensor(copying: batch, shape: [batch.count]) }
}

extension Bool: Collatable {
    /// A bool tensor of shape `(N,)` (PyTorch: `torch.utils.data.default_collate` on Python bools).
    public static func collate(_ batch: [Bool]) throws -> Tensor { Tensor(copying: batch, shape: [batch.count]) }
}

extension String: Collatable {
    /// The strings as they are (PyTorch: `torch.utils.data.default_collate` on strings, which stay a list).
    public static func collate(_ batch: [String]) throws -> [String] { batch }
}

extension Array: Collatable where Element: Collatable {
    /// A batch of equal-length lists becomes a list of batches (`[[a0, b0], [a1, b1]]` → `[[a0, a1], [b0, b1]]`).
    /// PyTorch: `torch.utils.data.default_collate` on sequences; unequal lengths throw where torch raises.
    public static func collate(_ batch: [[Element]]) throws -> [Element.Collated] {
        guard let width = batch.first?.count else { return [] }
        if let bad = batch.firstIndex(where: { $0.count != width }) {
            throw DataError.invalidArgument(
                "each element in list of batch should be of equal size (entry 0 has \(width), entry \(bad) has \(batch[bad].count))"
            )
        }
        return try (0..<width).map { k in try Element.collate(batch.map { $0[k] }) }
    }
}

extension Dictionary: Collatable where Key == String, Value: Collatable {
    /// Collates each key's values across the batch; a key missing from an entry throws
    /// (PyTorch: `torch.utils.data.default_collate` on mappings).
    public static func collate(_ batch: [[String: Value]]) throws -> [String: Value.Collated] {
        guard let first = batch.first else { return [:] }
        var result: [String: Value.Collated] = [:]
        for key in first.keys {
            var values: [Value] = []
            values.reserveCapacity(batch.count)
            for (entry, sample) in batch.enumerated() {
                guard let value = sample[key] else {
                    throw DataError.invalidArgument("key '\(key)' is missing from batch entry \(entry)")
                }
                values.append(value)
            }
            result[key] = try Value.collate(values)
        }
        return result
    }
}

/// `default_collate` as a function.
/// PyTorch: `torch.utils.data.default_collate`.
public func defaultCollate<T: Collatable>(_ batch: [T]) throws -> T.Collated { try T.collate(batch) }

/// `torch.stack(batch)` for collate. Shapes are checked here first because a ragged batch is bad data and
/// must throw (naming the entry), where `Tensor.stack` stops the program. Samples of one dtype, all
/// contiguous (the usual batch), are copied with one memcpy each: `Tensor.stack` makes a view, a slice and a
/// strided loop per input, measured ~3.5 µs more per sample (debug build, 256 samples), 15x the copy for
/// scalar or MNIST-row samples. Promotion and non-contiguous samples are `Tensor.stack`'s.
func stackSamples(_ batch: [Tensor]) throws -> Tensor {
    guard let first = batch.first else {
        throw DataError.invalidArgument("stack expects a non-empty TensorList")
    }
    let shape = first.sizes
    for (entry, t) in batch.enumerated() where t.sizes != shape {
        throw DataError.shapeMismatch(entry: entry, expected: shape, got: t.sizes)
    }
    guard batch.allSatisfy({ $0.dtype == first.dtype && $0.isContiguous }) else { return Tensor.stack(batch) }
    let result = Tensor(uninitializedShape: [batch.count] + shape, dtype: first.dtype)
    let bytes = first.numel * first.dtype.itemSize
    let base = result.rawPointer
    for (i, t) in batch.enumerated() {
        base.advanced(by: i * bytes).copyMemory(from: t.rawPointer, byteCount: bytes)
    }
    return result
}
