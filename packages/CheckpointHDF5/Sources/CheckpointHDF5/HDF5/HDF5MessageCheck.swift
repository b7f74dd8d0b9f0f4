/// The body of each object-header message libhdf5 1.10 decodes, checked against the message's size
/// (HDF5 spec IV.A.2): every count, name and nested part must end inside the message, because the
/// decoders read on (strdup, memcpy of a computed size) without looking at where it ends.
struct HDF5MessageCheck {
    /// The committed header a shared message names: libhdf5 reads the message from there instead.
    let sharedTarget: (Int) throws(CheckpointError) -> HDF5HeaderSummary
    /// Whether the superblock extension has a shared-message table (else no message lives in its heap).
    let hasSharedTable: Bool

    static let shareableTypes: Set<Int> = [0x01, 0x03, 0x05, 0x0B, 0x0C]

    /// Checks one message; returns the size of its datatype's values when it is a datatype message.
    func check(type: Int, shared: Bool, _ fields: inout HDF5Fields) throws(CheckpointError) -> Int? {
        if shared {
            guard Self.shareableTypes.contains(type) else {
                throw fields.fail("message type \(type) is marked shared but cannot be")
            }
            return try checkShared(type: type, &fields)
        }
        switch type {
        case 0x00: break  // NIL: free space
        case 0x01: _ = try Self.dataspaceElements(&fields)
        case 0x02: try Self.checkIndexInfo(&fields, optional: [8, fields.addressSize], what: "link info")
        case 0x03: return try HDF5DatatypeCheck.check(&fields)
        case 0x04: try fields.skip(try fields.int(4, "the fill value size"), "the fill value")
        case 0x05: try Self.checkFillValue(&fields)
        case 0x06: try Self.checkLink(&fields)
        case 0x07: try Self.checkExternalFiles(&fields)
        case 0x08: try HDF5LayoutCheck.check(&fields)
        case 0x0A: try Self.checkGroupInfo(&fields)
        case 0x0B: try Self.checkFilters(&fields)
        case 0x0C: try checkAttribute(&fields)
        case 0x0D: _ = try fields.terminatedName(within: fields.remaining, "the comment")
        case 0x0E: try fields.skip(14, "the modification time")
        case 0x0F:
            try Self.version(&fields, 0, "shared message table")
            try fields.skip(fields.addressSize + 1, "the table")
        case 0x10: try fields.skip(fields.addressSize + fields.lengthSize, "the continuation")
        case 0x11: try fields.skip(2 * fields.addressSize, "the symbol table addresses")
        case 0x12:
            try Self.version(&fields, 1, "modification time")
            try fields.skip(7, "the time")
        case 0x13:
            try Self.version(&fields, 0, "B-tree 'K' values")
            try fields.skip(6, "the K values")
        case 0x14:
            try Self.version(&fields, 0, "driver info")
            try fields.skip(8, "the driver id")
            try fields.skip(try fields.int(2, "the driver info size"), "the driver info")
        case 0x15: try Self.checkIndexInfo(&fields, optional: [2, fields.addressSize], what: "attribute info")
        case 0x16:
            try Self.version(&fields, 0, "reference count")
            try fields.skip(4, "the count")
        case 0x17: try Self.checkFileSpaceInfo(&fields)
        case 0x18:
            try Self.version(&fields, 0, "cache image")
            try fields.skip(fields.addressSize + fields.lengthSize, "the cache image")
        case 0x09, 0x19: throw fields.fail("message type \(type) is never stored in a file")
        default: break  // from a later library: kept raw, never decoded
        }
        return nil
    }

    private static func version(_ fields: inout HDF5Fields, _ expected: Int, _ what: String) throws(CheckpointError) {
        let v = try fields.byte("the \(what) version")
        guard v == expected else { throw fields.fail("\(what) message version \(v)") }
    }

    /// A shared message's body (H5Oshared.c): where the real message lives.
    private func checkShared(type: Int, _ fields: inout HDF5Fields) throws(CheckpointError) -> Int? {
        let version = try fields.byte("the shared message version")
        let kind = try fields.byte("the shared message type")
        let address: Int?
        switch version {
        case 1:
            try fields.skip(6 + fields.lengthSize, "a version-1 shared message")
            address = try fields.address("the shared message's header address")
        case 2 where kind == 1, 3 where kind == 1:  // an id in the shared-message heap (libhdf5 takes kind 1 so at version 2 too)
            guard version == 3, hasSharedTable else {
                throw fields.fail("message is shared through a shared-message table the file does not have")
            }
            try fields.skip(8, "a shared heap id")
            return nil
        case 2, 3:
            guard version == 2 || kind == 2 else { throw fields.fail("shared message of kind \(kind)") }
            address = try fields.address("the shared message's header address")
        default: throw fields.fail("shared message version \(version)")
        }
        guard let address else { throw fields.fail("shared message names an undefined header address") }
        let target = try sharedTarget(address)
        guard target.types.contains(type) else {
            throw fields.fail("shared message names header \(address), which has no message of type \(type)")
        }
        return type == 0x03 ? target.datatypeSize : nil
    }

