import Foundation

/// An open event file written with write(2) calls, one batch of whole records per call where it fits,
/// so what reaches the disk ends at a record boundary unless the process dies inside a call.
final class EventFile {
    let path: String
    private var fd: Int32

    /// Creates the file; `O_EXCL` because its name is unique (time, host, pid, counter).
    init(path: String) throws(TensorBoardError) {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        if fd < 0 { throw .cannotOpen(path: path, reason: String(cString: strerror(errno))) }
    }

    func write(_ bytes: [UInt8]) throws(TensorBoardError) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .writeFailed(path: path, reason: String(cString: strerror(errno)))
            }
            offset += n
        }
    }

    func close() throws(TensorBoardError) {
        guard fd >= 0 else { return }
        let status = Glibc.close(fd)
        fd = -1
        if status != 0 { throw .writeFailed(path: path, reason: String(cString: strerror(errno))) }
    }

    deinit { if fd >= 0 { Glibc.close(fd) } }
}
