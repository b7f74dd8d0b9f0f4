import Foundation

/// Writes a file so that readers see either the old contents or the complete new ones: the bytes go
/// to a temporary file in the same folder, are fsync'ed, then renamed over the target (and the
/// folder fsync'ed so the rename itself survives a crash). A killed process leaves at most a stray
/// `.<name>.tmp-*` file; the previous checkpoint is untouched.
package enum AtomicFile {
    /// Test hook: runs after each chunk reaches the temp file (tests kill the process here).
    nonisolated(unsafe) package static var afterChunkHook: (() -> Void)?

    /// Creates the temp file, runs `body(tempPath)`, then commits; on any error removes the temp file.
    package static func write<R>(
        to path: String, _ body: (String) throws(CheckpointError) -> R
    ) throws(CheckpointError) -> R {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let temp = folder + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        do {
            let result = try body(temp)
            try commit(temp: temp, to: path, folder: folder)
            return result
        } catch {
            unlink(temp)
            throw error
        }
    }

    private static func commit(temp: String, to path: String, folder: String) throws(CheckpointError) {
        let fd = open(temp, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .io(file: temp, operation: "open", reason: String(cString: strerror(errno))) }
        let synced = fsync(fd)
        let syncErrno = errno
        close(fd)
        guard synced == 0 else {
            throw .io(file: temp, operation: "fsync", reason: String(cString: strerror(syncErrno)))
        }
        guard rename(temp, path) == 0 else {
            throw .io(file: path, operation: "rename", reason: String(cString: strerror(errno)))
        }
        let dir = open(folder.isEmpty ? "." : folder, O_RDONLY | O_CLOEXEC)
        if dir >= 0 {
            _ = fsync(dir)  // best effort: some filesystems refuse fsync on folders
            close(dir)
        }
    }
}

/// A buffered, write-only file descriptor for the temp file of an atomic save.
package final class FileWriter {
    let path: String
    private let fd: Int32
    private var buffer: [UInt8] = []
    private static let bufferSize = 1 << 20
    package private(set) var offset = 0

    package init(path: String) throws(CheckpointError) {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io(file: path, operation: "create", reason: String(cString: strerror(errno))) }
        buffer.reserveCapacity(FileWriter.bufferSize)
    }

    deinit { close(fd) }

    package func write(_ bytes: [UInt8]) throws(CheckpointError) {
        if buffer.count + bytes.count > FileWriter.bufferSize { try flush() }
        if bytes.count >= FileWriter.bufferSize {
            try bytes.withUnsafeBytes { raw in
                Result { () throws(CheckpointError) in try writeAll(raw.baseAddress!, raw.count) }
            }.get()
        } else {
            buffer += bytes
        }
        offset += bytes.count
    }

    /// Large payloads (tensor storages) go straight from their memory to the file.
    package func write(_ pointer: UnsafeRawPointer, count: Int) throws(CheckpointError) {
        guard count > 0 else { return }
        if count < 64 << 10 {
            if buffer.count + count > FileWriter.bufferSize { try flush() }
            buffer.append(contentsOf: UnsafeRawBufferPointer(start: pointer, count: count))
        } else {
            try flush()
            try writeAll(pointer, count)
        }
        offset += count
    }

    package func flush() throws(CheckpointError) {
        guard !buffer.isEmpty else { return }
        let pending = buffer
        buffer.removeAll(keepingCapacity: true)
        try pending.withUnsafeBytes { raw in
            Result { () throws(CheckpointError) in try writeAll(raw.baseAddress!, raw.count) }
        }.get()
    }

    private func writeAll(_ pointer: UnsafeRawPointer, _ count: Int) throws(CheckpointError) {
        var done = 0
        while done < count {
            let n = Foundation.write(fd, pointer + done, Swift.min(count - done, 1 << 30))
            if n < 0 {
                if errno == EINTR { continue }
                throw .io(file: path, operation: "write", reason: String(cString: strerror(errno)))
            }
            done += n
            AtomicFile.afterChunkHook?()
        }
    }
}

/// CRC-32 as zip stores it (zlib's implementation).
package func crc32(_ pointer: UnsafeRawPointer, count: Int) -> UInt32 {
    if count >= 8 << 20 { return parallelCRC(pointer, count: count) }
    var crc: UInt = 0
    var done = 0
    while done < count {
        let chunk = Swift.min(count - done, 1 << 30)
        crc = zlibCRC(crc, pointer + done, chunk)
        done += chunk
    }
    return UInt32(truncatingIfNeeded: crc)
}
