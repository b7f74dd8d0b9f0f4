/// HDF5's metadata checksum: Bob Jenkins' lookup3 `hashlittle` with seed 0 (public domain), over bytes
/// read as little-endian words, which is what libhdf5 computes on any machine.
enum HDF5Checksum {
    static func lookup3(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var a = 0xDEAD_BEEF &+ UInt32(truncatingIfNeeded: bytes.count)
        var (b, c) = (a, a)
        var p = bytes.startIndex
        func word(_ at: Int) -> UInt32 {  // up to 4 bytes, missing ones zero (the tail's padding)
            var v: UInt32 = 0
            for i in 0..<4 where at + i < bytes.endIndex { v |= UInt32(bytes[at + i]) << (8 * UInt32(i)) }
            return v
        }
        while bytes.endIndex - p > 12 {
            a &+= word(p)
            b &+= word(p + 4)
            c &+= word(p + 8)
            mix(&a, &b, &c)
            p += 12
        }
        guard p < bytes.endIndex else { return c }  // an empty tail is not mixed again
        a &+= word(p)
        b &+= word(p + 4)
        c &+= word(p + 8)
        final(&a, &b, &c)
        return c
    }

    private static func rotate(_ x: UInt32, _ k: UInt32) -> UInt32 { (x << k) | (x >> (32 - k)) }

    private static func mix(_ a: inout UInt32, _ b: inout UInt32, _ c: inout UInt32) {
        a &-= c
        a ^= rotate(c, 4)
        c &+= b
        b &-= a
        b ^= rotate(a, 6)
        a &+= c
        c &-= b
        c ^= rotate(b, 8)
        b &+= a
        a &-= c
        a ^= rotate(c, 16)
        c &+= b
        b &-= a
        b ^= rotate(a, 19)
        a &+= c
        c &-= b
        c ^= rotate(b, 4)
        b &+= a
    }

    private static func final(_ a: inout UInt32, _ b: inout UInt32, _ c: inout UInt32) {
        c ^= b
        c &-= rotate(b, 14)
        a ^= c
        a &-= rotate(c, 11)
        b ^= a
        b &-= rotate(a, 25)
        c ^= b
        c &-= rotate(b, 16)
        a ^= c
        a &-= rotate(c, 4)
        b ^= a
        b &-= rotate(a, 14)
        c ^= b
        c &-= rotate(b, 24)
    }
}
