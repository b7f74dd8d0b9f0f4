import Foundation

/// A CPU random number generator with PyTorch's stream (`torch.Generator`): `manualSeed(s)` followed by
/// the same calls gives torch's numbers bit for bit (mt19937 seeded like `CPUGeneratorImpl`).
///
/// Every sampling op holds the generator's lock while it draws, as torch does, so concurrent users of
/// one generator (the global default included) never corrupt it; the order between threads is theirs.
public final class Generator: @unchecked Sendable {
    private let lock = NSLock()
    private let words = UnsafeMutablePointer<UInt32>.allocate(capacity: MT19937.stateSize)
    private var left = 1
    private var next = 0
    private var seedValue: UInt64 = 0
    /// Box-Muller's second sample, kept for the next scalar-path normal draw (torch caches it too).
    package var nextDoubleNormal: Double?
    package var nextFloatNormal: Float?

    /// torch's `default_rng_seed_val`, the seed of a new `torch.Generator()`.
    public static let defaultSeed: UInt64 = 67_280_421_310_721

    /// A generator seeded with `seed` (PyTorch: `torch.Generator().manual_seed(seed)`).
    public init(seed: UInt64 = Generator.defaultSeed) {
        setSeed(seed)
    }

    deinit { words.deallocate() }

    /// The process-wide generator behind every op called without `generator:` (`torch.default_generator`).
    /// Seeded nondeterministically at first use, as `import torch` does.
    public static let `default` = Generator(seed: nondeterministicSeed())

    static func nondeterministicSeed() -> UInt64 {
        var system = SystemRandomNumberGenerator()
        return system.next()
    }

    private func setSeed(_ seed: UInt64) {
        MT19937.seed(words, seed)
        seedValue = seed
        left = 1
        next = 0
        nextDoubleNormal = nil
        nextFloatNormal = nil
    }

    /// Reseeds (`g.manual_seed(seed)`); returns the generator for chaining.
    /// PyTorch: `torch.Generator.manual_seed`.
    @discardableResult
    public func manualSeed(_ seed: UInt64) -> Generator {
        lock.lock()
        defer { lock.unlock() }
        setSeed(seed)
        return self
    }

    /// Python ints are two's complement: `manual_seed(-1)` seeds with 2^64 - 1.
    /// PyTorch: `torch.Generator.manual_seed`.
    @discardableResult
    public func manualSeed(_ seed: Int) -> Generator { manualSeed(UInt64(bitPattern: Int64(seed))) }

    /// Reseeds from a nondeterministic source and returns the new seed (`g.seed()`).
    /// PyTorch: `torch.Generator.seed`.
    @discardableResult
    public func seed() -> UInt64 {
        let value = Generator.nondeterministicSeed()
        manualSeed(value)
        return value
    }

    /// The seed last set (`g.initial_seed()`).
    /// PyTorch: `torch.Generator.initial_seed`.
    public var initialSeed: UInt64 {
        lock.lock()
        defer { lock.unlock() }
        return seedValue
    }

    /// Runs `body` with exclusive use of the engine (torch's `generator->mutex_`).
    @inline(__always)
    package func withEngine<R>(_ body: (inout MT19937) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        var engine = MT19937(state: words, left: left, next: next)
        defer {
            left = engine.left
            next = engine.next
        }
        return try body(&engine)
    }

    /// Like `withEngine`, also handing over the generator for the normal-sample caches.
    @inline(__always)
    package func withLocked<R>(_ body: (inout MT19937, Generator) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        var engine = MT19937(state: words, left: left, next: next)
        defer {
            left = engine.left
            next = engine.next
        }
        return try body(&engine, self)
    }

    // MARK: State (torch's CPUGeneratorImplState layout, 5056 bytes)

    static let stateByteCount = 5056

    /// The full state as a uint8 tensor, byte-compatible with `torch.get_rng_state()` /
    /// `g.get_state()`: it restores here or in PyTorch.
    public func getState() -> Tensor {
        lock.lock()
        defer { lock.unlock() }
        let result = Tensor.zeros([Generator.stateByteCount], dtype: .uint8)
        let raw = result.rawPointer
        raw.storeBytes(of: seedValue.littleEndian, toByteOffset: 0, as: UInt64.self)
        raw.storeBytes(of: Int32(left).littleEndian, toByteOffset: 8, as: Int32.self)
        raw.storeBytes(of: Int32(1).littleEndian, toByteOffset: 12, as: Int32.self)  // seeded
        raw.storeBytes(of: UInt64(next).littleEndian, toByteOffset: 16, as: UInt64.self)
        for j in 0..<MT19937.stateSize {
            raw.storeBytes(of: UInt64(words[j]).littleEndian, toByteOffset: 24 + 8 * j, as: UInt64.self)
        }
        // normal_x (5016) and normal_rho (5032) stay 0; normal_y carries the cached double sample.
        if let cached = nextDoubleNormal {
            raw.storeBytes(of: cached.bitPattern.littleEndian, toByteOffset: 5024, as: UInt64.self)
            raw.storeBytes(of: Int32(1).littleEndian, toByteOffset: 5040, as: Int32.self)
        }
        if let cached = nextFloatNormal {
            raw.storeBytes(of: cached.bitPattern.littleEndian, toByteOffset: 5048, as: UInt32.self)
            raw.storeBytes(of: UInt8(1), toByteOffset: 5052, as: UInt8.self)
        }
        return result
    }

