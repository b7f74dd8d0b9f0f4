/// One object header's chunks and message framing (HDF5 spec IV.A.1), from the raw bytes: version 1
/// (a 16-byte prefix, messages 8-byte aligned tiling each chunk exactly, the prefix's message count)
/// or version 2 ("OHDR"/"OCHK" chunks, flags, messages then a gap shorter than a message header,
/// lookup3 checksums). Continuation chunks must lie inside the file and overlap nothing.
struct HDF5HeaderFraming {
    struct Message {
        let type: Int
        let flags: Int
        /// The chunk's bytes and the message body's place in them.
        let chunk: [UInt8]
        let body: Range<Int>
        let number: Int
    }

    let file: String
    let key: String?
    let address: Int
    let source: FileSource
    let superblock: HDF5Superblock
    private var chunks: [Range<Int>] = []  // file offsets, to refuse overlaps (and so loops)

    init(file: String, key: String?, address: Int, source: FileSource, superblock: HDF5Superblock) {
        (self.file, self.key, self.address, self.source, self.superblock) = (file, key, address, source, superblock)
    }

    static let messageNames = [
        "NIL", "dataspace", "link info", "datatype", "old fill value", "fill value", "link",
        "external file list", "layout", "bogus", "group info", "filter pipeline", "attribute",
        "comment", "old modification time", "shared message table", "continuation",
        "symbol table", "modification time", "B-tree K values", "driver info", "attribute info",
        "reference count", "file space info", "cache image",
    ]

    func fail(_ reason: String) -> CheckpointError {
        .malformed(file: file, key: key, reason: "object header at \(address): \(reason)")
    }

    func failure(in message: Message) -> (String) -> CheckpointError {
        let name = message.type < Self.messageNames.count ? Self.messageNames[message.type] : "type \(message.type)"
        return { [self] reason in fail("message \(message.number) (\(name), \(message.body.count) bytes): \(reason)") }
    }

    mutating func frame(maximumChunks: Int) throws(CheckpointError) -> [Message] {
        let first = try bytes(at: address, count: 4, "the header's start")
        let isVersion2 = first == Array("OHDR".utf8)
        guard isVersion2 || first[0] == 1 else { throw fail("neither a version-1 prefix nor an OHDR signature") }
        var messages: [Message] = []
        var pending: [(address: Int, length: Int)] = []
        var expectedCount: Int?
        var creationOrder = false  // version 2: every message header then holds a creation index
        if isVersion2 {
            let prefix = try bytes(at: address, count: 6, "the OHDR prefix")
            let flags = Int(prefix[5])
            guard prefix[4] == 2 else { throw fail("OHDR version \(prefix[4])") }
            guard flags & 0xC0 == 0 else { throw fail("OHDR flags \(flags)") }
            let sizeAt = 6 + (flags & 0x20 != 0 ? 16 : 0) + (flags & 0x10 != 0 ? 4 : 0)
            let width = 1 << (flags & 3)
            let sizeField = try bytes(at: address + sizeAt, count: width, "the chunk size")
            let size = sizeField.reversed().reduce(0) { $0 > Int.max >> 9 ? Int.max : $0 << 8 | Int($1) }
            let start = sizeAt + width
            guard size <= Int.max - start - 4 else { throw fail("chunk 0 of \(size) bytes") }
            creationOrder = flags & 4 != 0
            try readChunk(
                at: address, length: start + size + 4, messagesFrom: start, version2: true,
                creationOrder: creationOrder,
                into: &messages, continuations: &pending)
        } else {
            let prefix = try bytes(at: address, count: 16, "the version-1 prefix")
            expectedCount = Int(prefix[2]) | Int(prefix[3]) << 8
            let size = (8..<12).reduce(0) { $0 | Int(prefix[$1]) << (8 * ($1 - 8)) }
            try readChunk(
                at: address, length: 16 + size, messagesFrom: 16, version2: false, creationOrder: false,
                into: &messages, continuations: &pending)
        }
        while let next = pending.first {
            pending.removeFirst()
            guard chunks.count < maximumChunks else { throw fail("more than \(maximumChunks) continuation chunks") }
            if isVersion2 {
                guard try bytes(at: next.address, count: 4, "a continuation chunk") == Array("OCHK".utf8) else {
                    throw fail("continuation chunk at \(next.address) has no OCHK signature")
                }
            }
            try readChunk(
                at: next.address, length: next.length, messagesFrom: isVersion2 ? 4 : 0, version2: isVersion2,
                creationOrder: creationOrder, into: &messages, continuations: &pending)
        }
        if let expectedCount, expectedCount != messages.count {
            throw fail("its prefix counts \(expectedCount) messages but its chunks hold \(messages.count)")
        }
        return messages
    }

