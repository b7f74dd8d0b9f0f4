import CMPIShim
import TensorCore

/// `dist.send`/`recv`/`isend`/`irecv`. Unlike collectives they do not queue behind the group's
/// collectives: each posts a non-blocking MPI request at once and its `Work` waits on that request.
extension ProcessGroup {
    /// `dist.isend(tensor, dst, tag)`.
    /// PyTorch: `torch.distributed.isend`.
    public func isend(_ tensor: Tensor, dst: Int, tag: Int = 0) -> Work {
        checkPeer(dst, "destination")
        let staged = Staged(tensor, reducing: false)
        let request = Request()
        checkMPI(
            dmpi_send(staged.pointer, staged.count, staged.wireType, Int32(dst), Int32(tag), &request.handle),
            "MPI_Isend")
        return pending(request) { _ = staged }
    }

    /// `dist.irecv(tensor, src, tag)`; `src` nil receives from any rank.
    /// PyTorch: `torch.distributed.irecv`.
    public func irecv(_ tensor: Tensor, src: Int? = nil, tag: Int = 0) -> Work {
        if let src { checkPeer(src, "source") }
        let staged = Staged(tensor, reducing: false)
        let request = Request()
        checkMPI(
            dmpi_recv(staged.pointer, staged.count, staged.wireType, Int32(src ?? -1), Int32(tag), &request.handle),
            "MPI_Irecv")
        return pending(request) { staged.writeBack() }
    }

    /// `dist.send(tensor, dst, tag)`: returns when the buffer may be reused.
    /// PyTorch: `torch.distributed.send`.
    public func send(_ tensor: Tensor, dst: Int, tag: Int = 0) { isend(tensor, dst: dst, tag: tag).wait() }

    /// `dist.recv(tensor, src, tag)`: returns the sender's rank.
    /// PyTorch: `torch.distributed.recv`.
    @discardableResult
    public func recv(_ tensor: Tensor, src: Int? = nil, tag: Int = 0) -> Int {
        let work = irecv(tensor, src: src, tag: tag)
        work.wait()
        return work.source
    }

    private func checkPeer(_ peer: Int, _ role: String) {
        checkRank(peer, role)
        torchCheck(peer != rank, "Invalid \(role) rank: should not be the same as rank of the current process.")
    }

    private func pending(_ request: Request, _ then: @escaping () -> Void) -> Work {
        let work = Work(finish: {
            var source: Int32 = -1
            checkMPI(dmpi_wait(&request.handle, &source), "MPI_Wait")
            request.source = Int(source)
            then()
        })
        work.request = request
        work.markCompleted()
        return work
    }
}

/// An MPI request and, once waited for, the rank it came from.
final class Request: @unchecked Sendable {
    var handle: dmpi_request? = nil
    var source = -1
}

extension Work {
    /// `work._source_rank()` after a receive completed.
    /// PyTorch: `torch.distributed.Work._source_rank`.
    public var source: Int { request?.source ?? -1 }
}
