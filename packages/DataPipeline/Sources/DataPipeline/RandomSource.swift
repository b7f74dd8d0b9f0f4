import Foundation

/// Where samplers, `randomSplit` and random transforms draw their randomness from.
///
/// The derived draws (`randperm`, `randint`, `uniform`) follow PyTorch's CPU kernels bit for bit given the
/// same 32/64-bit stream (randperm: Fisher–Yates with `random() % (n - i)`; randint: `random() % range`;
/// float uniform: 24 bits of `random()`, double uniform: 53 bits of `random64()`). `DataGenerator` below is
/// an mt19937 seeded like `torch.Generator().manual_seed(s)`; TensorCore's Generator can adopt this
/// protocol to replace it.
public protocol RandomSource: AnyObject, Sendable {
    /// One 32-bit output (`CPUGeneratorImpl::random`).
    func random32() -> UInt32
    /// Two 32-bit outputs, first one high (`CPUGeneratorImpl::random64`).
    func random64() -> UInt64
    /// Runs `body` holding the source's lock, so a multi-draw op is not interleaved with other threads.
    func withLock<R>(_ body: () throws -> R) rethrows -> R
}

extension RandomSource {
    /// `torch.randperm(n, generator=g).tolist()`.
    public func randperm(_ n: Int) -> [Int] {
        var result = Array(0..<n)
        withLock {
            if n > 1 {
                for i in 0..<(n - 1) {
                    let z = Int(UInt64(random32()) % UInt64(n - i))
                    result.swapAt(i, z + i)
                }
            }
        }
        return result
    }

    /// One draw of `torch.randint(low, high, (1,), generator=g)`.
    public func randint(_ low: Int, _ high: Int) -> Int {
        precondition(high > low, "random_ expects 'from' to be less than 'to'")
        let range = UInt64(high - low)
        if range >= 1 << 32 { return low + Int(random64() % range) }
        return low + Int(UInt64(random32()) % range)
    }

    /// `torch.rand(1).item()` (float32): 24 random bits.
    public func uniformFloat(_ from: Float = 0, _ to: Float = 1) -> Float {
        let x = Float(random32() & ((1 << 24) - 1)) * Float(1.0 / 16_777_216.0)
        return x * (to - from) + from
    }

    /// `torch.empty(1, dtype=float64).uniform_(from, to)`: 53 random bits.
    public func uniformDouble(_ from: Double = 0, _ to: Double = 1) -> Double {
        let x = Double(random64() & ((1 << 53) - 1)) * (1.0 / 9_007_199_254_740_992.0)
        return x * (to - from) + from
    }

    /// `torch.empty((), dtype=torch.int64).random_(generator=g)`: a non-negative 63-bit seed.
    public func randomSeed() -> UInt64 { random64() % (UInt64(Int64.max) + 1) }
}

/// A seedable mt19937, seeded like `torch.Generator().manual_seed(seed)` (the low 32 bits), thread-safe.
public final class DataGenerator: RandomSource, @unchecked Sendable {
    private var state = [UInt32](repeating: 0, count: 624)
    private var next = 0
    private let lock = NSRecursiveLock()
    public private(set) var initialSeed: UInt64 = 5489

    public init(seed: UInt64 = 5489) { manualSeed(seed) }

    /// `g.manual_seed(seed)`; returns self for chaining.
    @discardableResult
    public func manualSeed(_ seed: UInt64) -> DataGenerator {
        lock.lock()
        defer { lock.unlock() }
        initialSeed = seed
        state[0] = UInt32(truncatingIfNeeded: seed)
        for j in 1..<624 {
            state[j] = 1_812_433_253 &* (state[j - 1] ^ (state[j - 1] >> 30)) &+ UInt32(j)
        }
        next = 624
        return self
    }

    public func withLock<R>(_ body: () throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    public func random32() -> UInt32 {
        lock.lock()
        defer { lock.unlock() }
        if next >= 624 { twist() }
        var y = state[next]
        next += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    public func random64() -> UInt64 {
        withLock {
            let hi = UInt64(random32())
            return (hi << 32) | UInt64(random32())
        }
    }

    private func twist() {
        for i in 0..<624 {
            let y = (state[i] & 0x8000_0000) | (state[(i + 1) % 624] & 0x7FFF_FFFF)
            var v = state[(i + 397) % 624] ^ (y >> 1)
            if y & 1 != 0 { v ^= 0x9908_B0DF }
            state[i] = v
        }
        next = 0
    }
}

/// The generator random transforms use when none is given: a worker's own (seeded `baseSeed + workerId`
/// like PyTorch's worker processes) inside DataLoader workers, else the process-wide default.
public enum DataRandom {
    /// Process-wide default (`torch.manual_seed` analogue for data-side randomness).
    public static let defaultGenerator = DataGenerator(seed: 67_280_421_310_721)

    public static func manualSeed(_ seed: UInt64) { defaultGenerator.manualSeed(seed) }

    /// The calling thread's generator: a `withGenerator` override, else the worker's, else the default.
    public static var current: RandomSource {
        ThreadOverride.current ?? WorkerContext.current?.generator ?? defaultGenerator
    }

    /// Runs `body` with `generator` as this thread's `current` (like `torch.random.fork_rng` + seeding,
    /// without touching the process-wide default). Worker threads started inside keep their own.
    public static func withGenerator<R>(_ generator: RandomSource, _ body: () throws -> R) rethrows -> R {
        let previous = ThreadOverride.current
        ThreadOverride.set(generator)
        defer { ThreadOverride.set(previous) }
        return try body()
    }
}

/// Per-thread generator override for `DataRandom.withGenerator`.
enum ThreadOverride {
    nonisolated(unsafe) private static var key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    static var current: RandomSource? {
        guard let raw = pthread_getspecific(key) else { return nil }
        return (Unmanaged<AnyObject>.fromOpaque(raw).takeUnretainedValue() as! RandomSource)
    }

    static func set(_ generator: RandomSource?) {
        if let old = pthread_getspecific(key) { Unmanaged<AnyObject>.fromOpaque(old).release() }
        pthread_setspecific(key, generator.map { Unmanaged.passRetained($0 as AnyObject).toOpaque() })
    }
}
