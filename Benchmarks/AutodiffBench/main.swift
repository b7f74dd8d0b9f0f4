import Autodiff
import BenchSupport
import Foundation
import TensorCore

// Autodiff's workloads; twin: pytorch/autodiff_bench.py. Usage: AutodiffBench [threads]
let threads = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1])! : 2
Threads.set(threads)
manualSeed(0)
var bench = Bench()
/// Optional second argument: run only the workloads whose key contains it (for profiling).
let only = CommandLine.arguments.count > 2 ? CommandLine.arguments[2] : ""
func wanted(_ key: String) -> Bool { only.isEmpty || key.contains(only) }

if only == "profile_add" {
    let a = Tensor.zeros([4]), b = Tensor.zeros([4])
    for _ in 0..<2_000_000 { blackHole(a + b) }
    exit(0)
}

// Guide section 5: linear regression, 1000 full-batch steps of manual SGD (lr 0.01) on 200 points.
let xs = Tensor.linspace(-5, 5, 200).unsqueeze(1)
let ys = xs * 3 + 2 + Tensor.randn([200, 1]) * 0.5
func linearRegression() -> Double {
    let w = Tensor.zeros([1, 1]).requiresGrad_()
    let b = Tensor.zeros([1]).requiresGrad_()
    var last = 0.0
    for _ in 0..<1000 {
        let loss = (xs.matmul(w) + b - ys).pow(2).mean()
        loss.backward()
        noGrad {
            w.sub_(w.grad! * 0.01)
            b.sub_(b.grad! * 0.01)
        }
        w.grad = nil
        b.grad = nil
        last = loss.item(Double.self)
    }
    return last
}
if wanted("linreg") {
    bench.record("linreg_1000_steps_s", Bench.median(warmup: 1, iterations: 5) { blackHole(linearRegression()) })
}

if only == "profile_linreg" {
    for _ in 0..<100 { blackHole(linearRegression()) }
    exit(0)
}

// Forward + backward of a 10-layer, 512-wide MLP (matmul + bias + relu) at batch 64.
if wanted("mlp") {
    let width = 512, layers = 10, batch = 64
    let weights = (0..<layers).map { _ in
        (Tensor.randn([width, width]) * (1 / Double(width).squareRoot())).requiresGrad_()
    }
    let biases = (0..<layers).map { _ in Tensor.zeros([width]).requiresGrad_() }
    let input = Tensor.randn([batch, width])
    func mlpStep() {
        var h = input
        for i in 0..<layers { h = (h.matmul(weights[i]) + biases[i]).relu() }
        h.mean().backward()
        for i in 0..<layers {
            weights[i].grad = nil
            biases[i].grad = nil
        }
    }
    bench.record("mlp_10x512_b64_fwd_bwd_ms", Bench.median(warmup: 3, iterations: 30) { mlpStep() } * 1e3)
}

// Per-op overhead of the hook: a 4-element add, untracked and tracked (recording only).
let s1 = Tensor.randn([4]), s2 = Tensor.randn([4])
if wanted("tiny") {
    bench.record(
        "tiny_add_untracked_us",
        Bench.median(warmup: 1, iterations: 5) {
            for _ in 0..<10_000 { blackHole(s1 + s2) }
        } / 10_000 * 1e6)
}
let t1 = Tensor.randn([4]).requiresGrad_()
if wanted("tiny") {
    bench.record(
        "tiny_add_tracked_us",
        Bench.median(warmup: 1, iterations: 5) {
            for _ in 0..<10_000 { blackHole(t1 + s2) }
        } / 10_000 * 1e6)
}
bench.record(
    "grad_mode_read_ns",
    Bench.median(warmup: 1, iterations: 5) {
        var n = 0
        for _ in 0..<1_000_000 where isGradEnabled { n &+= 1 }
        blackHole(n)
    } / 1_000_000 * 1e9)
bench.printJSON()
