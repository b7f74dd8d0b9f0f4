import Foundation

/// The thread that runs a process group's collectives, one at a time in the order they were issued —
/// MPI requires every rank to call collectives in the same order, and DDP's bucket all-reduces are
/// issued from autograd hooks while backward keeps computing on the caller's thread (the overlap).
final class CommThread: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [() -> Void] = []
    private var busy = false
    private var stopping = false
    private var finished = false

    init() {
        // The thread keeps this object alive until stop() ends its loop.
        let thread = Thread { self.loop() }
        thread.name = "distributed-comm"
        thread.start()
    }

    /// No job queued or running: a synchronous call may then run on the caller's thread.
    var isIdle: Bool {
        condition.lock()
        defer { condition.unlock() }
        return queue.isEmpty && !busy
    }

    func enqueue(_ job: @escaping () -> Void) {
        condition.lock()
        queue.append(job)
        condition.broadcast()
        condition.unlock()
    }

    /// Runs what is queued, then ends the thread.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }

    private func loop() {
        condition.lock()
        while true {
            while queue.isEmpty && !stopping { condition.wait() }
            if queue.isEmpty { break }
            let job = queue.removeFirst()
            busy = true
            condition.unlock()
            job()
            condition.lock()
            busy = false
            condition.broadcast()
        }
        finished = true
        condition.broadcast()
        condition.unlock()
    }
}
