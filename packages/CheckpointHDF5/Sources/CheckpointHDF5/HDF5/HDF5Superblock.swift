/// The superblock fields the object-header check needs (versions 0–3: ours and h5py's default write
/// 0, `libver='latest'` writes 3), read from the raw bytes. Addresses count from the superblock,
/// which follows any user block (libhdf5 looks for it at 0, 512, 1024, 2048, ...).
struct HDF5Superblock {
    let version: Int
    /// Where the superblock starts: the file offset of address 0.
    let base: Int
    let addressSize: Int
    let lengthSize: Int
    let rootHeader: Int
    let extensionHeader: Int?

    static let signature: [UInt8] = [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A]

    init(_ source: FileSource) throws(CheckpointError) {
        let file = source.name
        var base = 0
        while base <= source.size - 8, try source.bytes(at: base, count: 8, "the HDF5 signature") != Self.signature {
            base = base == 0 ? 512 : base * 2
        }
        guard base <= source.size - 8 else { throw .badMagic(file: file, expected: "an HDF5 file (no HDF5 signature)") }
        func bad(_ reason: String) -> CheckpointError {
            .malformed(file: file, key: nil, reason: "superblock at \(base): \(reason)")
        }
        let head = try source.bytes(at: base, count: Swift.min(source.size - base, 256), "the superblock")
        guard head.count > 16 else { throw bad("ends after \(head.count) bytes") }
        version = Int(head[8])
        let sizesAt = version < 2 ? 13 : 9
        (addressSize, lengthSize) = (Int(head[sizesAt]), Int(head[sizesAt + 1]))
        guard [2, 4, 8].contains(addressSize), [2, 4, 8].contains(lengthSize) else {
            throw bad("\(addressSize)-byte addresses and \(lengthSize)-byte lengths (2, 4 or 8 expected)")
        }
        let addressesAt: Int
        switch version {
        case 0, 1: addressesAt = version == 0 ? 24 : 28  // after the B-tree K values, flags (and v1's K)
        case 2, 3: addressesAt = 12
        default: throw bad("version \(version)")
        }
        var fields = HDF5Fields(
            bytes: head, position: addressesAt, end: head.count, addressSize: addressSize,
            lengthSize: lengthSize, fail: { bad($0) })
        _ = try fields.address("the base address")
        extensionHeader = try fields.address("the superblock extension address")  // v0/v1: the old free-space field
        _ = try fields.address("the end-of-file address")
        if version < 2 {
            _ = try fields.address("the driver info address")
            _ = try fields.address("the root entry's name offset")
        }
        guard let root = try fields.address("the root group's header address") else {
            throw bad("no root group address")
        }
        rootHeader = root
        if version >= 2 {
            let end = fields.position
            let stored = try fields.int(4, "the superblock checksum")
            let computed = HDF5Checksum.lookup3(head[0..<end])
            guard stored == Int(computed) else {
                throw bad("checksum \(stored) does not match its bytes (\(computed))")
            }
        }
        self.base = base
    }
}
