import Autodiff
import BenchSupport
import Foundation
import Optimizers
import TensorCore

// Optimizers' workload: one step over 10 M float32 parameters in 100 tensors of 100 000
// elements, gradients already set. Twin: pytorch/optimizers_bench.py (torch's foreach implementation).
// Bytes moved per element: SGD-momentum reads p, g, buf and writes p, buf (5 × 4 B); Adam/AdamW read
// p, g, m, v and write p, m, v (7 × 4 B). Usage: OptimizersBench [threads]
let threads = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1])! : 2
Threads.set(threads)
manualSeed(0)
var bench = Bench()

let tensorCount = 100, perTensor = 100_000
let elements = Double(tensorCount * perTensor)

func makeParams() -> [Tensor] {
    (0..<tensorCount).map { _ in
        let p = Tensor.randn([perTensor]).requiresGrad_()
        p.grad = Tensor.randn([perTensor]) * 1e-3
        return p
    }
}

@MainActor func measure(_ key: String, bytesPerElement: Double, _ make: ([Tensor]) -> Optimizer) {
    let params = makeParams()
    let optimizer = make(params)
    optimizer.step()  // creates the state, as torch's first step does
    let seconds = Bench.median(warmup: 3, iterations: 20) { optimizer.step() }
    bench.record("\(key)_step_ms", seconds * 1e3)
    bench.record("\(key)_GBps", elements * bytesPerElement / seconds / 1e9)
}

measure("sgd_momentum", bytesPerElement: 20) { SGD($0, lr: 0.01, momentum: 0.9) }
measure("adam", bytesPerElement: 28) { Adam($0, lr: 1e-3) }
measure("adamw", bytesPerElement: 28) { AdamW($0, lr: 1e-3) }
bench.printJSON()
