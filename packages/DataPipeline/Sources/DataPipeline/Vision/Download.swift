import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// What a download is checked against.
/// PyTorch: torchvision's `md5` argument (`torchvision.datasets.utils.download_url`) or torch.hub's `hash_prefix`
/// (`torch.hub.download_url_to_file`).
public enum DownloadChecksum: Sendable, Equatable {
    /// The whole MD5, as torchvision's datasets publish it.
    case md5(String)
    /// The leading hex of the SHA-256, as torch.hub takes it from a file name (`resnet18-f37072fd.pth`).
    case sha256Prefix(String)
}

/// Downloads `url` to `destination`, checked against torchvision's MD5 (see the general form below).
public func downloadURL(_ url: String, to destination: String, md5: String?, timeout: Double = 120) throws {
    try downloadURL(url, to: destination, checksum: md5.map { .md5($0) }, timeout: timeout)
}

/// Downloads `url` to `destination`: the body streams into a temporary file in the destination's folder
/// while its digest is computed, is checked (HTTP 200, full length, checksum), fsync'ed and renamed into
/// place, so an interrupted or corrupt download leaves nothing behind under the final name
/// (ARCHITECTURE.md §6). A data task with a delegate, not a download task: swift-corelibs-foundation's
/// download task spools into a `/tmp/<UUID>.tmp` of its own that it never removes after an error or a
/// non-200 response. `progress` draws a bar on standard error, as torch.hub's tqdm does.
public func downloadURL(
    _ url: String, to destination: String, checksum: DownloadChecksum?, progress: Bool = false, timeout: Double = 120
) throws {
    guard let remote = URL(string: url) else { throw DataError.download(url: url, message: "invalid URL") }
    let folder = (destination as NSString).deletingLastPathComponent
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let partial = joinPath(
        folder, ".\((destination as NSString).lastPathComponent).part-\(UInt32.random(in: 0...UInt32.max))")
    defer { try? FileManager.default.removeItem(atPath: partial) }
    guard FileManager.default.createFile(atPath: partial, contents: nil),
        let file = FileHandle(forWritingAtPath: partial)
    else {
        throw DataError.io(path: destination, message: "cannot create \(partial)")
    }
    defer { try? file.close() }

    let stream = DownloadStream(file: file, checksum: checksum, progress: progress ? DownloadProgress() : nil)
    let configuration = URLSessionConfiguration.ephemeral
    configuration.timeoutIntervalForRequest = timeout
    let queue = OperationQueue()
    queue.maxConcurrentOperationCount = 1  // the delegate's callbacks run one at a time, in order
    let session = URLSession(configuration: configuration, delegate: stream, delegateQueue: queue)
    defer { session.finishTasksAndInvalidate() }
    session.dataTask(with: remote).resume()
    stream.done.wait()

    if let message = stream.error { throw DataError.download(url: url, message: message) }
    if stream.expectedLength >= 0 && stream.received != stream.expectedLength {
        throw DataError.download(
            url: url, message: "connection closed after \(stream.received) of \(stream.expectedLength) bytes")
    }
    switch (checksum, stream.digest.hexDigest()) {
    case (.md5(let expected)?, let got?) where got != expected:
        throw DataError.checksum(path: url, expected: expected, got: got)
    case (.sha256Prefix(let prefix)?, let got?) where !got.hasPrefix(prefix):
        throw DataError.hashPrefix(path: url, expected: prefix, got: got)
    default: break
    }
    try commit(partial: partial, to: destination)
}

/// The running digest of a download.
enum StreamDigest {
    case none, md5(MD5), sha256(SHA256)

    init(_ checksum: DownloadChecksum?) {
        switch checksum {
        case nil: self = .none
        case .md5?: self = .md5(MD5())
        case .sha256Prefix?: self = .sha256(SHA256())
        }
    }

    mutating func update(_ data: Data) {
        switch self {
        case .none: break
        case .md5(var hasher):
            hasher.update(data)
            self = .md5(hasher)
        case .sha256(var hasher):
            hasher.update(data)
            self = .sha256(hasher)
        }
    }

    mutating func hexDigest() -> String? {
        switch self {
        case .none: return nil
        case .md5(var hasher): return hasher.hexDigest()
        case .sha256(var hasher): return hasher.hexDigest()
        }
    }
}

