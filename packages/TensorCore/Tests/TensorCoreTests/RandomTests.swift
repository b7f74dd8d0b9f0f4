import CVectorKernels
import Foundation
import Testing

@testable import TensorCore

/// Parity with torch's CPU generator: every case of random_sampling.json was produced by real PyTorch
/// after `torch.manual_seed(0)` (or the seed named in the case), and must match bit for bit.
@Suite struct RandomTests {
    let fixture: Fixture
    init() throws { fixture = try loadFixture("random_sampling") }

    func g(_ seed: UInt64 = 0) -> Generator { Generator(seed: seed) }

    @Test func uniform() throws {
        expectEqual(Tensor.rand(3, 3, generator: g()), try fixture.tensor("rand_3x3"))
        expectEqual(Tensor.rand([7], generator: g(42)), try fixture.tensor("rand_seed42_7"))
        expectEqual(Tensor.rand([4], generator: g(1 << 40 + 5)), try fixture.tensor("rand_bigseed_4"))
        expectEqual(Tensor.rand([5], generator: g(), dtype: .float64), try fixture.tensor("rand_f64_5"))
        expectEqual(Tensor.rand([20], generator: g(), dtype: .float16), try fixture.tensor("rand_f16_20"))
        expectEqual(Tensor.rand([20], generator: g(), dtype: .bfloat16), try fixture.tensor("rand_bf16_20"))
        let gen = g()
        let first = Tensor.rand([700], generator: gen).toArray(Float.self)
        let second = Tensor.rand([3], generator: gen).toArray(Float.self)
        expectEqual(Tensor(copying: first + second, shape: [703]), try fixture.tensor("rand_two_calls"))
        expectEqual(Tensor.empty([50]).uniform_(-2, 3, generator: g()), try fixture.tensor("uniform_f32"))
        expectEqual(
            Tensor.empty([50], dtype: .float64).uniform_(-2, 3, generator: g()), try fixture.tensor("uniform_f64"))
        expectEqual(
            Tensor.empty([20], dtype: .float16).uniform_(-2, 3, generator: g()), try fixture.tensor("uniform_f16"))
        let base = Tensor.empty([4, 3])
        let transposed = base.asStrided([3, 4], [1, 3])
        transposed.uniform_(generator: g())
        expectEqual(transposed.contiguous(), try fixture.tensor("uniform_transposed"))
    }

    @Test func normal() throws {
        for n in [5, 15, 16, 37, 100] {
            expectEqual(Tensor.randn([n], generator: g()), try fixture.tensor("randn_\(n)"), "randn(\(n))")
        }
        expectEqual(Tensor.randn(2, 3, 4, generator: g()), try fixture.tensor("randn_2x3x4"))
        expectEqual(Tensor.randn([5], generator: g(), dtype: .float64), try fixture.tensor("randn_f64_5"))
        expectEqual(Tensor.randn([100], generator: g(), dtype: .float64), try fixture.tensor("randn_f64_100"))
        expectEqual(Tensor.randn([40], generator: g(), dtype: .float16), try fixture.tensor("randn_f16_40"))
        expectEqual(Tensor.randn([40], generator: g(), dtype: .bfloat16), try fixture.tensor("randn_bf16_40"))
        expectEqual(Tensor.randn([5], generator: g(), dtype: .float16), try fixture.tensor("randn_f16_5"))
        let gen = g()
        let pair =
            Tensor.randn([3], generator: gen, dtype: .float64).toArray(Double.self)
            + Tensor.randn([3], generator: gen, dtype: .float64).toArray(Double.self)
        expectEqual(Tensor(copying: pair, shape: [6]), try fixture.tensor("randn_cached_pair"))
        let transposed = Tensor.empty([5, 4]).asStrided([4, 5], [1, 4])
        transposed.normal_(generator: g())
        expectEqual(transposed.contiguous(), try fixture.tensor("randn_transposed"))
        expectEqual(Tensor.normal(2, 3, [5], generator: g()), try fixture.tensor("normal_scalar_5"))
        expectEqual(Tensor.normal(2, 3, [100], generator: g()), try fixture.tensor("normal_scalar_100"))
        expectEqual(
            Tensor.normal(2, 3, [100], generator: g(), dtype: .float64), try fixture.tensor("normal_scalar_f64_100"))
        expectEqual(
            Tensor.normal(-1.5, 0.25, [7], generator: g(), dtype: .float64), try fixture.tensor("normal_scalar_f64_7"))
        let mean = Tensor(copying: (0..<6).map(Float.init), shape: [2, 3])
        let std = Tensor([0.5, 1.0, 2.0])
        expectEqual(Tensor.normal(mean, std, generator: g()), try fixture.tensor("normal_tensor_tensor"))
        expectEqual(Tensor.normal(mean, 0.5, generator: g()), try fixture.tensor("normal_tensor_float"))
        expectEqual(Tensor.normal(1.0, std, generator: g()), try fixture.tensor("normal_float_tensor"))
        expectClose(
            Tensor.normal(
                Tensor(copying: (0..<40).map { -1 + 2 * Float($0) / 39 }, shape: [40]), Tensor.full([40], 0.3),
                generator: g()),
            try fixture.tensor("normal_tensor_tensor_40"), rtol: 1e-6, atol: 1e-6)
    }

