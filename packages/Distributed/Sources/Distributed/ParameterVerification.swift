import Foundation
import TensorCore

/// torch's `_verify_param_shape_across_processes`: every rank learns whether any rank's parameters
/// differ from rank 0's (count or sizes) before anything else is sent, so a mismatch stops every rank
/// with an error instead of leaving some waiting in a broadcast. The ranks that differ give torch's
/// message; the others name them.
func verifyParameterShapes(_ parameters: [Tensor], _ group: ProcessGroup) {
    guard group.worldSize > 1 else { return }
    let rank = group.rank
    // Counts first, from every rank.
    let counts = (0..<group.worldSize).map { _ in Tensor.zeros([1], dtype: .int64) }
    group.allGather(counts, Tensor([Int64(parameters.count)]))
    for (i, count) in counts.enumerated().map({ ($0, Int($1.item(Int64.self))) }) where count != parameters.count {
        torchFail(
            "DDP expects same model across all ranks, but Rank \(rank) has \(parameters.count) params, while rank \(i) has inconsistent \(count) params."
        )
    }
    // Then rank 0's sizes (ndim, dims...), compared here.
    let mine = parameters.flatMap { [Int64($0.ndim)] + $0.shape.dims.map(Int64.init) }
    let length = Tensor([Int64(mine.count)])
    group.broadcast(length, src: 0)
    let theirs = Tensor.zeros([Int(length.item(Int64.self))], dtype: .int64)
    if rank == 0 { _ = theirs.copy_(Tensor(mine)) }
    group.broadcast(theirs, src: 0)
    let reference = theirs.toArray(Int64.self)
    var mismatch: Int? = nil
    var at = 0
    for (p, parameter) in parameters.enumerated() {
        let entry = [Int64(parameter.ndim)] + parameter.shape.dims.map(Int64.init)
        if at + entry.count > reference.count || Array(reference[at..<at + entry.count]) != entry {
            mismatch = p
            break
        }
        at += entry.count
    }
    // A differing rank says why before the flags are exchanged: the other ranks stop right after the
    // exchange, and mpirun may end this process before it could print.
    let message = mismatch.map { p in
        let sizes = "[" + parameters[p].shape.dims.map(String.init).joined(separator: ", ") + "]"
        return
            "[\(rank)]: params[\(p)] in this process with sizes \(sizes) appears not to match sizes of the same param in process 0."
    }
    if let message { FileHandle.standardError.write(Data((message + "\n").utf8)) }
    let flags = (0..<group.worldSize).map { _ in Tensor.zeros([1], dtype: .int64) }
    group.allGather(flags, Tensor([Int64(mismatch == nil ? 0 : 1)]))
    if let message { torchFail(message) }
    let differing = flags.enumerated().filter { $0.1.item(Int64.self) != 0 }.map(\.0)
    if !differing.isEmpty {
        torchFail(
            "DDP expects same model across all ranks, but the parameter sizes of rank(s) \(differing.map(String.init).joined(separator: ", ")) do not match those of process 0 (see their error)."
        )
    }
}
