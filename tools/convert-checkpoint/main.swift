import ArgumentParser
import CheckpointHDF5
import Foundation
import TensorCore

/// `swift run convert-checkpoint IN OUT`: moves weights between .pt, .h5 and .safetensors.
struct ConvertCheckpoint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert-checkpoint",
        abstract: "Convert checkpoints between PyTorch .pt, HDF5 .h5 and .safetensors (formats from extensions).",
        discussion: """
            Examples:
              convert-checkpoint model.pt model.h5
              convert-checkpoint ddp.pt plain.safetensors --strip-prefix module.
              convert-checkpoint --list model.h5
            """)

    @Argument(help: "The checkpoint to read (.pt, .pth, .h5, .hdf5, .safetensors).")
    var input: String

    @Argument(help: "The file to write; its extension picks the format. Omit with --list.")
    var output: String?

    @Flag(
        name: .long, help: "Print every key with its shape and dtype (or value); converts too when <output> is given.")
    var list = false

    @Option(name: .long, help: "Cast floating-point tensors to this dtype (float32, float16, bfloat16, float64).")
    var dtype: String?

    @Option(name: .long, help: "Prepend this to every top-level key.")
    var prefix: String?

    @Option(name: .customLong("strip-prefix"), help: "Remove this from the start of top-level keys (e.g. 'module.').")
    var stripPrefix: String?

    func validate() throws {
        if !list && output == nil { throw ValidationError("Missing expected argument '<output>' (or pass --list).") }
        if let dtype, DType(name: dtype).map({ $0.isFloatingPoint }) != true {
            throw ValidationError(
                "--dtype must be a floating-point dtype (float32, float64, float16, bfloat16), got '\(dtype)'.")
        }
    }

    func run() throws {
        if case .failure(let error) = perform() {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }

    private func perform() -> Result<Void, CheckpointError> {
        let options = CheckpointConverter.Options(
            dtype: dtype.flatMap(DType.init(name:)), prefix: prefix, stripPrefix: stripPrefix)
        return Result { () throws(CheckpointError) in
            if list {
                let value = try Checkpoint.load(from: input, mapLocation: .cpu, dtype: options.dtype)
                let renamed = try CheckpointConverter.renamed(value, options: options, file: input)
                print(CheckpointConverter.listing(renamed).joined(separator: "\n"))
            }
            if let output {
                try CheckpointConverter.convert(input: input, output: output, options: options)
                print("wrote \(output)")
            }
        }
    }
}

ConvertCheckpoint.main()
