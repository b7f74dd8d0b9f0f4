import CHDF5
import Foundation

/// Variable-length strings (h5py's `str`, our `__keys__` and `__type__`) live in the file's global
/// heap; the attribute holds, per string, only its length, a heap collection's address and an object
/// index. libhdf5 1.10 follows those ids unchecked: a damaged index reads past the collection's object
/// table (SIGSEGV in H5HG_read) and a damaged length overflows the string it copies into. So the
/// reader takes the raw ids through an identity conversion to an opaque type and reads the heap
/// itself, every id and collection checked against the file: libhdf5 never follows a heap id.
final class HDF5GlobalHeap {
    private let file: String
    private var layout: Layout?
    /// Collections read so far, by address.
    private var collections: [Int: Collection] = [:]

    private struct Collection {
        let bytes: [UInt8]
        /// Object index → the object's data in `bytes`.
        let objects: [Int: Range<Int>]
    }

    private struct Layout {
        let source: FileSource
        let base: Int  // heap addresses count from the superblock, after any user block
        let addressSize: Int
        let lengthSize: Int
        var idSize: Int { 4 + addressSize + 4 }
    }

    init(file: String) { self.file = file }

    /// The strings of a variable-length string attribute of `count` elements.
    func strings(of attribute: hid_t, count: Int, key: String) throws(CheckpointError) -> [String] {
        let layout: Layout
        if let known = self.layout {
            layout = known
        } else {
            layout = try openLayout(attribute, key: key)
            self.layout = layout
        }
        let stored = Int(clamping: H5Aget_storage_size(attribute))
        guard stored == count * layout.idSize else {
            throw .malformed(
                file: file, key: key, reason: "string attribute stores \(stored) bytes for \(count) heap ids")
        }
        let idType = H5ID(try h5(H5Tcreate(H5T_OPAQUE, layout.idSize), file, key, "create the heap id type"), H5Tclose)
        defer { withExtendedLifetime(idType) {} }
        try h5(H5Tset_tag(idType.id, HDF5GlobalHeap.idTag), file, key, "tag the heap id type")
        try HDF5GlobalHeap.registerIdentityConversion(file: file, key: key)
        var ids = [UInt8](repeating: 0, count: count * layout.idSize)
        try h5(H5Aread(attribute, idType.id, &ids), file, key, "read a string attribute's heap ids")
        return try (0..<count).map { (i) throws(CheckpointError) -> String in
            let at = i * layout.idSize
            let length = HDF5GlobalHeap.littleEndian(ids, at, 4)
            let address = HDF5GlobalHeap.littleEndian(ids, at + 4, layout.addressSize)
            let index = HDF5GlobalHeap.littleEndian(ids, at + 4 + layout.addressSize, 4)
            guard address != 0 else { return "" }  // libhdf5's null string
            let heap = try collection(at: address, layout, key: key)
            guard let range = heap.objects[index] else {
                throw .malformed(
                    file: file, key: key,
                    reason: "string \(i) names global heap object \(index), which collection \(address) lacks")
            }
            guard range.count == length else {
                throw .malformed(
                    file: file, key: key,
                    reason: "string \(i) has length \(length) but its heap object holds \(range.count) bytes")
            }
            return String(decoding: heap.bytes[range], as: UTF8.self)
        }
    }

    private func openLayout(_ attribute: hid_t, key: String) throws(CheckpointError) -> Layout {
        let f = H5ID(try h5(H5Iget_file_id(attribute), file, key, "find the attribute's file"), H5Fclose)
        defer { withExtendedLifetime(f) {} }
        let plist = H5ID(try h5(H5Fget_create_plist(f.id), file, key, "read the file creation properties"), H5Pclose)
        defer { withExtendedLifetime(plist) {} }
        var addressSize = 0, lengthSize = 0
        var userBlock: hsize_t = 0
        try h5(H5Pget_sizes(plist.id, &addressSize, &lengthSize), file, key, "read the file's address sizes")
        try h5(H5Pget_userblock(plist.id, &userBlock), file, key, "read the file's user block size")
        guard [2, 4, 8].contains(addressSize), [2, 4, 8].contains(lengthSize), userBlock <= hsize_t(Int32.max) else {
            throw .unsupported(file: file, key: key, what: "\(addressSize)-byte addresses, \(lengthSize)-byte lengths")
        }
        return Layout(
            source: try FileSource(path: file), base: Int(userBlock), addressSize: addressSize, lengthSize: lengthSize)
    }

