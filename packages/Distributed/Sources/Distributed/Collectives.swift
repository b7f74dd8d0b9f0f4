import Autodiff
import CMPIShim
import TensorCore

/// torch.distributed's collectives on this group. Each writes its result into the given tensors; with
/// `asyncOp: true` it returns at once and the result is there after `work.wait()` (torch's async_op).
/// Every rank must call the same collectives in the same order, as in torch.
extension ProcessGroup {
    /// `dist.all_reduce(tensor, op, async_op)`: every rank ends with the reduction over ranks.
    /// PyTorch: `torch.distributed.all_reduce` (as `ProcessGroup.allreduce`).
    @discardableResult
    public func allReduce(_ tensor: Tensor, op: ReduceOp = .sum, asyncOp: Bool = false) -> Work {
        checkReducible(tensor.dtype, op, "all_reduce")
        let staged = Staged(tensor, reducing: true)
        let world = worldSize
        return run(
            async: asyncOp,
            {
                checkMPI(
                    dmpi_allreduce(staged.pointer, staged.pointer, staged.count, staged.wireType, op.mpiCode, nil),
                    "MPI_Allreduce")
            },
            then: {
                if op == .avg { noGrad { _ = staged.buffer.div_(.int(Int64(world))) } }
                staged.writeBack()
            })
    }

    /// `dist.broadcast(tensor, src, async_op)`: every rank ends with rank `src`'s values.
    /// PyTorch: `torch.distributed.broadcast`.
    @discardableResult
    public func broadcast(_ tensor: Tensor, src: Int, asyncOp: Bool = false) -> Work {
        checkRank(src, "root")
        let staged = Staged(tensor, reducing: false)
        let isSource = src == rank
        return run(
            async: asyncOp,
            {
                checkMPI(dmpi_bcast(staged.pointer, staged.count, staged.wireType, Int32(src), nil), "MPI_Bcast")
            }, then: { if !isSource { staged.writeBack() } })
    }

    /// `dist.all_gather(tensor_list, tensor, async_op)`: `outputs[r]` receives rank r's `input`.
    /// PyTorch: `torch.distributed.all_gather`.
    @discardableResult
    public func allGather(_ outputs: [Tensor], _ input: Tensor, asyncOp: Bool = false) -> Work {
        checkList(outputs, like: input, "all_gather", "tensor_list")
        let send = Staged(input, reducing: false)
        let received = Tensor.empty([worldSize * input.numel], dtype: input.dtype)
        return run(
            async: asyncOp,
            {
                checkMPI(
                    dmpi_allgather(send.pointer, received.rawPointer, send.count, send.wireType, nil), "MPI_Allgather")
            }, then: { unpack(received, into: outputs) })
    }

    /// `dist.reduce_scatter(output, input_list, op, async_op)`: rank r receives the reduction over
    /// ranks of `inputs[r]`.
    /// PyTorch: `torch.distributed.reduce_scatter`.
    @discardableResult
    public func reduceScatter(_ output: Tensor, _ inputs: [Tensor], op: ReduceOp = .sum, asyncOp: Bool = false) -> Work
    {
        checkReducible(output.dtype, op, "reduce_scatter")
        checkList(inputs, like: output, "reduce_scatter", "input_list")
        let wire = WireType.reducing(output.dtype)
        let send = packed(inputs, as: wire)
        let received = Tensor.empty([output.numel], dtype: wire)
        let world = worldSize
        return run(
            async: asyncOp,
            {
                checkMPI(
                    dmpi_reduce_scatter_block(
                        send.rawPointer, received.rawPointer, Int64(output.numel), WireType.moving(wire), op.mpiCode,
                        nil),
                    "MPI_Reduce_scatter_block")
            },
            then: {
                if op == .avg { noGrad { _ = received.div_(.int(Int64(world))) } }
                unpack(received, into: [output])
            })
    }

