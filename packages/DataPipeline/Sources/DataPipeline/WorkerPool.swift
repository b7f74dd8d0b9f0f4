import Foundation

/// Threads that run DataLoader fetch tasks. Each worker has its own queue and tasks are dealt round
/// robin (batch k goes to worker k % numWorkers, like PyTorch), so which worker — and which worker
/// generator — handles a batch is deterministic.
final class WorkerPool: @unchecked Sendable {
    typealias Task = () -> Void

    let numWorkers: Int
    private let condition = NSCondition()
    private var queues: [[Task]]
    private var shuttingDown = false
    private var running = 0

    init(numWorkers: Int, baseSeed: UInt64, workerInit: ((Int) -> Void)?) {
        self.numWorkers = numWorkers
        self.queues = Array(repeating: [], count: numWorkers)
        let initBox = UncheckedBox(workerInit)
        for id in 0..<numWorkers {
            let info = WorkerInfo(id: id, numWorkers: numWorkers, seed: baseSeed &+ UInt64(id))
            running += 1
            let thread = Thread { [self] in
                WorkerContext.install(WorkerContext(info: info))
                initBox.value?(id)
                self.loop(id)
                WorkerContext.install(nil)
            }
            thread.name = "DataLoader worker \(id)"
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    func submit(worker: Int, _ task: @escaping Task) {
        condition.lock()
        queues[worker].append(task)
        condition.broadcast()
        condition.unlock()
    }

    private func loop(_ id: Int) {
        while true {
            condition.lock()
            while queues[id].isEmpty && !shuttingDown { condition.wait() }
            if queues[id].isEmpty {  // shutting down with nothing left
                running -= 1
                condition.broadcast()
                condition.unlock()
                return
            }
            let task = queues[id].removeFirst()
            condition.unlock()
            task()
        }
    }

    /// Drops queued tasks and stops every worker once its current task ends (does not wait).
    func shutdown() {
        condition.lock()
        shuttingDown = true
        for i in queues.indices { queues[i].removeAll() }
        condition.broadcast()
        condition.unlock()
    }

    deinit { shutdown() }
}

/// Results of one epoch's tasks, handed back in submission order.
final class ResultBuffer<Value>: @unchecked Sendable {
    private let condition = NSCondition()
    private var results: [Int: Result<Value, Error>] = [:]

    func put(_ seq: Int, _ result: Result<Value, Error>) {
        condition.lock()
        results[seq] = result
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for result `seq`; nil if `timeout` (> 0) seconds pass first.
    func take(_ seq: Int, timeout: Double) -> Result<Value, Error>? {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date(timeIntervalSinceNow: timeout)
        while results[seq] == nil {
            if timeout > 0 {
                if !condition.wait(until: deadline) && results[seq] == nil { return nil }
            } else {
                condition.wait()
            }
        }
        return results.removeValue(forKey: seq)
    }
}
