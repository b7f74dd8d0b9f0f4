import Foundation

/// Random-access bytes a reader parses: a file (read with pread, never wholly mapped) or a buffer
/// (tests and fuzzing). Every read is bounds-checked and throws `.truncated` past the end.
package protocol ByteSource {
    var name: String { get }
    var size: Int { get }
    /// Copies `count` bytes at `offset` into `destination`; the range must lie inside the source.
    func read(at offset: Int, count: Int, into destination: UnsafeMutableRawPointer) throws(CheckpointError)
}

extension ByteSource {
    package func checkRange(_ offset: Int, _ count: Int, _ what: @autoclosure () -> String) throws(CheckpointError) {
        guard offset >= 0, count >= 0, offset <= size, count <= size - offset else {
            throw .truncated(file: name, what: "\(what()) (bytes \(offset)..<\(offset &+ count) of \(size))")
        }
    }

    package func bytes(at offset: Int, count: Int, _ what: @autoclosure () -> String) throws(CheckpointError) -> [UInt8]
    {
        try checkRange(offset, count, what())
        var result = [UInt8](repeating: 0, count: count)
        if count > 0 {
            try result.withUnsafeMutableBytes { buffer in
                Result { () throws(CheckpointError) in try read(at: offset, count: count, into: buffer.baseAddress!) }
            }.get()
        }
        return result
    }
}

/// Bytes already in memory.
package struct MemorySource: ByteSource {
    package let name: String
    package let data: [UInt8]
    package init(_ data: [UInt8], name: String = "<memory>") {
        self.data = data
        self.name = name
    }
    package var size: Int { data.count }
    package func read(at offset: Int, count: Int, into destination: UnsafeMutableRawPointer) throws(CheckpointError) {
        try checkRange(offset, count, "read")
        guard count > 0 else { return }
        data.withUnsafeBytes { buffer in
            if let base = buffer.baseAddress { destination.copyMemory(from: base + offset, byteCount: count) }
        }
    }
}

/// An open file read with `pread`, so tensor payloads go straight into their storages.
package final class FileSource: ByteSource {
    package let name: String
    package let size: Int
    private let fd: Int32

    package init(path: String) throws(CheckpointError) {
        name = path
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .io(file: path, operation: "open", reason: String(cString: strerror(errno))) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw .io(file: path, operation: "stat", reason: reason)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw .io(file: path, operation: "open", reason: "not a regular file")
        }
        size = Int(info.st_size)
    }

    deinit { close(fd) }

    package func read(at offset: Int, count: Int, into destination: UnsafeMutableRawPointer) throws(CheckpointError) {
        try checkRange(offset, count, "read")
        var done = 0
        while done < count {
            let n = pread(fd, destination + done, Swift.min(count - done, 1 << 30), off_t(offset + done))
            if n < 0 {
                if errno == EINTR { continue }
                throw .io(file: name, operation: "read", reason: String(cString: strerror(errno)))
            }
            if n == 0 { throw .truncated(file: name, what: "file shrank while reading") }
            done += n
        }
    }
}

/// Little-endian cursor over a byte array (zip headers, safetensors' length prefix).
package struct ByteCursor {
    package let bytes: [UInt8]
    package var position: Int
    let file: String
    let what: String

    package init(_ bytes: [UInt8], file: String, what: String, position: Int = 0) {
        self.bytes = bytes
        self.position = position
        self.file = file
        self.what = what
    }

    package var remaining: Int { bytes.count - position }

    package mutating func skip(_ count: Int) throws(CheckpointError) {
        guard count >= 0, count <= remaining else { throw .truncated(file: file, what: what) }
        position += count
    }

    package mutating func uint(_ width: Int) throws(CheckpointError) -> UInt64 {
        guard width <= remaining else { throw .truncated(file: file, what: what) }
        var value: UInt64 = 0
        for i in 0..<width { value |= UInt64(bytes[position + i]) << (8 * UInt64(i)) }
        position += width
        return value
    }

    package mutating func u16() throws(CheckpointError) -> Int { Int(try uint(2)) }
    package mutating func u32() throws(CheckpointError) -> Int { Int(try uint(4)) }
    /// A 64-bit length or offset; values beyond Int.max can't describe a real file.
    package mutating func u64() throws(CheckpointError) -> Int {
        let v = try uint(8)
        guard v <= UInt64(Int.max) else {
            throw .malformed(file: file, key: nil, reason: "\(what): 64-bit value \(v) out of range")
        }
        return Int(v)
    }

    package mutating func take(_ count: Int) throws(CheckpointError) -> ArraySlice<UInt8> {
        guard count >= 0, count <= remaining else { throw .truncated(file: file, what: what) }
        defer { position += count }
        return bytes[position..<(position + count)]
    }
}
