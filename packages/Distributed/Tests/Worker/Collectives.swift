import Distributed
import TensorCore

/// Every collective on every float and int dtype (and every reduction) against what one process computes
/// from all ranks' inputs. Inputs are small integers, so float sums are exact in any order and the
/// comparisons are exact.
enum Collectives {
    static let dtypes: [DType] = [.uint8, .int8, .int16, .int32, .int64, .float16, .bfloat16, .float32, .float64]
    static let ops: [ReduceOp] = [.sum, .avg, .product, .min, .max]

    /// Rank r's input: 1...3 in a pattern that differs per rank (products stay small, also in int8).
    static func input(rank: Int, dtype: DType, count: Int = 7) -> Tensor {
        Tensor((0..<count).map { Int64(($0 + 2 * rank) % 3 + 1) }).to(dtype)
    }

    static func reference(_ op: ReduceOp, _ inputs: [Tensor]) -> Tensor {
        let dtype = inputs[0].dtype
        let stacked = Tensor.stack(inputs)
        switch op {
        case .sum: return stacked.sum(dim: 0, dtype: dtype)
        case .avg: return stacked.sum(dim: 0, dtype: dtype).div(.int(Int64(inputs.count)))
        case .product: return stacked.prod(dim: 0, dtype: dtype)
        case .min: return stacked.amin(dim: 0)
        case .max: return stacked.amax(dim: 0)
        }
    }

    static func run() {
        let world = Dist.worldSize, rank = Dist.rank
        var checks = 0
        for dtype in dtypes {
            let all = (0..<world).map { input(rank: $0, dtype: dtype) }
            for op in ops where op != .avg || dtype.isFloatingPoint {
                for asyncOp in [false, true] {
                    let t = all[rank].clone()
                    let work = Dist.allReduce(t, op: op, asyncOp: asyncOp)
                    work.wait()
                    checkEqual(t, reference(op, all), "allReduce \(dtype) \(op) async=\(asyncOp)")
                    checks += 1
                }
                // reduceScatter: rank r gets the reduction of everyone's r-th input.
                let output = Tensor.zeros([7], dtype: dtype)
                let inputs = (0..<world).map { input(rank: rank + $0, dtype: dtype) }
                Dist.reduceScatter(output, inputs, op: op)
                checkEqual(
                    output, reference(op, (0..<world).map { input(rank: $0 + rank, dtype: dtype) }),
                    "reduceScatter \(dtype) \(op)")
                checks += 1
            }
            // A non-contiguous tensor is reduced through a copy and written back in place.
            let matrix = Tensor.stack([all[rank], all[rank]]).t()
            Dist.allReduce(matrix, op: .max)
            checkEqual(
                matrix, Tensor.stack([reference(.max, all), reference(.max, all)]).t(),
                "allReduce non-contiguous \(dtype)")
            for src in 0..<world {
                let t = all[rank].clone()
                Dist.broadcast(t, src: src, asyncOp: src % 2 == 1).wait()
                checkEqual(t, all[src], "broadcast \(dtype) from \(src)")
            }
            let gathered = (0..<world).map { _ in Tensor.zeros([7], dtype: dtype) }
            Dist.allGather(gathered, all[rank], asyncOp: true).wait()
            for r in 0..<world { checkEqual(gathered[r], all[r], "allGather \(dtype) [\(r)]") }
            let dst = world - 1
            let list = rank == dst ? (0..<world).map { _ in Tensor.zeros([7], dtype: dtype) } : nil
            Dist.gather(all[rank], gatherList: list, dst: dst)
            if let list { for r in 0..<world { checkEqual(list[r], all[r], "gather \(dtype) [\(r)]") } }
            let received = Tensor.zeros([7], dtype: dtype)
            Dist.scatter(received, scatterList: rank == 0 ? all : nil, src: 0)
            checkEqual(received, all[rank], "scatter \(dtype)")
            // A ring of sends: each rank receives its left neighbour's tensor.
            if world > 1 {
                let incoming = Tensor.zeros([7], dtype: dtype)
                let receive = Dist.irecv(incoming, src: (rank + world - 1) % world, tag: 7)
                let send = Dist.isend(all[rank], dst: (rank + 1) % world, tag: 7)
                send.wait()
                receive.wait()
                checkEqual(incoming, all[(rank + world - 1) % world], "send/recv \(dtype)")
                check(receive.source == (rank + world - 1) % world, "recv source \(receive.source)")
            }
            checks += 4
        }
        Dist.barrier()
        Dist.barrier(asyncOp: true).wait()
        if rank == 0 { print("ok collectives \(checks) checks on \(world) ranks") }
    }
}