/// The data task's delegate: writes each chunk to the partial file and the digest as it arrives. Its
/// callbacks run on a serial queue and `done` is signalled after the last, so the waiting thread reads
/// the fields only once they are final.
final class DownloadStream: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    let file: FileHandle
    var digest: StreamDigest
    let progress: DownloadProgress?
    let done = DispatchSemaphore(value: 0)
    var error: String?
    var expectedLength: Int64 = -1
    var received: Int64 = 0

    init(file: FileHandle, checksum: DownloadChecksum?, progress: DownloadProgress?) {
        self.file = file
        self.digest = StreamDigest(checksum)
        self.progress = progress
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        if let http = response as? HTTPURLResponse, http.statusCode != 200 {
            error = "HTTP status \(http.statusCode)"
            completionHandler(.cancel)
            return
        }
        expectedLength = response.expectedContentLength
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard error == nil else { return }
        do {
            try file.write(contentsOf: data)
        } catch {
            self.error = "cannot write the download: \(error.localizedDescription)"
            dataTask.cancel()
            return
        }
        digest.update(data)
        received += Int64(data.count)
        progress?.update(received: received, total: expectedLength)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        if let error, self.error == nil { self.error = error.localizedDescription }
        if self.error == nil && task.response == nil { self.error = "no response" }
        progress?.finish(received: received, total: expectedLength)
        done.signal()
    }
}

/// fsync + rename: the final name appears only with complete contents.
func commit(partial: String, to destination: String) throws {
    let fd = open(partial, O_RDONLY)
    if fd >= 0 {
        fsync(fd)
        close(fd)
    }
    guard rename(partial, destination) == 0 else {
        throw DataError.io(path: destination, message: "cannot rename \(partial): \(String(cString: strerror(errno)))")
    }
}

/// Writes `bytes` to `path` atomically (temporary file in the same folder, fsync, rename).
func writeAtomically(_ bytes: [UInt8], to path: String) throws {
    let folder = (path as NSString).deletingLastPathComponent
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let partial = joinPath(folder, ".\((path as NSString).lastPathComponent).part-\(UInt32.random(in: 0...UInt32.max))")
    defer { try? FileManager.default.removeItem(atPath: partial) }
    guard FileManager.default.createFile(atPath: partial, contents: Data(bytes)) else {
        throw DataError.io(path: path, message: "cannot write \(partial)")
    }
    try commit(partial: partial, to: path)
}

/// torchvision's `download_and_extract_archive`: tries each mirror in turn, verifies the MD5, then
/// extracts `.gz` (next to it, without the suffix) or `.tar.gz`/`.tgz` (into `folder`).
func downloadAndExtract(mirrors: [String], file: String, md5: String, folder: String) throws {
    let archive = joinPath(folder, file)
    var failures: [Error] = []
    var ok = fileExists(archive)
    for mirror in mirrors where !ok {
        do {
            try downloadURL(mirror + file, to: archive, md5: md5)
            ok = true
        } catch {
            failures.append(error)
        }
    }
    guard ok else {
        if failures.count == 1 { throw failures[0] }  // one mirror: its own typed error
        throw DataError.download(
            url: file, message: "every mirror failed:\n  " + failures.map(describe).joined(separator: "\n  "))
    }
    let compressed = try readFile(archive)
    let inflated = try gunzip(compressed, path: archive)
    if file.hasSuffix(".tar.gz") || file.hasSuffix(".tgz") {
        try extractTar(inflated, into: folder, archive: archive)
    } else if file.hasSuffix(".gz") {
        try writeAtomically(inflated, to: String(archive.dropLast(3)))
    }
}

/// Extracts the regular files of a POSIX (ustar/GNU) tar image; each file is written atomically.
func extractTar(_ bytes: [UInt8], into folder: String, archive: String) throws {
    var offset = 0
    func field(_ start: Int, _ length: Int) -> String {
        let slice = bytes[(offset + start)..<(offset + start + length)]
        return String(decoding: slice.prefix { $0 != 0 }, as: UTF8.self)
    }
    var longName: String?
    while offset + 512 <= bytes.count {
        if bytes[offset..<(offset + 512)].allSatisfy({ $0 == 0 }) { break }
        let name = longName ?? (field(345, 155).isEmpty ? field(0, 100) : field(345, 155) + "/" + field(0, 100))
        longName = nil
        let sizeText = field(124, 12).trimmingCharacters(in: .whitespaces)
        guard let size = Int(sizeText, radix: 8) else {
            throw DataError.badFormat(path: archive, message: "bad tar header at byte \(offset)")
        }
        let type = bytes[offset + 156]
        let start = offset + 512
        guard start + size <= bytes.count else {
            throw DataError.truncated(path: archive, expectedBytes: start + size, actualBytes: bytes.count)
        }
        let body = Array(bytes[start..<(start + size)])
        if type == UInt8(ascii: "L") {  // GNU long name for the next entry
            longName = String(decoding: body.prefix { $0 != 0 }, as: UTF8.self)
        } else if type == 0 || type == UInt8(ascii: "0") {
            guard !name.split(separator: "/").contains("..") && !name.hasPrefix("/") else {
                throw DataError.badFormat(path: archive, message: "unsafe path in archive: \(name)")
            }
            try writeAtomically(body, to: joinPath(folder, name))
        }
        offset = start + (size + 511) / 512 * 512
    }
}
