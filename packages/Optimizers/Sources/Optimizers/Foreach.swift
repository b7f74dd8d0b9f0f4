import COptimizerKernels
import TensorCore

// torch's "foreach" idea for the fused kernels: the parameters of a group are one workload. A step
// runs a single parallel region over all their elements (not one per tensor: 100 thread hand-offs per
// step cost more than a small tensor's update), and each thread walks its slice of the concatenation.

/// A parameter prepared for a fused update kernel: the contiguous memory the kernel updates (the
/// parameter itself, or a contiguous copy that `finish` writes back), its contiguous gradient and the
/// state tensors the kernel writes.
struct FusedParam {
    let param: Tensor
    let work: Tensor
    let grad: Tensor
    var state: [Tensor]

    init(_ p: Tensor, grad: Tensor, state: [Tensor] = []) {
        torchCheck(usesFusedKernel(p), "the fused kernels take float32 and float64 parameters, got \(p.dtype)")
        param = p
        work = p.isContiguous ? p : p.contiguous()
        self.grad = grad
        self.state = state
    }

    var isDouble: Bool { work.dtype == .float64 }

    /// Writes a strided parameter back and bumps the versions of everything the kernel wrote.
    func finish() {
        if work === param { param.bumpVersion() } else { param.copy_(work) }
        for t in state { t.bumpVersion() }
    }
}

/// Element `offset` of a contiguous tensor of element type `T`.
@inline(__always)
func address<T: TensorElement>(_ t: Tensor, _: T.Type, _ offset: Int) -> UnsafeMutablePointer<T> {
    t.mutablePointer(T.self) + offset
}

/// Optional-tensor form of `address`, for state that only some options create.
@inline(__always)
func addressIfAny<T: TensorElement>(_ t: Tensor?, _: T.Type, _ offset: Int) -> UnsafeMutablePointer<T>? {
    t.map { $0.mutablePointer(T.self) + offset }
}

/// Runs `body(i, range)` over the elements of every parameter, covering each exactly once: the
/// concatenation is split into one contiguous part per thread (sequential below two grains).
func forEachSlice(_ params: [FusedParam], _ body: (Int, Range<Int>) -> Void) {
    var starts = [Int]()
    starts.reserveCapacity(params.count + 1)
    var total = 0
    for p in params {
        starts.append(total)
        total += p.work.numel
    }
    starts.append(total)
    let parts = Swift.min(Threads.get(), total / Threads.grainSize)
    guard parts > 1 else {
        for i in params.indices where starts[i + 1] > starts[i] { body(i, 0..<(starts[i + 1] - starts[i])) }
        return
    }
    parallelFor(parts, grain: 1) { partRange in
        for part in partRange {
            let lo = total * part / parts, hi = total * (part + 1) / parts
            var i = 0
            while starts[i + 1] <= lo { i += 1 }
            while i < params.count && starts[i] < hi {
                let from = Swift.max(lo, starts[i]) - starts[i], to = Swift.min(hi, starts[i + 1]) - starts[i]
                if to > from { body(i, from..<to) }
                i += 1
            }
        }
    }
}

/// Which build of the C kernels runs: AVX2+FMA when the CPU has both, else the baseline one (same
/// results, slower). `select` forces one (tests compare both) and returns whether AVX2 is now in use.
enum FusedKernelISA {
    static var usesAVX2: Bool { optim_kernels_isa() == 1 }
    @discardableResult static func select(avx2: Bool) -> Bool { optim_kernels_select(avx2 ? 1 : 0) == 1 }
}

/// One parameter's update over element ranges of its contiguous memory (the Swift-kernel optimizers).
typealias SliceUpdate = (Range<Int>) -> Void

/// Runs every parameter's update in one parallel region (see `forEachSlice`), then `finish`es each.
func runFused(_ work: [(FusedParam, SliceUpdate)]) {
    forEachSlice(work.map(\.0)) { i, range in work[i].1(range) }
    for (f, _) in work { f.finish() }
}
