import Foundation

/// Writers still open at exit are flushed then (torch's writer relies on Python's atexit), so a script
/// that never calls `close()` loses nothing it logged.
enum OpenWriters {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var writers: [ObjectIdentifier: Weak] = [:]
    nonisolated(unsafe) private static var installed = false

    private struct Weak { weak var writer: EventFileWriter? }

    static func register(_ writer: EventFileWriter) {
        lock.lock()
        defer { lock.unlock() }
        writers[ObjectIdentifier(writer)] = Weak(writer: writer)
        if !installed {
            installed = true
            atexit { OpenWriters.flushAll() }
        }
    }

    static func unregister(_ writer: EventFileWriter) {
        lock.lock()
        defer { lock.unlock() }
        writers[ObjectIdentifier(writer)] = nil
    }

    static func flushAll() {
        lock.lock()
        let open = writers.values.compactMap(\.writer)
        lock.unlock()
        for writer in open { try? writer.flush() }
    }
}