    /// Dataspace (versions 1–2): rank, flags, dimensions and optional maxima; returns its element count.
    static func dataspaceElements(_ fields: inout HDF5Fields) throws(CheckpointError) -> Int {
        let version = try fields.byte("the dataspace version")
        let rank = try fields.byte("the dataspace rank")
        let flags = try fields.byte("the dataspace flags")
        guard rank <= 32 else { throw fields.fail("dataspace of rank \(rank)") }
        var kind = 1  // simple
        switch version {
        case 1:
            try fields.skip(5, "the dataspace's reserved bytes")
            if rank == 0 { kind = 0 }
        case 2:
            kind = try fields.byte("the dataspace type")
            guard kind <= 2, kind == 1 || rank == 0 else { throw fields.fail("dataspace type \(kind) of rank \(rank)") }
        default: throw fields.fail("dataspace version \(version)")
        }
        var count = kind == 2 ? 0 : 1
        for _ in 0..<rank {
            let (product, overflow) = count.multipliedReportingOverflow(by: try fields.length("a dimension"))
            count = overflow ? Int.max : product
        }
        if flags & 1 != 0 { try fields.skip(rank * fields.lengthSize, "the maximum dimensions") }
        return count
    }

    /// Link info and attribute info: version 0, flags, optional counter, heap and index addresses.
    private static func checkIndexInfo(_ fields: inout HDF5Fields, optional: [Int], what: String)
        throws(CheckpointError)
    {
        try version(&fields, 0, what)
        let flags = try fields.byte("the \(what) flags")
        guard flags & ~3 == 0 else { throw fields.fail("\(what) flags \(flags)") }
        if flags & 1 != 0 { try fields.skip(optional[0], "the maximum creation index") }
        try fields.skip(2 * fields.addressSize, "the \(what) addresses")
        if flags & 2 != 0 { try fields.skip(optional[1], "the creation-order index address") }
    }

    private static func checkGroupInfo(_ fields: inout HDF5Fields) throws(CheckpointError) {
        try version(&fields, 0, "group info")
        let flags = try fields.byte("the group info flags")
        guard flags & ~3 == 0 else { throw fields.fail("group info flags \(flags)") }
        try fields.skip((flags & 1 != 0 ? 4 : 0) + (flags & 2 != 0 ? 4 : 0), "the group info values")
    }

    private static func checkFillValue(_ fields: inout HDF5Fields) throws(CheckpointError) {
        let version = try fields.byte("the fill value version")
        switch version {
        case 1, 2:
            try fields.skip(2, "the allocation and write times")
            let defined = try fields.byte("the fill value defined flag")
            if version == 1 || defined != 0 {
                try fields.skip(try fields.int(4, "the fill value size"), "the fill value")
            }
        case 3:
            let flags = try fields.byte("the fill value flags")
            if flags & 0x20 != 0 { try fields.skip(try fields.int(4, "the fill value size"), "the fill value") }
        default: throw fields.fail("fill value version \(version)")
        }
    }

    private static func checkLink(_ fields: inout HDF5Fields) throws(CheckpointError) {
        try version(&fields, 1, "link")
        let flags = try fields.byte("the link flags")
        guard flags & ~0x1F == 0 else { throw fields.fail("link flags \(flags)") }
        let kind = flags & 0x08 != 0 ? try fields.byte("the link type") : 0
        guard kind <= 1 || kind >= 64 else { throw fields.fail("link type \(kind)") }
        if flags & 0x04 != 0 { try fields.skip(8, "the link creation order") }
        if flags & 0x10 != 0 { try fields.skip(1, "the link name's character set") }
        let nameLength = try fields.int(1 << (flags & 3), "the link name length")
        guard nameLength > 0 else { throw fields.fail("link with an empty name") }
        try fields.skip(nameLength, "the link name")
        if kind == 0 {
            try fields.skip(fields.addressSize, "the link's header address")
        } else {
            try fields.skip(try fields.int(2, "the link value length"), "the link value")
        }
    }

