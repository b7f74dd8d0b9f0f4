import Foundation
import TensorCore

/// Where samplers, `randomSplit` and random transforms draw their randomness from: the draws PyTorch's
/// data code makes, each as the torch call it stands for.
///
/// TensorCore's `Generator` is the one conforming type, so data-side randomness shares torch's global
/// stream: `manualSeed(s)` seeds it for DataLoader shuffling, `randomSplit` and transforms, as
/// `torch.manual_seed(s)` does in PyTorch. Each call locks the generator on its own, as torch's ops do;
/// several draws by one transform are not made atomic (PyTorch does not either).
public protocol RandomSource: AnyObject, Sendable {
    /// `torch.randperm(n, generator=g).tolist()`.
    func randperm(_ n: Int) -> [Int]
    /// `torch.randint(low, high, (count,), generator=g).tolist()`.
    func randint(_ low: Int, _ high: Int, count: Int) -> [Int]
    /// `torch.empty(1).uniform_(from, to, generator=g).item()` (float32).
    func uniformFloat(_ from: Float, _ to: Float) -> Float
    /// `torch.multinomial(torch.as_tensor(weights, dtype=torch.double), numSamples, replacement, generator=g).tolist()`.
    func multinomial(_ weights: [Double], numSamples: Int, replacement: Bool) -> [Int]
    /// `torch.empty((), dtype=torch.int64).random_(generator=g).item()`: a non-negative 63-bit seed.
    func randomSeed() -> UInt64
}

extension RandomSource {
    /// One draw of `torch.randint(low, high, (1,), generator=g)`.
    public func randint(_ low: Int, _ high: Int) -> Int { randint(low, high, count: 1)[0] }

    /// `torch.rand(1, generator=g).item()`.
    public func uniformFloat() -> Float { uniformFloat(0, 1) }
}

/// Every draw is the TensorCore op on a small tensor, so there is one implementation of torch's streams.
extension Generator: RandomSource {
    /// PyTorch: `torch.randperm(n, generator=g).tolist()`, by TensorCore's `Tensor.randperm`.
    public func randperm(_ n: Int) -> [Int] {
        Tensor.randperm(n, generator: self).toArray(Int64.self).map { Int($0) }
    }

    /// PyTorch: `torch.randint(low, high, (count,), generator=g).tolist()`, by TensorCore's `Tensor.randint`.
    public func randint(_ low: Int, _ high: Int, count: Int) -> [Int] {
        Tensor.randint(low, high, [count], generator: self).toArray(Int64.self).map { Int($0) }
    }

    /// PyTorch: `torch.empty(1).uniform_(from, to, generator=g).item()`, by TensorCore's `uniform_`.
    public func uniformFloat(_ from: Float, _ to: Float) -> Float {
        Tensor.empty([1], dtype: .float32).uniform_(Double(from), Double(to), generator: self).item(Float.self)
    }

    /// PyTorch: `torch.multinomial(weights, numSamples, replacement, generator=g).tolist()` on float64 weights.
    public func multinomial(_ weights: [Double], numSamples: Int, replacement: Bool) -> [Int] {
        Tensor(copying: weights, shape: [weights.count])
            .multinomial(numSamples, replacement: replacement, generator: self)
            .toArray(Int64.self).map { Int($0) }
    }

    /// `random_()` on int64 keeps 64 bits modulo 2^63; TensorCore has no argument-less `random_`, so this
    /// one draw goes to the engine directly.
    /// PyTorch: `torch.empty((), dtype=torch.int64).random_(generator=g).item()`.
    public func randomSeed() -> UInt64 {
        withEngine { $0.random64() } % (UInt64(Int64.max) + 1)
    }
}

/// The generator random transforms use when none is given: a worker's own (seeded `baseSeed + workerId`
/// like PyTorch's worker processes) inside DataLoader workers, else TensorCore's `Generator.default`
/// (what `manualSeed(_:)` seeds).
public enum DataRandom {
    /// The calling thread's generator: a `withGenerator` override, else the worker's, else the default.
    /// No PyTorch counterpart: torch draws from its default generator, which each worker process reseeds.
    public static var current: RandomSource {
        ThreadOverride.current ?? WorkerContext.current?.generator ?? Generator.default
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
