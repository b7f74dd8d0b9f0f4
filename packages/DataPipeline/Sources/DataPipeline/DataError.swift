import Foundation
import TensorCore

/// Everything that comes from outside the program — files, archives, downloads, user samples — fails
/// with one of these, naming the file/row/index and what was expected (ARCHITECTURE.md §6).
/// No PyTorch counterpart: Python raises built-in exceptions (`RuntimeError`, `ValueError`,
/// `FileNotFoundError`, ...), mostly with the messages these carry.
public enum DataError: Error, CustomStringConvertible, Equatable {
    /// A file or folder that does not exist.
    case fileNotFound(path: String)
    /// A file that exists but cannot be read or written.
    case io(path: String, message: String)
    /// An IDX/CIFAR/... header that is not the format's.
    case badMagic(path: String, expected: UInt32, got: UInt32)
    /// A file shorter (or not a whole number of records) than its header or format says.
    case truncated(path: String, expectedBytes: Int, actualBytes: Int)
    /// A file whose contents break its format's rules (sizes, labels, archive headers).
    case badFormat(path: String, message: String)
    /// A PNG/JPEG/gzip stream the codec rejected.
    case decode(path: String, message: String)
    /// A CSV annotation row (1-based line number) that is malformed or names a missing file.
    case csvRow(path: String, row: Int, message: String)
    /// Default collate: the tensor at `entry` of a batch has a different shape than entry 0.
    case shapeMismatch(entry: Int, expected: [Int], got: [Int])
    /// Loading or collating the sample(s) at these dataset indices failed (in a worker or inline).
    case sample(indices: [Int], worker: Int?, underlying: String)
    /// A download that failed: a bad URL, an HTTP status, a network error, a short body.
    case download(url: String, message: String)
    /// A download whose MD5 differs from the published one.
    case checksum(path: String, expected: String, got: String)
    /// A SHA-256 that does not start with the expected prefix (torch.hub's check, torch's message).
    case hashPrefix(path: String, expected: String, got: String)
    /// No batch came from the DataLoader workers within `timeout` seconds.
    case timeout(seconds: Double)
    /// An input this implementation does not handle (e.g. an RGBA image for a colour adjustment).
    case unsupported(String)
    /// A bad argument or sample value, mostly with torch's message.
    case invalidArgument(String)

    /// The message, naming the file, row or index (No PyTorch counterpart: Python's `str()` of the exception).
    public var description: String {
        switch self {
        case .fileNotFound(let path): return "\(path): no such file"
        case .io(let path, let message): return "\(path): \(message)"
        case .badMagic(let path, let expected, let got):
            return "\(path): bad magic number \(got) (expected \(expected))"
        case .truncated(let path, let expected, let actual):
            return "\(path): truncated: expected \(expected) bytes, found \(actual)"
        case .badFormat(let path, let message): return "\(path): \(message)"
        case .decode(let path, let message): return "\(path): cannot decode image: \(message)"
        case .csvRow(let path, let row, let message): return "\(path), row \(row): \(message)"
        case .shapeMismatch(let entry, let expected, let got):
            return "stack expects each tensor to be equal size, but got \(shapeString(expected)) at entry 0 "
                + "and \(shapeString(got)) at entry \(entry)"
        case .sample(let indices, let worker, let underlying):
            let who = worker.map { "in DataLoader worker \($0)" } ?? "in the main thread"
            let which = indices.count == 1 ? "sample index \(indices[0])" : "batch of sample indices \(indices)"
            return "Caught error \(who) loading \(which): \(underlying)"
        case .download(let url, let message): return "download of \(url) failed: \(message)"
        case .checksum(let path, let expected, let got):
            return "\(path): MD5 checksum mismatch: expected \(expected), got \(got)"
        case .hashPrefix(let path, let expected, let got):
            return "\(path): invalid hash value (expected \"\(expected)\", got \"\(got)\")"
        case .timeout(let seconds): return "DataLoader timed out after \(seconds) seconds"
        case .unsupported(let message): return message
        case .invalidArgument(let message): return message
        }
    }
}

func describe(_ error: Error) -> String {
    if let error = error as? DataError { return error.description }
    return String(describing: error)
}
