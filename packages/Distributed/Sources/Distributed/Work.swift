import Foundation

/// `torch.distributed.Work`: the handle an asynchronous collective returns. `wait()` blocks until the
/// operation finished (its output tensors are then written); a failed operation stops the program there.
public final class Work: @unchecked Sendable {
    private let condition = NSCondition()
    private var done = false
    /// Run by `wait()` on the caller's thread after completion (point-to-point: MPI_Wait on its request).
    private var finish: (() -> Void)?
    /// The point-to-point request behind this work, if any.
    var request: Request?

    init(finish: (() -> Void)? = nil) { self.finish = finish }

    /// A work that is already complete (what a synchronous call returns).
    static func completed() -> Work {
        let work = Work()
        work.done = true
        return work
    }

    func markCompleted() {
        condition.lock()
        done = true
        condition.broadcast()
        condition.unlock()
    }

    /// `work.is_completed()`.
    /// PyTorch: `torch.distributed.Work.is_completed`.
    public func isCompleted() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        return done && finish == nil
    }

    /// `work.wait()`.
    /// PyTorch: `torch.distributed.Work.wait`.
    @discardableResult
    public func wait() -> Bool {
        condition.lock()
        while !done { condition.wait() }
        let pending = finish
        finish = nil
        condition.unlock()
        pending?()
        return true
    }
}
