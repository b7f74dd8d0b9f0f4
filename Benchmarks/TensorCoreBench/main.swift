import BenchSupport
import CPeakLoops
import Foundation
import TensorCore

// TensorCore's workloads; twin: pytorch/tensorcore_bench.py. Usage: TensorCoreBench [threads]
let threads = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1])! : 2
Threads.set(threads)
manualSeed(0)
var bench = Bench()

for n in [256, 1024, 2048] {
    let a = Tensor.randn([n, n])
    let b = Tensor.randn([n, n])
    let t = Bench.median(iterations: 10) { blackHole(a.mm(b)) }
    bench.record("sgemm_\(n)_gflops", 2 * Double(n * n * n) / t / 1e9)
}

// bfloat16 GEMM (AVX512_BF16 kernel where the CPU has it), next to the float32 rows above.
for n in [1024, 2048] {
    let a = Tensor.randn([n, n]).to(.bfloat16)
    let b = Tensor.randn([n, n]).to(.bfloat16)
    let t = Bench.median(iterations: 10) { blackHole(a.mm(b)) }
    bench.record("bf16gemm_\(n)_gflops", 2 * Double(n * n * n) / t / 1e9)
}

// One core's ceiling for those rows (ours only): register-only vdpbf16ps and vfmadd231ps loops.
let rounds = 50_000_000
for (key, flops, loop) in [
    ("peak_bf16_1core_gflops", 24.0 * 64, peak_bf16_dot), ("peak_f32_1core_gflops", 24.0 * 32, peak_f32_fma),
] {
    let t = Bench.median(warmup: 1, iterations: 5) { blackHole(loop(rounds)) }
    bench.record(key, flops * Double(rounds) / t / 1e9)
}

let count = 1 << 24
let x = Tensor.randn([count])
let y = Tensor.randn([count])
bench.record("add_16M_GBps", 3 * 4 * Double(count) / Bench.median { blackHole(x + y) } / 1e9)
bench.record("mul_16M_GBps", 3 * 4 * Double(count) / Bench.median { blackHole(x * y) } / 1e9)
bench.record("exp_16M_GBps", 2 * 4 * Double(count) / Bench.median { blackHole(x.exp()) } / 1e9)
bench.record("sum_16M_GBps", 4 * Double(count) / Bench.median { blackHole(x.sum()) } / 1e9)
bench.record("softmax_16M_GBps", 2 * 4 * Double(count) / Bench.median { blackHole(x.softmax(dim: 0)) } / 1e9)

let small = Tensor.randn([64, 1000])
bench.record("sum_64x1000_dim1_us", Bench.median(iterations: 200) { blackHole(small.sum(dim: 1)) } * 1e6)
bench.record("softmax_64x1000_dim1_us", Bench.median(iterations: 200) { blackHole(small.softmax(dim: 1)) } * 1e6)

let square = Tensor.randn([4096, 4096])
bench.record(
    "transpose_copy_4096_GBps",
    2 * 4 * Double(4096 * 4096) / Bench.median(iterations: 10) { blackHole(square.t().contiguous()) } / 1e9)

let s1 = Tensor.randn([4])
let s2 = Tensor.randn([4])
let tiny = Bench.median(warmup: 1, iterations: 5) {
    for _ in 0..<10_000 { blackHole(s1 + s2) }
}
bench.record("tiny_add_us", tiny / 10_000 * 1e6)

bench.printJSON()
