import CVectorKernels
import Foundation
import Synchronization

/// The threads behind `parallelFor`: persistent workers that spin briefly between regions, like
/// PyTorch's OpenMP pool, so a region costs a cache-line hand-off rather than a kernel wake-up
/// (DispatchQueue.concurrentPerform wakes sleeping threads every time: tens of microseconds, more
/// than a whole softmax over [64, 1000]). Idle workers sleep after `spinNanoseconds`.
///
/// One region runs at a time. A region started inside another one (nested), or while another thread
/// owns the pool, runs serially on the caller, as ATen does inside a parallel region.
final class ParallelRegion: @unchecked Sendable {
    static let shared = ParallelRegion()

    private static let spinNanoseconds: UInt64 = 100_000

    private let owned = Atomic<Bool>(false)
    /// Bumped once per region; workers wait for it to move.
    private let generation = Atomic<Int>(0)
    /// Workers that have not yet finished the current region.
    private let pending = Atomic<Int>(0)
    private let sleepers = Atomic<Int>(0)
    private let wakeUp = NSCondition()
    /// The current region, written by the owner before `generation` moves (release) and read by workers
    /// after they see it move (acquire).
    private var body: ((Int) -> Void)?
    private var chunks = 0
    private var workerCount = 0

    /// Runs `body(0..<chunks)` with chunk 0 on the caller; false when the pool is busy (run serially).
    func run(chunks: Int, _ body: (Int) -> Void) -> Bool {
        guard cvk_in_parallel_region() == 0,
            owned.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
        else { return false }
        defer { owned.store(false, ordering: .releasing) }
        while workerCount < chunks - 1 { startWorker(index: workerCount + 1) }
        withoutActuallyEscaping(body) { body in
            self.body = body
            self.chunks = chunks
            pending.store(workerCount, ordering: .relaxed)
            generation.add(1, ordering: .sequentiallyConsistent)
            if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
                wakeUp.lock()
                wakeUp.broadcast()
                wakeUp.unlock()
            }
            cvk_set_in_parallel_region(1)
            body(0)
            cvk_set_in_parallel_region(0)
            // Every worker acknowledges every region, so none can still be reading `body` afterwards.
            // Yield now and then: on an oversubscribed machine the worker may need this core to finish.
            var spins = 0
            while pending.load(ordering: .acquiring) > 0 {
                spins += 1
                if spins & 1023 == 0 { sched_yield() } else { cvk_spin_pause() }
            }
            self.body = nil
        }
        return true
    }

    private func startWorker(index: Int) {
        workerCount += 1
        let seen = generation.load(ordering: .acquiring)
        let thread = Thread { [self] in work(index: index, seen: seen) }
        thread.stackSize = 8 << 20  // kernels keep scratch on the stack, as on the main thread
        thread.name = "TensorCore worker \(index)"
        thread.start()
    }

    private func work(index: Int, seen start: Int) -> Never {
        cvk_set_in_parallel_region(1)
        var seen = start
        while true {
            seen = waitForRegion(after: seen)
            if index < chunks, let body { body(index) }
            pending.subtract(1, ordering: .releasing)
        }
    }

    /// Spins for a while, then sleeps until `generation` passes `seen`; returns the new generation.
    private func waitForRegion(after seen: Int) -> Int {
        let deadline = DispatchTime.now().uptimeNanoseconds + Self.spinNanoseconds
        var spins = 0
        while true {
            let current = generation.load(ordering: .acquiring)
            if current != seen { return current }
            spins += 1
            if spins & 255 == 0 && DispatchTime.now().uptimeNanoseconds > deadline { break }
            cvk_spin_pause()
        }
        wakeUp.lock()
        sleepers.add(1, ordering: .sequentiallyConsistent)
        while generation.load(ordering: .sequentiallyConsistent) == seen { wakeUp.wait() }
        sleepers.subtract(1, ordering: .sequentiallyConsistent)
        wakeUp.unlock()
        return generation.load(ordering: .acquiring)
    }
}