    /// Checks a state as `setState` does, throwing torch's message instead of stopping the program: for
    /// states read from files, validated before anything else is restored. Changes nothing.
    public static func validateState(_ state: Tensor) throws(RNGStateError) {
        guard state.dtype == .uint8 else { throw RNGStateError("RNG state must be a torch.ByteTensor") }
        guard state.numel == Generator.stateByteCount else {
            throw RNGStateError(
                "Expected a CPUGeneratorImplState of size \(Generator.stateByteCount) but found the input RNG state size to be \(state.numel)"
            )
        }
        let bytes = state.contiguous()
        let raw = UnsafeRawPointer(bytes.rawPointer)
        let seeded = Int32(littleEndian: raw.loadUnaligned(fromByteOffset: 12, as: Int32.self))
        let left = Int32(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: Int32.self))
        let next = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
        withExtendedLifetime(bytes) {}
        // torch's mt19937 validity check: a seeded engine with left/next inside the state.
        guard seeded != 0, left > 0, left <= MT19937.stateSize, next <= MT19937.stateSize else {
            throw RNGStateError("Invalid mt19937 state")
        }
    }

    /// Restores a state from `getState()` or from PyTorch (`g.set_state(state)`); stops the program on
    /// an invalid one, as torch raises (`validateState` first for states from outside the program).
    public func setState(_ state: Tensor) {
        do { try Generator.validateState(state) } catch { torchFail(error.message) }
        let bytes = state.contiguous()
        let raw = UnsafeRawPointer(bytes.rawPointer)
        func load<T: FixedWidthInteger>(_ offset: Int, _: T.Type) -> T {
            T(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: T.self))
        }
        let newLeft = Int(load(8, Int32.self))
        let newNext = Int(load(16, UInt64.self))
        lock.lock()
        defer { lock.unlock() }
        seedValue = load(0, UInt64.self)
        left = newLeft
        next = newNext
        for j in 0..<MT19937.stateSize {
            words[j] = UInt32(truncatingIfNeeded: load(24 + 8 * j, UInt64.self))
        }
        nextDoubleNormal = load(5040, Int32.self) != 0 ? Double(bitPattern: load(5024, UInt64.self)) : nil
        nextFloatNormal =
            raw.load(fromByteOffset: 5052, as: UInt8.self) != 0 ? Float(bitPattern: load(5048, UInt32.self)) : nil
    }
}

/// An RNG state that torch's `set_state` would reject, with torch's message.
public struct RNGStateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// PyTorch's error text, word for word.
    public let message: String
    /// An error carrying PyTorch's message for the rejected state.
    public init(_ message: String) { self.message = message }
    /// The message, as `str()` of PyTorch's `RuntimeError` gives it.
    public var description: String { message }
}

// MARK: torch-level functions on the default generator

/// `torch.manual_seed(seed)`: reseeds the default generator and returns it.
@discardableResult
public func manualSeed(_ seed: UInt64) -> Generator { Generator.default.manualSeed(seed) }

/// `torch.manual_seed` with a Python int: negative seeds wrap as two's complement.
@discardableResult
public func manualSeed(_ seed: Int) -> Generator { Generator.default.manualSeed(seed) }

/// The guide's `set_seed(seed)` (random.seed, np.random.seed, torch.manual_seed): here every random number
/// the library draws — tensors, initialization, dropout, data-loader shuffling and worker seeds — comes from
/// the default generator, so seeding it seeds them all. Pair it with `useDeterministicAlgorithms(true)` for
/// the same bits on any thread count.
public func setSeed(_ seed: Int = 42) { manualSeed(seed) }

/// `torch.seed()`: reseeds the default generator nondeterministically and returns the seed.
@discardableResult
public func seed() -> UInt64 { Generator.default.seed() }

/// `torch.initial_seed()`.
public func initialSeed() -> UInt64 { Generator.default.initialSeed }

/// `torch.get_rng_state()` / `torch.set_rng_state(state)`.
public func getRngState() -> Tensor { Generator.default.getState() }
/// PyTorch: `torch.set_rng_state`.
public func setRngState(_ state: Tensor) { Generator.default.setState(state) }
