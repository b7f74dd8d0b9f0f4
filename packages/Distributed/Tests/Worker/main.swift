import Autodiff
import Distributed
import Foundation
import Layers
import TensorCore

// One process of a test job: `mpirun -np N distributed-worker <scenario> [args]`. A scenario checks
// its own results and exits non-zero (with the reason on stderr) when one differs; rank 0 prints
// `ok <scenario> ...` on success, which the tests read.

Dist.initProcessGroup()
let scenario = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "collectives"
let arguments = Array(CommandLine.arguments.dropFirst(2))

switch scenario {
case "collectives": Collectives.run()
case "ddp": DDPScenarios.equivalence()
case "no-sync": DDPScenarios.noSync()
case "unused": DDPScenarios.unusedParameters()
case "buffers": DDPScenarios.buffers()
case "mismatch": DDPScenarios.mismatchedModels()
case "unused-without-flag": DDPScenarios.unusedWithoutFlag()
case "abort":
    // Rank 1 fails while the others wait in a collective: mpirun must end them all.
    if Dist.rank == 1 { Dist.abort("worker failed on purpose in rank 1") }
    Dist.allReduce(Tensor([1.0]))
    print("unreachable: rank \(Dist.rank) finished the all-reduce")
case "throw":
    // Rank 1's code throws out of main (an uncaught Swift error) while the others wait in a collective.
    struct WorkerError: Error, CustomStringConvertible { var description: String { "rank 1 threw on purpose" } }
    if Dist.rank == 1 { throw WorkerError() }
    Dist.allReduce(Tensor([1.0]))
    print("unreachable: rank \(Dist.rank) finished the all-reduce")
case "exit":
    // Rank 1 exits (status 3, as a program does on an error it reports) while the others wait.
    if Dist.rank == 1 {
        FileHandle.standardError.write(Data("rank 1 exits on purpose\n".utf8))
        exit(3)
    }
    Dist.allReduce(Tensor([1.0]))
    print("unreachable: rank \(Dist.rank) finished the all-reduce")
default:
    Dist.abort("unknown scenario \(scenario)")
}

Dist.destroyProcessGroup()
