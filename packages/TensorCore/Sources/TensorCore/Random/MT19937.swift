import CVectorKernels

/// The 32-bit Mersenne Twister exactly as PyTorch's `at::mt19937` runs it (seeding, `left`/`next`
/// bookkeeping and all), so a seed gives torch's stream and torch's state bytes.
///
/// A value type over state owned by a `Generator`: kernels copy it into a local, draw in a tight loop
/// (no class-property access per number), and store it back before releasing the generator's lock.
package struct MT19937 {
    static let stateSize = 624
    package let state: UnsafeMutablePointer<UInt32>
    /// Numbers left before the next twist, plus one (torch's `left_`: 1 right after seeding).
    package var left: Int
    /// Index of the next word to temper (torch's `next_`).
    package var next: Int

    /// Seeds like `init_with_uint32`: only the low 32 bits of the seed reach the state.
    package static func seed(_ state: UnsafeMutablePointer<UInt32>, _ seed: UInt64) {
        state[0] = UInt32(truncatingIfNeeded: seed)
        for j in 1..<stateSize {
            let previous = state[j - 1]
            state[j] = 1_812_433_253 &* (previous ^ (previous >> 30)) &+ UInt32(j)
        }
    }

    /// Regenerates all 624 words (torch's `next_state`, in C: the block draws of `bernoulli_` share it).
    @inline(never)
    mutating func regenerate() {
        cvk_mt19937_twist(state)
        left = MT19937.stateSize
        next = 0
    }

    /// Next 32 random bits (torch's `random()`).
    @inline(__always)
    package mutating func random() -> UInt32 {
        left -= 1
        if left == 0 { regenerate() }
        var y = state[next]
        next += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    /// 64 random bits from two draws, the first one high (torch's `random64()`).
    @inline(__always)
    package mutating func random64() -> UInt64 {
        let high = UInt64(random())
        let low = UInt64(random())
        return (high << 32) | low
    }
}
