import CHDF5

/// What a checked object header holds, for shared messages that name it.
struct HDF5HeaderSummary {
    var types: Set<Int> = []
    var datatypeSize: Int?
}

/// Object headers checked from the file's raw bytes (pread, not libhdf5) before libhdf5 opens them:
/// libhdf5 1.10 trusts their messages (a damaged datatype made `H5Oopen` copy 338 bytes past a heap
/// buffer). The superblock, its extension and the root group are checked before `H5Fopen`, each
/// child before it is opened (its address comes from its link, which does not open it). Damage
/// throws `.malformed` naming the header's address and what is wrong.
final class HDF5ObjectHeaderCheck {
    private let file: String
    private var opened: (source: FileSource, superblock: HDF5Superblock)?
    private var checked: [Int: HDF5HeaderSummary] = [:]
    private var inProgress: Set<Int> = []
    private var hasSharedTable = false

    /// Bounds the work a damaged header can cause (libhdf5 writes a handful of chunks).
    private static let maximumChunks = 4096

    init(file: String) { self.file = file }

    /// The superblock, its extension and the root group's header: call before `H5Fopen`.
    func checkFile() throws(CheckpointError) {
        let source = try FileSource(path: file)
        let superblock = try HDF5Superblock(source)
        opened = (source, superblock)
        if let address = superblock.extensionHeader {
            hasSharedTable = try checkObject(at: address, key: nil).types.contains(0x0F)
        }
        _ = try checkObject(at: superblock.rootHeader, key: nil)
    }

    /// The object `name` in `group` names, before it is opened: only hard links are followed (a soft
    /// or external link would have libhdf5 resolve a path or another file we have not checked).
    func checkLink(_ name: String, in group: hid_t, key: String) throws(CheckpointError) {
        var info = H5L_info_t()
        try h5(H5Lget_info(group, name, &info, h5PDefault), file, key, "read a link")
        guard info.type == H5L_TYPE_HARD else {
            throw .unsupported(file: file, key: key, what: "a soft or external link (only hard links are read)")
        }
        guard info.u.address <= UInt64(Int.max) else {
            throw .malformed(file: file, key: key, reason: "link address out of range")
        }
        _ = try checkObject(at: Int(info.u.address), key: key)
    }

    @discardableResult
    func checkObject(at address: Int, key: String?) throws(CheckpointError) -> HDF5HeaderSummary {
        if let known = checked[address] { return known }
        guard let (source, superblock) = opened else {
            throw .invalidArgument("\(file): header check before checkFile")
        }
        guard inProgress.insert(address).inserted else {
            throw .malformed(file: file, key: key, reason: "object header at \(address) shares a message with itself")
        }
        defer { inProgress.remove(address) }
        var header = HDF5HeaderFraming(file: file, key: key, address: address, source: source, superblock: superblock)
        let messages = try header.frame(maximumChunks: Self.maximumChunks)
        let check = HDF5MessageCheck(
            sharedTarget: { (target) throws(CheckpointError) in try self.checkObject(at: target, key: key) },
            hasSharedTable: hasSharedTable)
        var summary = HDF5HeaderSummary()
        for message in messages {
            var fields = HDF5Fields(
                bytes: message.chunk, position: message.body.lowerBound, end: message.body.upperBound,
                addressSize: superblock.addressSize, lengthSize: superblock.lengthSize,
                fail: header.failure(in: message))
            let size = try check.check(type: message.type, shared: message.flags & 0x02 != 0, &fields)
            summary.types.insert(message.type)
            if message.type == 0x03, summary.datatypeSize == nil { summary.datatypeSize = size }
        }
        checked[address] = summary
        return summary
    }
}
