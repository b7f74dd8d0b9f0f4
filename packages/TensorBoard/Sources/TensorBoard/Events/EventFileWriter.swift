import Foundation

/// tensorboard's EventFileWriter: one event file in `logDir`, written by a background thread. Callers
/// only encode and enqueue; at most `maxQueue` events wait in memory (an add that finds the queue full
/// while the thread is still writing waits for it, torch's bounded queue); the thread writes when the
/// queue fills, every `flushSecs`, on `flush()`/`close()` and at exit. A write error is kept and thrown
/// by the next `flush()`/`close()`; later events are dropped rather than retried.
final class EventFileWriter: @unchecked Sendable {
    let logDir: String
    var path: String { file.path }
    private let file: EventFile
    private let maxQueue: Int
    private let flushSecs: Double

    private let state = NSCondition()  // guards pending, closed, error
    private var pending: [[UInt8]] = []
    private var closed = false
    private var error: TensorBoardError?
    private let io = NSLock()  // one batch at a time, in order
    private let finished = DispatchSemaphore(value: 0)

    /// Creates `logDir` and the event file `events.out.tfevents.<time>.<host>.<pid>.<n><suffix>`, and
    /// writes the `brain.Event:2` first record before returning.
    convenience init(logDir: String, maxQueue: Int = 10, flushSecs: Double = 120, filenameSuffix: String = "")
        throws(TensorBoardError)
    {
        try makeDirectories(logDir)
        let name =
            String(format: "events.out.tfevents.%010d.", Int(Date().timeIntervalSince1970))
            + "\(hostName()).\(getpid()).\(FileCounter.next())" + filenameSuffix
        try self.init(
            logDir: logDir, file: EventFile(path: (logDir as NSString).appendingPathComponent(name)),
            maxQueue: maxQueue, flushSecs: flushSecs)
    }

    /// Any file (tests hand it /dev/full); `header: false` skips the first record.
    init(logDir: String, file: EventFile, maxQueue: Int, flushSecs: Double, header: Bool = true)
        throws(TensorBoardError)
    {
        self.logDir = logDir
        self.file = file
        self.maxQueue = max(1, maxQueue)
        self.flushSecs = max(flushSecs, 0.05)  // a zero period would spin
        if header {
            try file.write(
                TFRecord.frame(
                    EventProto(
                        wallTime: Date().timeIntervalSince1970, what: .fileVersion("brain.Event:2"),
                        sourceWriter: "swift-torch TensorBoard"
                    ).serialized()))
        }
        let thread = Thread { [self] in run() }
        thread.name = "TensorBoard event writer"
        thread.start()
        OpenWriters.register(self)
    }

    func add(_ event: EventProto) {
        let record = TFRecord.frame(event.serialized())
        state.lock()
        defer { state.unlock() }
        while pending.count >= maxQueue && !closed { state.wait() }
        guard !closed else { return }
        pending.append(record)
        if pending.count >= maxQueue { state.broadcast() }
    }

    /// Writes every queued event; throws the first write error since the writer opened.
    func flush() throws(TensorBoardError) {
        drain()
        state.lock()
        defer { state.unlock() }
        if let error { throw error }
    }

    /// Flushes, stops the thread and closes the file; later adds are ignored. Idempotent.
    func close() throws(TensorBoardError) {
        state.lock()
        let wasClosed = closed
        closed = true
        state.broadcast()
        state.unlock()
        if !wasClosed {
            finished.wait()
            drain()
            do { try file.close() } catch { record(error) }
            OpenWriters.unregister(self)
        }
        state.lock()
        defer { state.unlock() }
        if let error { throw error }
    }

    private func run() {
        state.lock()
        while !closed {
            let deadline = Date(timeIntervalSinceNow: flushSecs)
            while !closed && pending.count < maxQueue && state.wait(until: deadline) {}
            state.unlock()
            drain()
            state.lock()
        }
        state.unlock()
        finished.signal()
    }

    /// Takes the queue and writes it as one buffer.
    private func drain() {
        io.lock()
        defer { io.unlock() }
        state.lock()
        let batch = pending
        pending.removeAll(keepingCapacity: true)
        let failed = error != nil
        state.broadcast()
        state.unlock()
        guard !batch.isEmpty, !failed else { return }
        do { try file.write(Array(batch.joined())) } catch { record(error) }
    }

    private func record(_ error: TensorBoardError) {
        state.lock()
        if self.error == nil {
            self.error = error
            FileHandle.standardError.write(Data("\(error); later summaries for this file are dropped\n".utf8))
        }
        state.unlock()
    }
}

/// tensorboard's `_global_uid`: the last part of an event file's name, unique within the process.
enum FileCounter {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var value = 0

    static func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        defer { value += 1 }
        return value
    }
}

/// `mkdir -p` with the system's reason on failure (Foundation's error hides errno on Linux).
func makeDirectories(_ path: String) throws(TensorBoardError) {
    var prefix = path.hasPrefix("/") ? "/" : ""
    for component in path.split(separator: "/") {
        prefix += component + "/"
        if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
            throw .cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
        throw .cannotOpen(path: path, reason: "Not a directory")
    }
}

/// `socket.gethostname()`.
func hostName() -> String {
    var buffer = [CChar](repeating: 0, count: 256)
    guard gethostname(&buffer, buffer.count) == 0 else { return "localhost" }
    return String(cString: buffer)
}
