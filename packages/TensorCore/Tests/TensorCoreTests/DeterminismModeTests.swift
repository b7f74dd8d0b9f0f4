import Testing

@testable import TensorCore

/// `useDeterministicAlgorithms`: torch's flags, torch's fill of uninitialized memory (values printed by torch
/// 2.15 with the mode on: NaN, the integer maximum, True), and reductions and products that give the same
/// bits on one thread and on two (the training-step version is LayersTests' DeterminismTests).
@Suite(.serialized) struct DeterminismModeTests {
    @Test func flagsAndUninitializedMemory() {
        #expect(!areDeterministicAlgorithmsEnabled() && !isDeterministicAlgorithmsWarnOnlyEnabled())
        useDeterministicAlgorithms(true, warnOnly: true)
        defer { useDeterministicAlgorithms(false) }
        #expect(areDeterministicAlgorithmsEnabled() && isDeterministicAlgorithmsWarnOnlyEnabled())
        #expect(Tensor.empty(3).isnan().all().item(Bool.self))
        #expect(Tensor.empty([3], dtype: .bfloat16).isnan().all().item(Bool.self))
        #expect(Tensor.empty([2], dtype: .int64).toArray(Int64.self) == [Int64.max, Int64.max])
        #expect(Tensor.empty([2], dtype: .uint8).toArray(UInt8.self) == [255, 255])
        #expect(Tensor.empty([2], dtype: .int8).toArray(Int8.self) == [127, 127])
        #expect(Tensor.empty([2], dtype: .bool).toArray(Bool.self) == [true, true])
        #expect(Tensor.emptyLike(Tensor.ones(2)).isnan().all().item(Bool.self))
        #expect(Tensor.zeros(2).toArray(Float.self) == [0, 0] && Tensor.ones(2).toArray(Float.self) == [1, 1])
        Determinism.fillUninitializedMemory = false
        defer { Determinism.fillUninitializedMemory = true }
        #expect(!Determinism.fillsEmpty)
    }

    @Test func setSeedSeedsTheDefaultGenerator() {
        setSeed(42)
        let a = Tensor.randn(5)
        manualSeed(42)
        #expect(a.equal(Tensor.randn(5)))
    }

    /// Sums split across threads and OpenBLAS's threaded GEMM add in thread-dependent order by default;
    /// in deterministic mode their bits do not depend on the thread count.
    @Test func sameBitsOnOneThreadAndTwo() {
        manualSeed(0)
        let big = Tensor.randn(1 << 20), x = Tensor.randn(64, 784), w = Tensor.randn(784, 256),
            tall = Tensor.randn(4096, 64)
        useDeterministicAlgorithms(true)
        let saved = getNumThreads()
        defer {
            useDeterministicAlgorithms(false)
            setNumThreads(saved)
        }
        func onBoth(_ f: () -> Tensor) -> Bool {
            setNumThreads(1)
            let one = f()
            setNumThreads(2)
            return one.equal(f())
        }
        #expect(onBoth { big.sum() })
        #expect(onBoth { tall.sum(dim: 0) })
        #expect(onBoth { Linalg.vectorNorm(big) })
        #expect(onBoth { x.matmul(w) })
        #expect(onBoth { Tensor.linspace(0, 1, 1 << 18) })
    }
}
