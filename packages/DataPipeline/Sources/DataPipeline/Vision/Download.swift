import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Downloads `url` to `destination`: the body goes to a temporary file in the destination's folder,
/// is checked (HTTP 200, full length, MD5), fsync'ed and renamed into place, so an interrupted or
/// corrupt download leaves nothing behind under the final name (ARCHITECTURE.md §6).
public func downloadURL(_ url: String, to destination: String, md5: String?, timeout: Double = 120) throws {
    guard let remote = URL(string: url) else { throw DataError.download(url: url, message: "invalid URL") }
    let folder = (destination as NSString).deletingLastPathComponent
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let partial = joinPath(folder, ".\((destination as NSString).lastPathComponent).part-\(UInt32.random(in: 0...UInt32.max))")
    defer { try? FileManager.default.removeItem(atPath: partial) }

    let configuration = URLSessionConfiguration.ephemeral
    configuration.timeoutIntervalForRequest = timeout
    let session = URLSession(configuration: configuration)
    defer { session.finishTasksAndInvalidate() }
    let done = DispatchSemaphore(value: 0)
    let outcome = DownloadOutcome()
    let task = session.downloadTask(with: remote) { location, response, error in
        if let error {
            outcome.error = error.localizedDescription
        } else if let http = response as? HTTPURLResponse, http.statusCode != 200 {
            outcome.error = "HTTP status \(http.statusCode)"
        } else if let location {
            do {
                try FileManager.default.moveItem(atPath: location.path, toPath: partial)
                outcome.expectedLength = response?.expectedContentLength ?? -1
            } catch {
                outcome.error = "cannot move the downloaded file into \(folder): \(error.localizedDescription)"
            }
        } else {
            outcome.error = "no data"
        }
        done.signal()
    }
    task.resume()
    done.wait()
    if let message = outcome.error { throw DataError.download(url: url, message: message) }
    let bytes = try readFile(partial)
    if outcome.expectedLength >= 0 && Int64(bytes.count) != outcome.expectedLength {
        throw DataError.download(url: url, message: "connection closed after \(bytes.count) of \(outcome.expectedLength) bytes")
    }
    if let md5 {
        let got = MD5.hex(bytes)
        guard got == md5 else { throw DataError.checksum(path: url, expected: md5, got: got) }
    }
    try commit(partial: partial, to: destination)
}

final class DownloadOutcome: @unchecked Sendable {
    var error: String?
    var expectedLength: Int64 = -1
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
