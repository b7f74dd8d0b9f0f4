import CHDF5

/// zlib's crc32, isolated so only this file sees the C signature.
@inline(__always)
func zlibCRC(_ crc: UInt, _ pointer: UnsafeRawPointer, _ count: Int) -> UInt {
    CHDF5.crc32(crc, pointer.assumingMemoryBound(to: UInt8.self), UInt32(count))
}
