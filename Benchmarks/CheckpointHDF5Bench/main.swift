// Save/load throughput of 200 MB of float32 in 100 tensors, for HDF5, torch's .pt and
// safetensors. Twin: Benchmarks/pytorch/checkpoint_bench.py (torch.save/torch.load on the same data).
// Run: swift run -c release CheckpointHDF5Bench [folder]   — prints one JSON object of MB/s (median of 5).
// Our saves are atomic (temp file + fsync + rename); torch.save does not fsync.
import CheckpointHDF5
import Foundation
import TensorCore

let folder = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : NSTemporaryDirectory()
let count = 100
let elements = 200 * 1_000_000 / 4 / count  // 2 MB float32 each
var tensors: [(String, Tensor)] = []
for i in 0..<count {
    let t = Tensor(uninitializedShape: [elements], dtype: .float32)
    let p = t.mutablePointer(Float.self)
    for j in 0..<elements { p[j] = Float((i &* 31 &+ j) % 1000) * 0.001 }
    tensors.append(("layer\(i).weight", t))
}
let value = StateValue(tensors: tensors)
let megabytes = Double(count * elements * 4) / 1e6

func median(_ runs: Int = 5, _ body: () throws -> Void) rethrows -> Double {
    var times: [Double] = []
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return times.sorted()[runs / 2]
}

var results: [(String, Double)] = []
for (name, ext) in [("hdf5", "h5"), ("pt", "pt"), ("safetensors", "safetensors")] {
    let path = folder + "/checkpoint_bench." + ext
    let save = try median { try Checkpoint.save(value, to: path) }
    let load = try median { _ = try Checkpoint.load(from: path) }
    results.append(("\(name)_save_MBps", megabytes / save))
    results.append(("\(name)_load_MBps", megabytes / load))
    try? FileManager.default.removeItem(atPath: path)
}
print("{\n" + results.map { " \"\($0.0)\": \(String(format: "%.1f", $0.1))" }.joined(separator: ",\n") + "\n}")
