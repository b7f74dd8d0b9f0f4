import TensorCore

/// `dist.all_reduce(...)` and its siblings: the collectives of the default group (`Dist.group`).
extension Dist {
    @discardableResult
    public static func allReduce(_ tensor: Tensor, op: ReduceOp = .sum, asyncOp: Bool = false) -> Work {
        group.allReduce(tensor, op: op, asyncOp: asyncOp)
    }

    @discardableResult
    public static func broadcast(_ tensor: Tensor, src: Int, asyncOp: Bool = false) -> Work {
        group.broadcast(tensor, src: src, asyncOp: asyncOp)
    }

    @discardableResult
    public static func allGather(_ outputs: [Tensor], _ input: Tensor, asyncOp: Bool = false) -> Work {
        group.allGather(outputs, input, asyncOp: asyncOp)
    }

    @discardableResult
    public static func reduceScatter(_ output: Tensor, _ inputs: [Tensor], op: ReduceOp = .sum, asyncOp: Bool = false) -> Work {
        group.reduceScatter(output, inputs, op: op, asyncOp: asyncOp)
    }

    @discardableResult
    public static func gather(_ tensor: Tensor, gatherList: [Tensor]? = nil, dst: Int = 0, asyncOp: Bool = false) -> Work {
        group.gather(tensor, gatherList: gatherList, dst: dst, asyncOp: asyncOp)
    }

    @discardableResult
    public static func scatter(_ tensor: Tensor, scatterList: [Tensor]? = nil, src: Int = 0, asyncOp: Bool = false) -> Work {
        group.scatter(tensor, scatterList: scatterList, src: src, asyncOp: asyncOp)
    }

    @discardableResult
    public static func barrier(asyncOp: Bool = false) -> Work { group.barrier(asyncOp: asyncOp) }

    public static func isend(_ tensor: Tensor, dst: Int, tag: Int = 0) -> Work { group.isend(tensor, dst: dst, tag: tag) }
    public static func irecv(_ tensor: Tensor, src: Int? = nil, tag: Int = 0) -> Work { group.irecv(tensor, src: src, tag: tag) }
    public static func send(_ tensor: Tensor, dst: Int, tag: Int = 0) { group.send(tensor, dst: dst, tag: tag) }
    @discardableResult
    public static func recv(_ tensor: Tensor, src: Int? = nil, tag: Int = 0) -> Int { group.recv(tensor, src: src, tag: tag) }
}
