import Autodiff
import TensorCore
import Testing

@testable import Optimizers

/// The C kernels' AVX2+FMA build and baseline build round identically, on sizes that exercise the
/// vector body, the padded tail and the multi-thread split across parameters.
@Suite(.serialized) struct FusedKernelTests {
    static let configs: [(String, @Sendable ([Tensor]) -> Optimizer)] = [
        ("SGD", { SGD($0, lr: 0.1) }),
        ("SGD momentum wd", { SGD($0, lr: 0.1, momentum: 0.9, dampening: 0.1, weightDecay: 0.01) }),
        ("SGD nesterov maximize", { SGD($0, lr: 0.1, momentum: 0.9, nesterov: true, maximize: true) }),
        ("Adam", { Adam($0, lr: 0.01) }),
        ("Adam amsgrad wd", { Adam($0, lr: 0.01, betas: (0.3, 0.99), weightDecay: 0.1, amsgrad: true) }),
        ("AdamW maximize", { AdamW($0, lr: 0.01, maximize: true) }),
    ]

    func run(_ make: ([Tensor]) -> Optimizer, _ dtype: DType, avx2: Bool) -> [[Double]] {
        FusedKernelISA.select(avx2: avx2)
        defer { FusedKernelISA.select(avx2: true) }
        let gen = Generator(seed: 7)  // not the global one: suites run in parallel
        // 70 001 elements in all: above two parallel grains, with odd tails in every tensor.
        let params = [[3, 5], [69_983], [3]].map { Tensor.randn($0, generator: gen, dtype: dtype).requiresGrad_() }
        let optimizer = make(params)
        for _ in 0..<3 {
            for p in params { p.grad = Tensor.randn(p.shape.dims, generator: gen, dtype: dtype) }
            optimizer.step()
        }
        return params.map { $0.detach().toArray(Double.self) }
    }

    @Test func bothBuildsAgreeBitForBit() {
        let avx2 = FusedKernelISA.select(avx2: true)
        for (name, make) in Self.configs {
            for dtype in [DType.float32, .float64] {
                let baseline = run(make, dtype, avx2: false)
                let vector = run(make, dtype, avx2: true)
                #expect(baseline == vector, "\(name) \(dtype) (AVX2 available: \(avx2))")
                #expect(baseline.allSatisfy { $0.allSatisfy(\.isFinite) })
            }
        }
    }

    /// The kernels follow TensorCore's instruction-set switch (ATEN_CPU_CAPABILITY): `avx2` or above
    /// runs the AVX2 build where the CPU has it, `default` the baseline one.
    @Test func followTheCPUCapability() {
        FusedKernelISA.select(avx2: true)
        #expect(FusedKernelISA.usesAVX2 == (CPUCapability.current >= .avx2))
    }

    /// A strided parameter is updated through a contiguous copy and written back.
    @Test func stridedParameterMatchesContiguous() {
        let gen = Generator(seed: 3)
        let base = Tensor.randn([6, 4], generator: gen), grad = Tensor.randn([4, 6], generator: gen)
        let makers: [([Tensor]) -> Optimizer] = [{ Adam($0, lr: 0.1) }, { RMSprop($0, lr: 0.1, centered: true) }]
        for make in makers {
            let strided = base.clone().t().requiresGrad_(), contiguous = base.t().contiguous().requiresGrad_()
            #expect(!strided.isContiguous)
            for p in [strided, contiguous] {
                p.grad = grad
                let optimizer = make([p])
                optimizer.step()
                optimizer.step()
            }
            #expect(strided.detach().toArray(Float.self) == contiguous.detach().toArray(Float.self))
            #expect(strided.detach().toArray(Float.self) != base.t().contiguous().toArray(Float.self))
        }
    }
}