    /// `dist.gather(tensor, gather_list, dst, async_op)`: rank `dst` receives every rank's tensor in
    /// `gatherList` (which only `dst` passes).
    /// PyTorch: `torch.distributed.gather`.
    @discardableResult
    public func gather(_ tensor: Tensor, gatherList: [Tensor]? = nil, dst: Int = 0, asyncOp: Bool = false) -> Work {
        checkRank(dst, "destination")
        let isRoot = dst == rank
        if isRoot {
            torchCheck(gatherList != nil, "gather_list is a required argument in destination rank.")
            checkList(gatherList!, like: tensor, "gather", "gather_list")
        } else {
            torchCheck(
                gatherList == nil || gatherList!.isEmpty,
                "non-empty gather_list can be given only to the destination rank.")
        }
        let send = Staged(tensor, reducing: false)
        let received = Tensor.empty([isRoot ? worldSize * tensor.numel : 0], dtype: tensor.dtype)
        return run(
            async: asyncOp,
            {
                checkMPI(
                    dmpi_gather(send.pointer, received.rawPointer, send.count, send.wireType, Int32(dst), nil),
                    "MPI_Gather")
            }, then: { if isRoot { unpack(received, into: gatherList!) } })
    }

    /// `dist.scatter(tensor, scatter_list, src, async_op)`: rank r receives `scatterList[r]` from `src`
    /// (which alone passes the list).
    /// PyTorch: `torch.distributed.scatter`.
    @discardableResult
    public func scatter(_ tensor: Tensor, scatterList: [Tensor]? = nil, src: Int = 0, asyncOp: Bool = false) -> Work {
        checkRank(src, "source")
        let isRoot = src == rank
        if isRoot {
            torchCheck(scatterList != nil, "scatter_list is a required argument in source rank.")
            checkList(scatterList!, like: tensor, "scatter", "scatter_list")
        } else {
            torchCheck(scatterList == nil || scatterList!.isEmpty, "non-empty can be given only to the source rank.")
        }
        let send = isRoot ? packed(scatterList!, as: tensor.dtype) : Tensor.empty([0], dtype: tensor.dtype)
        let received = Staged(tensor, reducing: false)
        return run(
            async: asyncOp,
            {
                checkMPI(
                    dmpi_scatter(send.rawPointer, received.pointer, received.count, received.wireType, Int32(src), nil),
                    "MPI_Scatter")
            }, then: { received.writeBack() })
    }

    /// `dist.barrier(async_op)`: returns once every rank has entered it.
    /// PyTorch: `torch.distributed.barrier`.
    @discardableResult
    public func barrier(asyncOp: Bool = false) -> Work {
        run(async: asyncOp, { checkMPI(dmpi_barrier(nil), "MPI_Barrier") }, then: {})
    }

    // MARK: Argument checks (before anything is sent, so a misuse never leaves a peer waiting)

    func checkRank(_ peer: Int, _ role: String) {
        torchCheck(
            peer >= 0 && peer < worldSize,
            "Invalid \(role) rank \(peer): the group has \(worldSize) processes (ranks 0...\(worldSize - 1))")
    }

    private func checkReducible(_ dtype: DType, _ op: ReduceOp, _ name: String) {
        torchCheck(dtype != .bool, "\(name): bool tensors cannot be reduced (use uint8)")
        torchCheck(op != .avg || dtype.isFloatingPoint, "\(name): \(op) requires a floating point tensor, got \(dtype)")
    }

    private func checkList(_ list: [Tensor], like tensor: Tensor, _ name: String, _ argument: String) {
        torchCheck(
            list.count == worldSize,
            "\(name): \(argument) must have one tensor per rank (\(worldSize)), got \(list.count)")
        for (i, t) in list.enumerated() {
            torchCheck(
                t.dtype == tensor.dtype, "\(name): \(argument)[\(i)] has dtype \(t.dtype), expected \(tensor.dtype)")
            torchCheck(
                t.numel == tensor.numel, "\(name): \(argument)[\(i)] has \(t.numel) elements, expected \(tensor.numel)")
        }
    }
}
