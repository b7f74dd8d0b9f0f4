import Foundation
import Glibc

/// The signature of `LLVMFuzzerTestOneInput`: one input, 0 to keep going.
public typealias FuzzTarget = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ target: FuzzTarget
) -> CInt

/// Hands the command line to libFuzzer. SwiftPM links every executable with `--defsym main=<module>_main`,
/// which hides libFuzzer's own `main`, so each harness's main.swift calls this instead.
public func fuzzMain(_ target: FuzzTarget) -> Never {
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, target))
}

/// The input as an array (libFuzzer may pass a null pointer with size 0).
public func fuzzBytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}

/// The harness body of a parser that reads a path: writes the input to `Scratch.folder/name`, runs
/// `load` on that path and ignores what it throws (a thrown error is a pass); returns 0 for libFuzzer.
public func loadFromFile(_ data: UnsafePointer<UInt8>?, _ size: Int, as name: String, _ load: (String) throws -> Void)
    -> CInt
{
    _ = try? load(Scratch.write(fuzzBytes(data, size), to: name))
    return 0
}

/// A per-process folder in /dev/shm (RAM) for parsers that only read from a path.
public enum Scratch {
    public static let folder: String = {
        let path = "/dev/shm/swift-torch-fuzz-\(getpid())"
        mkdir(path, 0o700)
        atexit { try? FileManager.default.removeItem(atPath: Scratch.folder) }
        return path
    }()

    /// `folder/name`, with parent folders created.
    public static func path(_ name: String) -> String {
        var partial = folder
        for part in name.split(separator: "/").dropLast() {
            partial += "/" + part
            mkdir(partial, 0o700)
        }
        return folder + "/" + name
    }

    /// Replaces `folder/name` with `bytes` and returns its path.
    @discardableResult
    public static func write(_ bytes: [UInt8], to name: String) -> String {
        let target = path(name)
        let fd = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        precondition(fd >= 0, "cannot create \(target)")
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, bytes.count - done) }
            precondition(n > 0, "cannot write \(target)")
            done += n
        }
        close(fd)
        return target
    }

    public static func remove(_ name: String) { unlink(folder + "/" + name) }
}

/// Reads a harness input as a few fields (a mode byte, a length, the rest).
public struct FuzzReader {
    private var bytes: ArraySlice<UInt8>
    public init(_ bytes: [UInt8]) { self.bytes = bytes[...] }

    /// The next byte, 0 past the end.
    public mutating func byte() -> UInt8 { bytes.popFirst() ?? 0 }

    /// A big-endian UInt32 (missing bytes read as 0).
    public mutating func u32() -> Int { (0..<4).reduce(0) { acc, _ in acc << 8 | Int(byte()) } }

    /// The next `count` bytes (fewer at the end).
    public mutating func take(_ count: Int) -> [UInt8] {
        let part = bytes.prefix(count)
        bytes = bytes.dropFirst(count)
        return Array(part)
    }

    public mutating func rest() -> [UInt8] { take(bytes.count) }
}
