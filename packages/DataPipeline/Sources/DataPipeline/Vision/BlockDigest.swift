/// What MD5 and SHA-256 share: bytes are buffered into 64-byte blocks for `block`, and the message ends
/// with 0x80, zeros, and its length in bits (little-endian for MD5, big-endian for SHA-256).
protocol BlockDigest {
    var buffer: [UInt8] { get set }
    var length: UInt64 { get set }
    mutating func block(_ p: UnsafeRawPointer)
}

extension BlockDigest {
    mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        length &+= UInt64(bytes.count)
        // Taken out of `self` so that `block` may mutate the state while the bytes are borrowed.
        var pending = buffer
        buffer = []
        pending.append(contentsOf: bytes)
        var offset = 0
        pending.withUnsafeBufferPointer { p in
            while p.count - offset >= 64 {
                block(UnsafeRawPointer(p.baseAddress! + offset))
                offset += 64
            }
        }
        buffer = Array(pending[offset...])
    }

    /// Processes the padding; the state then holds the digest.
    mutating func finish(bigEndianLength: Bool) {
        let bits = length &* 8
        var tail: [UInt8] = [0x80]
        while (buffer.count + tail.count) % 64 != 56 { tail.append(0) }
        for i in 0..<8 {
            let shift = bigEndianLength ? 8 * UInt64(7 - i) : 8 * UInt64(i)
            tail.append(UInt8(truncatingIfNeeded: bits >> shift))
        }
        update(tail)
    }
}

/// Lowercase hex of `bytes`.
func hexString(_ bytes: [UInt8]) -> String {
    bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
}
