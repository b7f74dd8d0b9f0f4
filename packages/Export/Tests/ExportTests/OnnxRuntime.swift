import Foundation
import TensorCore

/// onnx and onnxruntime from PyPI (`make setup-onnx`'s venv, or `ONNX_PYTHON`): checks and runs a model.
enum OnnxRuntime {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var python: String {
        ProcessInfo.processInfo.environment["ONNX_PYTHON"]
            ?? repository.appendingPathComponent(".venv-onnx/bin/python").path
    }

    struct Failure: Error, CustomStringConvertible { let description: String }

    /// `onnx.checker.check_model(full_check=True)`, then onnxruntime's first output for each of `inputs`
    /// (one run per tensor: single-input models).
    static func run(_ model: URL, _ inputs: [Tensor]) throws -> [Tensor] {
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw Failure(description: "no Python with onnx at \(python): run `make setup-onnx` or set ONNX_PYTHON")
        }
        let folder = model.deletingLastPathComponent()
        var paths: [String] = []
        for (i, t) in inputs.enumerated() {
            let url = folder.appendingPathComponent("input\(i).npy")
            try Npy.write(t, to: url)
            paths.append(url.path)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        let script = repository.appendingPathComponent("packages/Export/Tests/Support/onnx_run.py").path
        process.arguments = [script, model.path, folder.path] + paths
        let stderr = Pipe()
        process.standardError = stderr
        try process.run()
        let message = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: String(decoding: message, as: UTF8.self))
        }
        return try inputs.indices.map { try Npy.read(folder.appendingPathComponent("output\($0).npy")) }
    }
}

/// NumPy's .npy format, version 1.0, for float32 and int64 C-order arrays: what the tests exchange with Python.
enum Npy {
    static func write(_ t: Tensor, to url: URL) throws {
        let c = t.contiguous()
        let descr = c.dtype == .int64 ? "<i8" : "<f4"
        let data = c.dtype == .int64 ? c : c.to(.float32).contiguous()
        let shape =
            c.sizes.isEmpty ? "()" : "(" + c.sizes.map(String.init).joined(separator: ", ") + (c.ndim == 1 ? ",)" : ")")
        var header = "{'descr': '\(descr)', 'fortran_order': False, 'shape': \(shape), }"
        while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
        header += "\n"
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0]
        bytes += [UInt8(header.utf8.count & 0xFF), UInt8(header.utf8.count >> 8)] + Array(header.utf8)
        bytes += Array(UnsafeRawBufferPointer(start: data.rawPointer, count: data.numel * data.dtype.itemSize))
        try Data(bytes).write(to: url)
    }

    static func read(_ url: URL) throws -> Tensor {
        let bytes = [UInt8](try Data(contentsOf: url))
        let length = Int(bytes[8]) | Int(bytes[9]) << 8
        let header = String(decoding: bytes[10..<(10 + length)], as: UTF8.self)
        let shapeText = header.split(separator: "(")[1].split(separator: ")")[0]
        let shape = shapeText.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let dtype: DType = header.contains("<f4") ? .float32 : header.contains("<i8") ? .int64 : .float64
        let payload = Array(bytes[(10 + length)...])
        return payload.withUnsafeBytes { Tensor(bytes: $0, shape: shape, dtype: dtype) }
    }
}
