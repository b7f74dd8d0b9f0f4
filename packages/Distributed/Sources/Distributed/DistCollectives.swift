import TensorCore

/// `dist.all_reduce(...)` and its siblings: the collectives of the default group (`Dist.group`).
extension Dist {
    /// All-reduces `tensor` in place over the default group (PyTorch: `torch.distributed.all_reduce`).
    @discardableResult
    public static func allReduce(_ tensor: Tensor, op: ReduceOp = .sum, asyncOp: Bool = false) -> Work {
        group.allReduce(tensor, op: op, asyncOp: asyncOp)
    }

    /// Copies rank `src`'s `tensor` into every rank's (PyTorch: `torch.distributed.broadcast`).
    @discardableResult
    public static func broadcast(_ tensor: Tensor, src: Int, asyncOp: Bool = false) -> Work {
        group.broadcast(tensor, src: src, asyncOp: asyncOp)
    }

    /// Fills `outputs[r]` with rank r's `input` (PyTorch: `torch.distributed.all_gather`).
    @discardableResult
    public static func allGather(_ outputs: [Tensor], _ input: Tensor, asyncOp: Bool = false) -> Work {
        group.allGather(outputs, input, asyncOp: asyncOp)
    }

    /// Rank r's `output` becomes the reduction of every rank's `inputs[r]` (PyTorch: `torch.distributed.reduce_scatter`).
    @discardableResult
    public static func reduceScatter(_ output: Tensor, _ inputs: [Tensor], op: ReduceOp = .sum, asyncOp: Bool = false)
        -> Work
    {
        group.reduceScatter(output, inputs, op: op, asyncOp: asyncOp)
    }

    /// Collects every rank's `tensor` into `gatherList` on rank `dst` (PyTorch: `torch.distributed.gather`).
    @discardableResult
    public static func gather(_ tensor: Tensor, gatherList: [Tensor]? = nil, dst: Int = 0, asyncOp: Bool = false)
        -> Work
    {
        group.gather(tensor, gatherList: gatherList, dst: dst, asyncOp: asyncOp)
    }

    /// Sends `scatterList[r]` from rank `src` into rank r's `tensor` (PyTorch: `torch.distributed.scatter`).
    @discardableResult
    public static func scatter(_ tensor: Tensor, scatterList: [Tensor]? = nil, src: Int = 0, asyncOp: Bool = false)
        -> Work
    {
        group.scatter(tensor, scatterList: scatterList, src: src, asyncOp: asyncOp)
    }

    /// Returns once every rank has entered it (PyTorch: `torch.distributed.barrier`).
    @discardableResult
    public static func barrier(asyncOp: Bool = false) -> Work { group.barrier(asyncOp: asyncOp) }

    /// Starts sending `tensor` to rank `dst` (PyTorch: `torch.distributed.isend`).
    public static func isend(_ tensor: Tensor, dst: Int, tag: Int = 0) -> Work {
        group.isend(tensor, dst: dst, tag: tag)
    }
    /// Starts receiving into `tensor`; `src` nil takes any rank (PyTorch: `torch.distributed.irecv`).
    public static func irecv(_ tensor: Tensor, src: Int? = nil, tag: Int = 0) -> Work {
        group.irecv(tensor, src: src, tag: tag)
    }
    /// Sends `tensor` to rank `dst`, returning when the buffer may be reused (PyTorch: `torch.distributed.send`).
    public static func send(_ tensor: Tensor, dst: Int, tag: Int = 0) { group.send(tensor, dst: dst, tag: tag) }
    /// Receives into `tensor` and returns the sender's rank (PyTorch: `torch.distributed.recv`).
    @discardableResult
    public static func recv(_ tensor: Tensor, src: Int? = nil, tag: Int = 0) -> Int {
        group.recv(tensor, src: src, tag: tag)
    }
}