    /// The raw bytes at a file address (relative to the superblock), refused when outside the file.
    private func bytes(at address: Int, count: Int, _ what: String) throws(CheckpointError) -> [UInt8] {
        let (start, overflow) = superblock.base.addingReportingOverflow(address)
        guard !overflow, count >= 0, start <= source.size, count <= source.size - start else {
            throw fail("\(what) (\(count) bytes at \(address)) lies outside the file")
        }
        return try source.bytes(at: start, count: count, what)
    }

    private mutating func readChunk(
        at chunkAddress: Int, length: Int, messagesFrom start: Int, version2: Bool, creationOrder: Bool,
        into messages: inout [Message], continuations: inout [(address: Int, length: Int)]
    ) throws(CheckpointError) {
        let chunk = try bytes(at: chunkAddress, count: length, "chunk at \(chunkAddress)")
        let range = chunkAddress..<(chunkAddress + length)
        guard !chunks.contains(where: { $0.overlaps(range) }) else {
            throw fail("chunk at \(chunkAddress) overlaps another of its chunks")
        }
        chunks.append(range)
        let end = version2 ? length - 4 : length
        guard start <= end else { throw fail("chunk at \(chunkAddress) of \(length) bytes is too short") }
        if version2 {
            let stored = (0..<4).reduce(0) { $0 | UInt32(chunk[end + $1]) << (8 * UInt32($1)) }
            let computed = HDF5Checksum.lookup3(chunk[0..<end])
            guard stored == computed else {
                throw fail("chunk at \(chunkAddress): checksum \(stored) does not match its bytes (\(computed))")
            }
        }
        let headerSize = version2 ? 4 + (creationOrder ? 2 : 0) : 8
        var p = start
        while p < end {
            if version2 && end - p < headerSize { break }  // the gap: too small for another message
            guard end - p >= headerSize else {
                throw fail("chunk at \(chunkAddress): \(end - p) bytes left over after its messages")
            }
            let type = version2 ? Int(chunk[p]) : Int(chunk[p]) | Int(chunk[p + 1]) << 8
            let sizeAt = version2 ? p + 1 : p + 2
            let size = Int(chunk[sizeAt]) | Int(chunk[sizeAt + 1]) << 8
            let flags = Int(chunk[sizeAt + 2])
            let body = (p + headerSize)..<(p + headerSize + size)
            let number = messages.count
            guard body.upperBound <= end else {
                throw fail(
                    "message \(number) (type \(type)) of \(size) bytes runs past the end of its chunk at \(chunkAddress)"
                )
            }
            guard version2 || size % 8 == 0 else {
                throw fail("message \(number) (type \(type)) of \(size) bytes is not 8-byte aligned")
            }
            guard flags & 0x06 != 0x06 else {
                throw fail("message \(number) (type \(type)) is marked both shared and not shareable")
            }
            let message = Message(type: type, flags: flags, chunk: chunk, body: body, number: number)
            if type == 0x10 {
                var fields = HDF5Fields(
                    bytes: chunk, position: body.lowerBound, end: body.upperBound, addressSize: superblock.addressSize,
                    lengthSize: superblock.lengthSize, fail: failure(in: message))
                guard let next = try fields.address("the continuation address") else {
                    throw fail("continuation to an undefined address")
                }
                let nextLength = try fields.length("the continuation length")
                guard nextLength >= (version2 ? 8 : 1) else {
                    throw fail("continuation chunk at \(next) of \(nextLength) bytes")
                }
                continuations.append((next, nextLength))
            }
            messages.append(message)
            p = body.upperBound
        }
    }
}