    private static func checkExternalFiles(_ fields: inout HDF5Fields) throws(CheckpointError) {
        try version(&fields, 1, "external file list")
        try fields.skip(3, "reserved bytes")
        let allocated = try fields.int(2, "the allocated slots"), used = try fields.int(2, "the used slots")
        guard used <= allocated else { throw fields.fail("\(used) external files used of \(allocated) slots") }
        try fields.skip(fields.addressSize + allocated * 3 * fields.lengthSize, "the external file slots")
    }

    /// Filter pipeline (versions 1–2): per filter an id, a name (NUL-terminated), flags, client values.
    private static func checkFilters(_ fields: inout HDF5Fields) throws(CheckpointError) {
        let version = try fields.byte("the filter pipeline version")
        let count = try fields.byte("the filter count")
        guard version == 1 || version == 2 else { throw fields.fail("filter pipeline version \(version)") }
        guard count <= 32 else { throw fields.fail("\(count) filters (at most 32)") }
        if version == 1 { try fields.skip(6, "reserved bytes") }
        for i in 0..<count {
            let id = try fields.int(2, "filter \(i)'s id")
            let nameLength = version == 1 || id >= 256 ? try fields.int(2, "filter \(i)'s name length") : 0
            try fields.skip(2, "filter \(i)'s flags")
            let values = try fields.int(2, "filter \(i)'s value count")
            if nameLength > 0 {
                let start = fields.position
                _ = try fields.terminatedName(within: nameLength, "filter \(i)'s name")
                try fields.skip(nameLength - (fields.position - start), "filter \(i)'s name")
                if version == 1 { try fields.align8(from: start, "filter \(i)'s name padding") }
            }
            try fields.skip(4 * values + (version == 1 && values % 2 == 1 ? 4 : 0), "filter \(i)'s values")
        }
    }

    private static func checkFileSpaceInfo(_ fields: inout HDF5Fields) throws(CheckpointError) {
        let version = try fields.byte("the file space info version")
        switch version {
        case 0: try fields.skip(1 + fields.lengthSize, "the file space info")
        case 1:
            try fields.skip(1, "the strategy")
            let persist = try fields.byte("the persist flag")
            try fields.skip(2 * fields.lengthSize + 2 + fields.addressSize, "the file space info")
            if persist != 0 { try fields.skip(12 * fields.addressSize, "the free-space manager addresses") }
        default: throw fields.fail("file space info version \(version)")
        }
    }

    /// Attribute (versions 1–3): name, datatype, dataspace, then the values, which libhdf5 copies as
    /// `elements × datatype size` bytes.
    private func checkAttribute(_ fields: inout HDF5Fields) throws(CheckpointError) {
        let version = try fields.byte("the attribute version")
        guard (1...3).contains(version) else { throw fields.fail("attribute version \(version)") }
        let flags = try fields.byte("the attribute flags")
        guard flags & ~3 == 0, version > 1 || flags == 0 else { throw fields.fail("attribute flags \(flags)") }
        let nameSize = try fields.int(2, "the attribute name size")
        let typeSize = try fields.int(2, "the attribute datatype size")
        let spaceSize = try fields.int(2, "the attribute dataspace size")
        if version == 3 { try fields.skip(1, "the attribute name's character set") }
        func part(_ size: Int) -> Int { version == 1 ? (size + 7) / 8 * 8 : size }
        var name = try fields.prefix(nameSize, "the attribute name")
        _ = try name.terminatedName(within: nameSize, "the attribute name")
        try fields.skip(part(nameSize), "the attribute name")
        var type = try fields.prefix(typeSize, "the attribute datatype")
        let elementSize = try check(type: 0x03, shared: flags & 1 != 0, &type)
        try fields.skip(part(typeSize), "the attribute datatype")
        var space = try fields.prefix(spaceSize, "the attribute dataspace")
        let elements = flags & 2 != 0 ? nil : try Self.dataspaceElements(&space)
        if flags & 2 != 0 { _ = try check(type: 0x01, shared: true, &space) }
        try fields.skip(part(spaceSize), "the attribute dataspace")
        guard let elementSize, let elements else {
            throw fields.fail(
                "attribute whose dataspace is shared or datatype is in the shared-message heap: its values cannot be checked"
            )
        }
        let (bytes, overflow) = elements.multipliedReportingOverflow(by: elementSize)
        try fields.skip(overflow ? -1 : bytes, "the attribute's \(elements) values of \(elementSize) bytes")
    }
}
