/// Writes an uncompressed zip the way torch.save does: every entry's data aligned to 64 bytes by a
/// padding extra field ("FB" + 'Z's), CRC-32 filled in, zip64 records only where sizes or offsets
/// need them.
package final class ZipWriter {
    private struct Written {
        let name: [UInt8]
        let size: Int
        let crc: UInt32
        let offset: Int
    }

    private let out: FileWriter
    private var written: [Written] = []
    static let alignment = 64
    /// Sizes and offsets from here on use zip64 records (tests lower it to exercise them on small files).
    nonisolated(unsafe) package static var zip64Threshold = 0xFFFF_FFFF

    package init(_ out: FileWriter) { self.out = out }

    package func add(_ name: String, bytes: [UInt8]) throws(CheckpointError) {
        try bytes.withUnsafeBytes { raw in
            Result { () throws(CheckpointError) in
                try add(name, raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, count: raw.count)
            }
        }.get()
    }

    package func add(_ name: String, _ pointer: UnsafeRawPointer, count: Int) throws(CheckpointError) {
        let nameBytes = Array(name.utf8)
        let crc = count > 0 ? crc32(pointer, count: count) : 0
        let offset = out.offset
        let zip64 = count >= ZipWriter.zip64Threshold
        var header = LittleEndianBytes()
        header.u32(0x0403_4B50)
        header.u16(zip64 ? 45 : 20)
        header.u16(0)  // flags
        header.u16(0)  // stored
        header.u16(0)
        header.u16(0)  // time, date
        header.u32(crc)
        header.u32(zip64 ? 0xFFFF_FFFF : UInt32(count))
        header.u32(zip64 ? 0xFFFF_FFFF : UInt32(count))
        header.u16(UInt16(nameBytes.count))
        var extra = LittleEndianBytes()
        if zip64 {
            extra.u16(1)
            extra.u16(16)
            extra.u64(UInt64(count))
            extra.u64(UInt64(count))
        }
        let unpadded = offset + 30 + nameBytes.count + extra.bytes.count + 4
        let padding = (ZipWriter.alignment - unpadded % ZipWriter.alignment) % ZipWriter.alignment
        extra.u16(0x4246)  // "FB"
        extra.u16(UInt16(padding))
        extra.bytes += [UInt8](repeating: 0x5A, count: padding)
        header.u16(UInt16(extra.bytes.count))
        try out.write(header.bytes + nameBytes + extra.bytes)
        try out.write(pointer, count: count)
        written.append(Written(name: nameBytes, size: count, crc: crc, offset: offset))
    }

    /// Writes the central directory and end records.
    package func finish() throws(CheckpointError) {
        let directoryOffset = out.offset
        var d = LittleEndianBytes()
        for entry in written {
            let bigSize = entry.size >= ZipWriter.zip64Threshold
            let bigOffset = entry.offset >= ZipWriter.zip64Threshold
            var extra = LittleEndianBytes()
            if bigSize || bigOffset {
                extra.u16(1)
                extra.u16(UInt16((bigSize ? 16 : 0) + (bigOffset ? 8 : 0)))
                if bigSize {
                    extra.u64(UInt64(entry.size))
                    extra.u64(UInt64(entry.size))
                }
                if bigOffset { extra.u64(UInt64(entry.offset)) }
            }
            d.u32(0x0201_4B50)
            d.u16(bigSize || bigOffset ? 45 : 20)
            d.u16(bigSize || bigOffset ? 45 : 20)
            d.u16(0)
            d.u16(0)
            d.u16(0)
            d.u16(0)
            d.u32(entry.crc)
            d.u32(bigSize ? 0xFFFF_FFFF : UInt32(entry.size))
            d.u32(bigSize ? 0xFFFF_FFFF : UInt32(entry.size))
            d.u16(UInt16(entry.name.count))
            d.u16(UInt16(extra.bytes.count))
            d.u16(0)
            d.u16(0)
            d.u16(0)
            d.u32(0)
            d.u32(bigOffset ? 0xFFFF_FFFF : UInt32(entry.offset))
            d.bytes += entry.name
            d.bytes += extra.bytes
        }
        let directorySize = d.bytes.count
        let needs64 =
            written.count >= 0xFFFF || directoryOffset >= ZipWriter.zip64Threshold
            || directorySize >= ZipWriter.zip64Threshold
        if needs64 {
            let recordOffset = directoryOffset + directorySize
            d.u32(0x0606_4B50)
            d.u64(44)
            d.u16(45)
            d.u16(45)
            d.u32(0)
            d.u32(0)
            d.u64(UInt64(written.count))
            d.u64(UInt64(written.count))
            d.u64(UInt64(directorySize))
            d.u64(UInt64(directoryOffset))
            d.u32(0x0706_4B50)
            d.u32(0)
            d.u64(UInt64(recordOffset))
            d.u32(1)
        }
        d.u32(0x0605_4B50)
        d.u16(0)
        d.u16(0)
        d.u16(needs64 ? 0xFFFF : UInt16(written.count))
        d.u16(needs64 ? 0xFFFF : UInt16(written.count))
        d.u32(needs64 ? 0xFFFF_FFFF : UInt32(directorySize))
        d.u32(needs64 ? 0xFFFF_FFFF : UInt32(directoryOffset))
        d.u16(0)
        try out.write(d.bytes)
        try out.flush()
    }
}

/// Appends little-endian integers to a byte array.
package struct LittleEndianBytes {
    package var bytes: [UInt8] = []
    package init() {}
    package mutating func u16(_ v: UInt16) { bytes += [UInt8(v & 0xFF), UInt8(v >> 8)] }
    package mutating func u32(_ v: UInt32) {
        for i in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * UInt32(i)))) }
    }
    package mutating func u64(_ v: UInt64) {
        for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(i)))) }
    }
}