    /// Parses a global heap collection ("GCOL", version 1, its size, then objects: index, reference
    /// count, reserved, size, data padded to 8 bytes; index 0 is the free space), checking every
    /// object lies inside it and the collection inside the file.
    private func collection(at address: Int, _ layout: Layout, key: String) throws(CheckpointError) -> Collection {
        if let known = collections[address] { return known }
        func bad(_ reason: String) -> CheckpointError {
            .malformed(file: file, key: key, reason: "global heap collection at \(address): \(reason)")
        }
        let (start, overflow) = layout.base.addingReportingOverflow(address)
        let headerSize = 8 + layout.lengthSize
        guard !overflow, start <= layout.source.size - headerSize else { throw bad("lies outside the file") }
        let header = try layout.source.bytes(at: start, count: headerSize, "a global heap collection header")
        guard header.prefix(4).elementsEqual("GCOL".utf8), header[4] == 1 else {
            throw bad("no GCOL version 1 signature")
        }
        let size = HDF5GlobalHeap.littleEndian(header, 8, layout.lengthSize)
        guard size >= headerSize, size <= layout.source.size - start else {
            throw bad("size \(size) runs past the end of the file")
        }
        let bytes = try layout.source.bytes(at: start, count: size, "a global heap collection")
        let objectHeader = 8 + layout.lengthSize
        var objects: [Int: Range<Int>] = [:]
        var p = headerSize
        while size - p >= objectHeader {
            let index = HDF5GlobalHeap.littleEndian(bytes, p, 2)
            let length = HDF5GlobalHeap.littleEndian(bytes, p + 8, layout.lengthSize)
            if index == 0 {  // free space: its size counts its own header
                guard length >= objectHeader, length <= size - p else {
                    throw bad("free space of \(length) bytes does not fit")
                }
                p += length
                continue
            }
            guard length <= size - p - objectHeader else {
                throw bad("object \(index) of \(length) bytes runs past the collection")
            }
            guard objects[index] == nil else { throw bad("object \(index) occurs twice") }
            objects[index] = (p + objectHeader)..<(p + objectHeader + length)
            p += Swift.min(size - p, objectHeader + (length + 7) / 8 * 8)
        }
        let parsed = Collection(bytes: bytes, objects: objects)
        collections[address] = parsed
        return parsed
    }

    /// `count` bytes at `offset` as a little-endian unsigned integer; sizes up to 8, values beyond Int clamp.
    private static func littleEndian(_ bytes: [UInt8], _ offset: Int, _ count: Int) -> Int {
        var v: UInt64 = 0
        for i in 0..<count { v |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
        return v > UInt64(Int.max) ? Int.max : Int(v)
    }

    // MARK: The identity conversion

    private static let idTag = "swift-torch global heap id"
    nonisolated(unsafe) private static var registered = false

    /// Registers, once, a soft conversion from a variable-length string to an opaque type tagged
    /// `idTag` of the same size: libhdf5 hands it the stored heap ids and it leaves them as they are.
    private static func registerIdentityConversion(file: String, key: String) throws(CheckpointError) {
        guard !registered else { return }  // callers hold HDF5Library's lock
        let source = HDF5Types.utf8String()
        defer { withExtendedLifetime(source) {} }
        let target = H5ID(H5Tcreate(H5T_OPAQUE, 16), H5Tclose)
        defer { withExtendedLifetime(target) {} }
        try h5(
            H5Tregister(
                H5T_PERS_SOFT, "swift-torch heap ids", source.id, target.id,
                { src, dst, cdata, _, _, _, _, _, _ in
                    guard let cdata, cdata.pointee.command == H5T_CONV_INIT else { return 0 }  // CONV: the bytes are the result
                    cdata.pointee.need_bkg = H5T_BKG_NO
                    guard H5Tis_variable_str(src) > 0, H5Tget_class(dst) == H5T_OPAQUE,
                        H5Tget_size(src) == H5Tget_size(dst),
                        let tag = H5Tget_tag(dst)
                    else { return -1 }
                    defer { H5free_memory(tag) }
                    return String(cString: tag) == HDF5GlobalHeap.idTag ? 0 : -1
                }), file, key, "register the heap id conversion")
        registered = true
    }
}
