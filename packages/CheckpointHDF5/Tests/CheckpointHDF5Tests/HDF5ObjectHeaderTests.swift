import CHDF5
import Foundation
import Testing

@testable import CheckpointHDF5

/// Damaged object headers: libhdf5 1.10 trusts their messages (the fuzz finding: an enum's values
/// copied from past a 40-byte message), so the reader checks each header from the raw bytes first
/// and throws `.malformed` naming the header. The file is ours: a version-2 root header with
/// checksums (address in the version-0 superblock) and a version-1 header for the dataset "weight"
/// (dataspace, datatype, fill value, layout, modification time, NIL).
@Suite struct HDF5ObjectHeaderTests {
    typealias Damaged = HDF5BadInputTests.Damaged

    /// A version-1 header's messages: where each message header starts, its type and body size.
    static func messages(_ bytes: [UInt8], header: Int) -> [(at: Int, type: Int, size: Int)] {
        var result: [(Int, Int, Int)] = []
        var p = header + 16
        while p < header + 16 + Damaged.word(bytes, header + 8, 4) {
            result.append((p, Damaged.word(bytes, p, 2), Damaged.word(bytes, p + 2, 2)))
            p += 8 + Damaged.word(bytes, p + 2, 2)
        }
        return result
    }

    static func weightHeader(_ file: Damaged) throws -> Int {
        try HDF5Library.locked { () throws(CheckpointError) -> Int in
            let f = H5ID(try h5(H5Fopen(file.path, swt_h5f_acc_rdonly(), h5PDefault), file.path, nil, "open"), H5Fclose)
            defer { withExtendedLifetime(f) {} }
            var info = H5L_info_t()
            try h5(H5Lget_info(f.id, "weight", &info, h5PDefault), file.path, "weight", "read the link")
            return Int(info.u.address)
        }
    }

    static func file() throws -> (file: Damaged, weight: Int, messages: [(at: Int, type: Int, size: Int)]) {
        let file = try Damaged(checksummed: true)
        let weight = try weightHeader(file)
        let messages = Self.messages(file.bytes, header: weight)
        try #require(file.bytes[weight] == 1 && messages.map(\.type) == [0x01, 0x03, 0x05, 0x08, 0x12, 0x00])
        return (file, weight, messages)
    }

    @Test func messageRunningPastItsChunk() throws {
        var (file, weight, messages) = try Self.file()
        file.set(messages[0].at + 2, 8 * 1024, bytes: 2)
        try file.expectError(
            "object header at \(weight): message 0 (type 1) of 8192 bytes runs past the end of its chunk")
        file.set(messages[0].at + 2, 41, bytes: 2)
        try file.expectError("object header at \(weight): message 0 (type 1) of 41 bytes is not 8-byte aligned")
    }

    @Test func messageCountDisagreeingWithThePrefix() throws {
        var (file, weight, _) = try Self.file()
        file.set(weight + 2, 7, bytes: 2)
        try file.expectError("object header at \(weight): its prefix counts 7 messages but its chunks hold 6")
    }

    /// The NIL message turned into a continuation: past the end of the file, then back onto its own chunk.
    @Test func continuationOutsideTheFileOrOntoItself() throws {
        var (file, weight, messages) = try Self.file()
        let null = messages[5].at
        file.set(null, 0x10, bytes: 2)
        file.set(null + 8, UInt64(file.bytes.count + 4096), bytes: 8)
        file.set(null + 16, 64, bytes: 8)
        try file.expectError(
            "object header at \(weight): chunk at \(file.bytes.count + 4096) (64 bytes at \(file.bytes.count + 4096)) lies outside the file"
        )
        file.set(null + 8, UInt64(weight), bytes: 8)
        try file.expectError("object header at \(weight): chunk at \(weight) overlaps another of its chunks")
    }

    /// The file has no shared-message table, so no message can live in its heap; and a layout is never shared.
    @Test func sharedFlagWithoutASharedMessageTable() throws {
        var (file, weight, messages) = try Self.file()
        let original = file.bytes
        file.bytes[messages[0].at + 4] |= 0x02
        file.set(messages[0].at + 8, 0x0103, bytes: 2)  // shared message version 3, kind 1: a heap id
        try file.expectError(
            "object header at \(weight): message 0 (dataspace, 40 bytes): message is shared through a shared-message table the file does not have"
        )
        file.bytes = original
        file.bytes[messages[3].at + 4] |= 0x02
        try file.expectError("message 3 (layout, 24 bytes): message type 8 is marked shared but cannot be")
    }

    /// Per-message fields: a dataspace whose rank needs more dimensions than the message holds, a
    /// float whose precision exceeds its size.
    @Test func messageFieldsRunningPastTheMessage() throws {
        var (file, weight, messages) = try Self.file()
        let original = file.bytes
        file.bytes[messages[0].at + 8 + 1] = 32
        try file.expectError(
            "object header at \(weight): message 0 (dataspace, 40 bytes): a dimension (8 bytes) runs past the message")
        file.bytes = original
        file.set(messages[1].at + 8 + 10, 64, bytes: 2)
        try file.expectError("message 1 (datatype, 24 bytes): 64 bits at offset 0 do not fit a 4-byte number")
    }

    /// The root's version-2 header, checked before H5Fopen: its signature, its checksum, and a message
    /// size past the chunk under a correct checksum.
    @Test func damagedRootHeader() throws {
        var (file, _, _) = try Self.file()
        let original = file.bytes
        let root = Damaged.word(original, 0x40, 8)
        try #require(Array(original[root..<(root + 4)]) == Array("OHDR".utf8))
        file.bytes[root + 3] = UInt8(ascii: "X")
        try file.expectError("object header at \(root): neither a version-1 prefix nor an OHDR signature")
        let flags = Int(original[root + 5])
        let sizeAt = root + 6 + (flags & 0x20 != 0 ? 16 : 0) + (flags & 0x10 != 0 ? 4 : 0)
        let width = 1 << (flags & 3)
        let end = sizeAt + width + Damaged.word(original, sizeAt, width)
        file.bytes = original
        file.bytes[end - 1] ^= 0x01
        try file.expectError("object header at \(root): chunk at \(root): checksum")
        file.bytes = original
        file.set(sizeAt + width + 1, 0xFFFF, bytes: 2)
        file.set(end, UInt64(HDF5Checksum.lookup3(file.bytes[root..<end])), bytes: 4)
        try file.expectError(
            "object header at \(root): message 0 (type \(original[sizeAt + width])) of 65535 bytes runs past the end of its chunk"
        )
    }

    /// lookup3 as HDF5 uses it (hashlittle, seed 0): Bob Jenkins' published test values.
    @Test func checksumIsLookup3() {
        #expect(HDF5Checksum.lookup3([][...]) == 0xDEAD_BEEF)
        #expect(HDF5Checksum.lookup3(Array("Four score and seven years ago".utf8)[...]) == 0x1777_0551)
    }
}
