/// Reads the central directory of an uncompressed ("stored") zip archive, the container of
/// torch.save's format. Zip64 sizes and offsets are understood; compression is refused.
package struct ZipArchive {
    package struct Entry {
        package let name: String
        package let size: Int
        package let crc: UInt32
        package let localHeaderOffset: Int
    }

    package let source: any ByteSource
    package private(set) var entries: [String: Entry] = [:]
    package private(set) var names: [String] = []

    package init(_ source: any ByteSource) throws(CheckpointError) {
        self.source = source
        let file = source.name
        guard source.size >= 22 else {
            throw .badMagic(file: file, expected: "a zip archive (file is \(source.size) bytes)")
        }
        // The end-of-central-directory record sits in the last 22 + up to 65535 comment bytes.
        let tailCount = Swift.min(source.size, 22 + 65535)
        let tail = try source.bytes(at: source.size - tailCount, count: tailCount, "zip end record")
        var eocd = -1
        var i = tailCount - 22
        while i >= 0 {
            if tail[i] == 0x50 && tail[i + 1] == 0x4B && tail[i + 2] == 0x05 && tail[i + 3] == 0x06 {
                eocd = i
                break
            }
            i -= 1
        }
        guard eocd >= 0 else {
            throw .badMagic(file: file, expected: "a zip archive (no end-of-central-directory record)")
        }
        var end = ByteCursor(tail, file: file, what: "zip end record", position: eocd + 4)
        try end.skip(6)
        var count = try end.u16()
        var directorySize = try end.u32()
        var directoryOffset = try end.u32()
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            // Zip64: a locator 20 bytes before the end record points at the zip64 end record.
            let locatorAt = source.size - tailCount + eocd - 20
            var locator = ByteCursor(
                try source.bytes(at: locatorAt, count: 20, "zip64 locator"), file: file, what: "zip64 locator")
            guard try locator.u32() == 0x0706_4B50 else {
                throw .malformed(file: file, key: nil, reason: "zip64 locator signature missing")
            }
            try locator.skip(4)
            let recordAt = try locator.u64()
            var record = ByteCursor(
                try source.bytes(at: recordAt, count: 56, "zip64 end record"), file: file, what: "zip64 end record")
            guard try record.u32() == 0x0606_4B50 else {
                throw .malformed(file: file, key: nil, reason: "zip64 end record signature missing")
            }
            try record.skip(28)
            count = try record.u64()
            directorySize = try record.u64()
            directoryOffset = try record.u64()
        }
        guard count <= directorySize / 46 + 1 else {
            throw .malformed(
                file: file, key: nil, reason: "zip claims \(count) entries in a \(directorySize)-byte directory")
        }
        var directory = ByteCursor(
            try source.bytes(at: directoryOffset, count: directorySize, "zip central directory"),
            file: file, what: "zip central directory")
        for _ in 0..<count { try readEntry(&directory) }
    }

    private mutating func readEntry(_ d: inout ByteCursor) throws(CheckpointError) {
        let file = source.name
        guard try d.u32() == 0x0201_4B50 else {
            throw .malformed(file: file, key: nil, reason: "bad central directory entry signature")
        }
        try d.skip(6)
        let method = try d.u16()
        try d.skip(4)
        let crc = UInt32(try d.u32())
        var compressed = try d.u32()
        var size = try d.u32()
        let nameLength = try d.u16()
        let extraLength = try d.u16()
        let commentLength = try d.u16()
        try d.skip(8)
        var offset = try d.u32()
        guard let name = String(validating: try d.take(nameLength), as: UTF8.self) else {
            throw .malformed(file: file, key: nil, reason: "zip entry name is not UTF-8")
        }
        var extra = ByteCursor(Array(try d.take(extraLength)), file: file, what: "zip extra field of \(name)")
        try d.skip(commentLength)
        while extra.remaining >= 4 {
            let id = try extra.u16()
            let length = try extra.u16()
            var field = ByteCursor(Array(try extra.take(length)), file: file, what: "zip64 field of \(name)")
            if id == 1 {
                if size == 0xFFFF_FFFF { size = try field.u64() }
                if compressed == 0xFFFF_FFFF { compressed = try field.u64() }
                if offset == 0xFFFF_FFFF { offset = try field.u64() }
            }
        }
        guard method == 0, compressed == size else {
            throw .unsupported(
                file: file, key: name,
                what: "compressed zip entry (method \(method)); torch.save stores entries uncompressed")
        }
        guard entries[name] == nil else { throw .duplicateKey(file: file, key: name) }
        entries[name] = Entry(name: name, size: size, crc: crc, localHeaderOffset: offset)
        names.append(name)
    }

    /// Where an entry's bytes start, after its local header; checks that they lie inside the file.
    package func dataOffset(of entry: Entry) throws(CheckpointError) -> Int {
        let file = source.name
        var header = ByteCursor(
            try source.bytes(at: entry.localHeaderOffset, count: 30, "local header of \(entry.name)"), file: file,
            what: "local header of \(entry.name)")
        guard try header.u32() == 0x0403_4B50 else {
            throw .malformed(file: file, key: entry.name, reason: "bad local header signature")
        }
        try header.skip(22)
        let nameLength = try header.u16()
        let extraLength = try header.u16()
        let start = entry.localHeaderOffset + 30 + nameLength + extraLength
        try source.checkRange(start, entry.size, "data of \(entry.name)")
        return start
    }

    /// Reads an entry into `destination` (exactly `entry.size` bytes) and verifies its CRC.
    package func read(_ entry: Entry, into destination: UnsafeMutableRawPointer) throws(CheckpointError) {
        try read(entry, from: try dataOffset(of: entry), into: destination)
    }

    /// As `read(_:into:)` with the data offset already checked (allocate only after checking).
    package func read(_ entry: Entry, from start: Int, into destination: UnsafeMutableRawPointer)
        throws(CheckpointError)
    {
        // Read and checksum in 512 KB steps so the CRC runs over cache-hot bytes (one pass over RAM).
        let step = 512 << 10
        var crc: UInt = 0
        var done = 0
        while done < entry.size {
            let n = Swift.min(step, entry.size - done)
            try source.read(at: start + done, count: n, into: destination + done)
            crc = zlibCRC(crc, destination + done, n)
            done += n
        }
        guard UInt32(truncatingIfNeeded: crc) == entry.crc else {
            throw .malformed(file: source.name, key: entry.name, reason: "CRC-32 mismatch: the entry is corrupted")
        }
    }

    package func readBytes(_ entry: Entry) throws(CheckpointError) -> [UInt8] {
        let start = try dataOffset(of: entry)
        var bytes = [UInt8](repeating: 0, count: entry.size)
        if entry.size > 0 {
            try bytes.withUnsafeMutableBytes { raw in
                Result { () throws(CheckpointError) in try read(entry, from: start, into: raw.baseAddress!) }
            }.get()
        }
        return bytes
    }
}