    /// Large outputs, stored as bit-pattern sums: every Box-Muller block must match.
    func expectChecksum(_ actual: Tensor, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let record = try #require(fixture[name] as? [String: Any])
        #expect(actual.numel == record["count"] as? Int, sourceLocation: sourceLocation)
        var low: Int64 = 0, high: Int64 = 0, weighted: Int64 = 0
        let bits: [UInt64] =
            actual.dtype == .float32
            // Python sign-extends
            ? actual.toArray(Float.self).map { UInt64(bitPattern: Int64(Int32(bitPattern: $0.bitPattern))) }
            : actual.toArray(Double.self).map { $0.bitPattern }
        for (i, b) in bits.enumerated() {
            low += Int64(b & 0xFFFF_FFFF)
            high += Int64((b >> 32) & 0xFFFF_FFFF)
            weighted += Int64(b & 0xFFFF) * Int64(i % 1000)
        }
        let sample = try Fixture.decodeTensor(try #require(record["sample"]))
        expectEqual(actual.asStrided([sample.numel], [97]).contiguous(), sample, name, sourceLocation: sourceLocation)
        #expect(low == Int64(record["low"] as? Int ?? -1), "\(name) low", sourceLocation: sourceLocation)
        #expect(high == Int64(record["high"] as? Int ?? -1), "\(name) high", sourceLocation: sourceLocation)
        #expect(weighted == Int64(record["weighted"] as? Int ?? -1), "\(name) weighted", sourceLocation: sourceLocation)
    }

    @Test func largeNormalsMatchBitForBit() throws {
        try expectChecksum(Tensor.randn([200_003], generator: g()), "randn_200003_sum")
        try expectChecksum(Tensor.normal(-2, 3, [50_001], generator: g()), "normal_m2_s3_50001_sum")
        try expectChecksum(Tensor.randn([20_001], generator: g(), dtype: .float64), "randn_f64_20001_sum")
    }

    /// The emulated single-rounding multiply-add against libm's fmaf (a hardware FMA here).
    @Test func emulatedFusedMultiplyAddIsExact() {
        var rng = SystemRandomNumberGenerator()
        var mismatches = 0
        for k in 0..<200_000 {
            let a = Float(bitPattern: UInt32.random(in: 0x3000_0000...0x4F00_0000, using: &rng)) * (k % 2 == 0 ? 1 : -1)
            let b = Float(bitPattern: UInt32.random(in: 0x3000_0000...0x4F00_0000, using: &rng))
            // c near -a*b makes cancellation and midpoints common.
            let c =
                k % 3 == 0
                ? -(a * b) * Float.random(in: 0.999...1.001, using: &rng) : Float.random(in: -4...4, using: &rng)
            let expected = c.addingProduct(a, b)
            if exactFMA(a, b, c) != expected || quickFMA(a, b, c) != expected { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }

    @Test func integers() throws {
        expectEqual(Tensor.randint(0, 10, [5], generator: g()), try fixture.tensor("randint_0_10_5"))
        expectEqual(
            Tensor.randint(-5, 5, [2, 3], generator: g(), dtype: .int32), try fixture.tensor("randint_m5_5_i32"))
        expectEqual(Tensor.randint(7, [8], generator: g()), try fixture.tensor("randint_high_only"))
        expectEqual(Tensor.randint(0, 1 << 40, [4], generator: g()), try fixture.tensor("randint_wide"))
        expectEqual(
            Tensor.randint(-(1 << 31), (1 << 31) - 1, [4], generator: g()), try fixture.tensor("randint_wide_i32_path"))
        expectEqual(Tensor.randint(-5, 5, [6], generator: g(), dtype: .float32), try fixture.tensor("randint_f32"))
        expectEqual(Tensor.randint(0, 256, [6], generator: g(), dtype: .uint8), try fixture.tensor("randint_u8"))
        for n in [1, 2, 10, 100, 1000] {
            expectEqual(Tensor.randperm(n, generator: g()), try fixture.tensor("randperm_\(n)"), "randperm(\(n))")
        }
        expectEqual(Tensor.randperm(10, generator: g(), dtype: .int32), try fixture.tensor("randperm_i32_10"))
        #expect(Tensor.randperm(0, generator: g()).shape == [0])
    }

    @Test func bernoulliAndExponential() throws {
        let p = try fixture.tensor("bernoulli_p")
        expectEqual(p.bernoulli(generator: g()), try fixture.tensor("bernoulli_tensor"))
        expectEqual(p.double().bernoulli(generator: g()), try fixture.tensor("bernoulli_tensor_f64"))
        expectEqual(Tensor.empty([20]).bernoulli_(0.3, generator: g()), try fixture.tensor("bernoulli_scalar"))
        expectEqual(
            Tensor.empty([20], dtype: .int64).bernoulli_(0.7, generator: g()),
            try fixture.tensor("bernoulli_scalar_i64"))
        expectEqual(
            Tensor.empty([3, 4]).bernoulli_(Tensor([0.1, 0.5, 0.9, 1.0]), generator: g()),
            try fixture.tensor("bernoulli_broadcast"))
        expectEqual(Tensor.empty([30]).exponential_(1.5, generator: g()), try fixture.tensor("exponential_f32"))
        expectEqual(
            Tensor.empty([30], dtype: .float64).exponential_(generator: g()), try fixture.tensor("exponential_f64"))
    }

    /// float32 `bernoulli_(p)` (dropout's masks) draws in blocks in C, on the AVX2 body and the plain one:
    /// torch's values and stream position across twists (624 words, 312 elements) and 512-element blocks,
    /// p at 0 and 1, a permuted tensor filled in memory order, and a draw after them.
    @Test func bernoulliBlocksMatchTorch() throws {
        for portable: Int32 in [0, 1] {
            cvk_random_set_portable(portable)
            defer { cvk_random_set_portable(0) }
            let gen = g()
            let parts = [
                Tensor.empty([1000]).bernoulli_(0.7, generator: gen),
                Tensor.empty([333]).bernoulli_(0.25, generator: gen),
                Tensor.empty([7]).bernoulli_(1.0, generator: gen), Tensor.empty([5]).bernoulli_(0.0, generator: gen),
                Tensor.empty([31, 17]).t().bernoulli_(0.5, generator: gen).contiguous().flatten(),
                Tensor.rand([5], generator: gen),
            ]
            expectEqual(Tensor.cat(parts), try fixture.tensor("bernoulli_blocks"), "portable: \(portable)")
        }
    }

    @Test func multinomial() throws {
        let w = try fixture.tensor("multi_w")
        expectEqual(w.multinomial(1, generator: g()), try fixture.tensor("multi_one"))
        expectEqual(w.multinomial(3, generator: g()), try fixture.tensor("multi_three"))
        expectEqual(w.multinomial(5, generator: g()), try fixture.tensor("multi_all"))
        expectEqual(w.multinomial(10, replacement: true, generator: g()), try fixture.tensor("multi_repl_10"))
        let w2 = try fixture.tensor("multi_w2")
        expectEqual(w2.multinomial(8, replacement: true, generator: g()), try fixture.tensor("multi2_repl_8"))
        expectEqual(w2.multinomial(4, generator: g()), try fixture.tensor("multi2_norepl_4"))
        expectEqual(
            w2.double().multinomial(8, replacement: true, generator: g()), try fixture.tensor("multi2_f64_repl_8"))
        expectEqual(w2.double().multinomial(4, generator: g()), try fixture.tensor("multi2_f64_norepl_4"))
        expectEqual(
            Tensor([0.0, 10.0, 3.0, 0.0]).multinomial(4, replacement: true, generator: g()),
            try fixture.tensor("multi_unnormalized"))
    }

    @Test func stateBytesMatchTorchAndRoundTrip() throws {
        let gen = g()
        _ = Tensor.rand([3], generator: gen)
        expectEqual(gen.getState(), try fixture.tensor("state_after_rand3"))
        let normalGen = g()
        _ = Tensor.randn([3], generator: normalGen, dtype: .float64)
        let saved = normalGen.getState()
        expectEqual(saved, try fixture.tensor("state_after_randn3_f64"))
        expectEqual(g(1 << 63 + 12345).getState(), try fixture.tensor("state_seed_big"))
        #expect(g(1 << 63 + 12345).initialSeed == UInt64(1) << 63 + 12345)

        // Restoring replays the same numbers, the cached Box-Muller sample included.
        let a = Tensor.randn([5], generator: normalGen, dtype: .float64)
        let other = Generator(seed: 99)
        other.setState(saved)
        expectEqual(Tensor.randn([5], generator: other, dtype: .float64), a)
        // A torch state loads too.
        let fromTorch = Generator()
        fromTorch.setState(try fixture.tensor("state_after_rand3"))
        let reference = g()
        _ = Tensor.rand([3], generator: reference)
        expectEqual(Tensor.rand([10], generator: fromTorch), Tensor.rand([10], generator: reference))
    }

    @Test func seedAndInitialSeed() {
        let gen = Generator()
        #expect(gen.initialSeed == 67_280_421_310_721)
        let s = gen.seed()
        #expect(gen.initialSeed == s)
        gen.manualSeed(-1)
        #expect(gen.initialSeed == UInt64.max)
    }

    @Test func distributionsLookRight() {
        let gen = g(123)
        let u = Tensor.rand([100_000], generator: gen).toArray(Float.self)
        #expect(u.allSatisfy { $0 >= 0 && $0 < 1 })
        #expect(abs(u.reduce(0, +) / Float(u.count) - 0.5) < 0.01)
        let n = Tensor.randn([100_000], generator: gen, dtype: .float64).toArray(Double.self)
        let mean = n.reduce(0, +) / Double(n.count)
        let variance = n.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n.count - 1)
        #expect(abs(mean) < 0.02 && abs(variance - 1) < 0.02)
        let perm = Tensor.randperm(500, generator: gen).toArray(Int64.self)
        #expect(Set(perm) == Set((0..<500).map(Int64.init)))
    }
}

/// Uses the process-wide default generator, so its tests run one at a time.
@Suite(.serialized) struct GlobalGeneratorTests {
    @Test func manualSeedDrivesTheDefaultGenerator() throws {
        let fixture = try loadFixture("random_sampling")
        manualSeed(0)
        expectEqual(Tensor.rand(3, 3), try fixture.tensor("rand_3x3"))
        manualSeed(0)
        expectEqual(Tensor.randn(100), try fixture.tensor("randn_100"))
        #expect(initialSeed() == 0)
        let state = getRngState()
        let a = Tensor.rand(4)
        setRngState(state)
        expectEqual(Tensor.rand(4), a)
    }

    @Test func defaultGeneratorIsThreadSafe() {
        manualSeed(1)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<50 { _ = Tensor.randn(33) }
        }
        // 8 * 50 calls of 33 normals (3 blocks of 16 uniforms each: 48 draws) all happened, in some order.
        let afterConcurrent = Tensor.rand(5)
        manualSeed(1)
        for _ in 0..<400 { _ = Tensor.randn(33) }
        expectEqual(Tensor.rand(5), afterConcurrent)
    }
}
