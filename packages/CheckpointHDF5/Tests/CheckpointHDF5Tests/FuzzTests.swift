import Foundation
import Testing

@testable import CheckpointHDF5
@testable import TensorCore

/// Deterministic mutation fuzzing of the .pt and safetensors readers over the committed fixtures:
/// every mutated input must load or throw a `CheckpointError` — a crash fails the whole test run.
@Suite struct FuzzTests {
    /// SplitMix64: a fixed seed gives the same cases on every machine.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }
    }

    static let interesting: [UInt8] = [0, 1, 0x7F, 0x80, 0xFF, 0x28, 0x2E, 0x4A, 0x58, 0x71, 0x52]

    static func mutate(_ input: [UInt8], _ rng: inout Random) -> [UInt8] {
        var b = input
        for _ in 0...rng.below(3) {
            guard !b.isEmpty else { return b }
            switch rng.below(7) {
            case 0: b[rng.below(b.count)] ^= UInt8(1 << rng.below(8))
            case 1: b[rng.below(b.count)] = interesting[rng.below(interesting.count)]
            case 2:  // a 32-bit little-endian extreme (lengths, offsets, counts)
                let at = rng.below(b.count)
                let v: UInt32 = [0xFFFF_FFFF, 0x7FFF_FFFF, 0, 0x8000_0000, UInt32(b.count), 0xFFFF][rng.below(6)]
                for i in 0..<4 where at + i < b.count { b[at + i] = UInt8(truncatingIfNeeded: v >> (8 * UInt32(i))) }
            case 3: b = Array(b.prefix(rng.below(b.count)))
            case 4:
                let start = rng.below(b.count)
                b.removeSubrange(start..<min(b.count, start + 1 + rng.below(16)))
            case 5:
                let start = rng.below(b.count)
                b.insert(contentsOf: b[start..<min(b.count, start + 1 + rng.below(16))], at: rng.below(b.count))
            default: b.insert(interesting[rng.below(interesting.count)], at: rng.below(b.count))
            }
        }
        return b
    }

    /// Mutates data.pkl itself (past the CRC check) and runs it with the archive's real storages.
    @Test func pickleReaderSurvivesMutations() throws {
        var rng = Random(state: 1)
        var thrown = 0
        let cases = 42_000
        let fixtures = ["every_dtype.pt", "checkpoint_ep50.pt", "checkpoint_ep50_protocol4.pt"]
        for fixture in fixtures {
            let zip = try ZipArchive(MemorySource(try Fixtures.bytes(fixture), name: fixture))
            let prefix = String(zip.names[0].prefix { $0 != "/" }) + "/"
            let pickle = try zip.readBytes(zip.entries[prefix + "data.pkl"]!)
            for _ in 0..<(cases / fixtures.count) {
                do {
                    _ = try TorchFormat.unpickle(
                        Self.mutate(pickle, &rng), zip: zip, prefix: prefix, mapLocation: nil, dtype: nil)
                } catch {
                    thrown += 1
                }
            }
        }
        #expect(thrown > cases / 4)  // most mutations must actually be rejected
    }

    /// Mutates the whole file: zip directory, headers, CRCs, sizes.
    @Test func zipReaderSurvivesMutations() throws {
        var rng = Random(state: 2)
        var thrown = 0
        let cases = 30_000
        for fixture in ["checkpoint_ep50.pt", "every_dtype.pt"] {
            let original = try Fixtures.bytes(fixture)
            for _ in 0..<(cases / 2) {
                do { _ = try TorchFormat.load(MemorySource(Self.mutate(original, &rng), name: fixture)) } catch {
                    thrown += 1
                }
            }
        }
        #expect(thrown > cases / 4)
    }

    /// The legacy format has no CRCs: every mutation reaches the pickles or the storage counts.
    @Test func legacyReaderSurvivesMutations() throws {
        var rng = Random(state: 4)
        var thrown = 0
        let cases = 20_000
        for fixture in ["checkpoint_ep50_legacy.pt", "every_dtype_legacy.pt"] {
            let original = try Fixtures.bytes(fixture)
            for _ in 0..<(cases / 2) {
                do { _ = try TorchFormat.load(MemorySource(Self.mutate(original, &rng), name: fixture)) } catch {
                    thrown += 1
                }
            }
        }
        #expect(thrown > cases / 4)
    }

    @Test func safetensorsReaderSurvivesMutations() throws {
        var rng = Random(state: 3)
        var thrown = 0
        let cases = 30_000
        let original = try Fixtures.bytes("every_dtype.safetensors")
        for _ in 0..<cases {
            do { _ = try SafeTensors.load(MemorySource(Self.mutate(original, &rng), name: "fuzz.safetensors")) } catch {
                thrown += 1
            }
        }
        #expect(thrown > cases / 4)
    }
}
