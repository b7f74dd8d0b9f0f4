/// The fields of one object-header structure (a message, a nested datatype), read little-endian from
/// the raw bytes. libhdf5 1.10's message decoders read on without knowing where the message ends;
/// here running past `end` throws `fail`'s error, naming the field, instead.
struct HDF5Fields {
    let bytes: [UInt8]
    private(set) var position: Int
    let end: Int
    let addressSize: Int
    let lengthSize: Int
    let fail: (String) -> CheckpointError

    var remaining: Int { end - position }

    /// A nested structure of `count` bytes starting here (an attribute's datatype or dataspace).
    func prefix(_ count: Int, _ what: @autoclosure () -> String) throws(CheckpointError) -> HDF5Fields {
        guard count >= 0, count <= remaining else { throw fail("\(what()) of \(count) bytes runs past the message") }
        return HDF5Fields(
            bytes: bytes, position: position, end: position + count,
            addressSize: addressSize, lengthSize: lengthSize, fail: fail)
    }

    mutating func skip(_ count: Int, _ what: @autoclosure () -> String) throws(CheckpointError) {
        guard count >= 0, count <= remaining else {
            throw fail(
                "\(what()) (\(count < 0 ? "a negative count of" : "\(count)") bytes) runs past the message, \(remaining) bytes left"
            )
        }
        position += count
    }

    /// An unsigned field of `width` bytes; values past Int.max clamp (no file is that large).
    mutating func int(_ width: Int, _ what: @autoclosure () -> String) throws(CheckpointError) -> Int {
        let at = position
        try skip(width, what())
        var v: UInt64 = 0
        for i in 0..<width { v |= UInt64(bytes[at + i]) << (8 * UInt64(i)) }
        return v > UInt64(Int.max) ? Int.max : Int(v)
    }

    mutating func byte(_ what: @autoclosure () -> String) throws(CheckpointError) -> Int { try int(1, what()) }

    /// A file address; nil when undefined (all bits set).
    mutating func address(_ what: @autoclosure () -> String) throws(CheckpointError) -> Int? {
        let at = position
        let value = try int(addressSize, what())
        return bytes[at..<(at + addressSize)].allSatisfy { $0 == 0xFF } ? nil : value
    }

    mutating func length(_ what: @autoclosure () -> String) throws(CheckpointError) -> Int {
        try int(lengthSize, what())
    }

    /// A NUL-terminated name of at most `limit` bytes (libhdf5 takes names with strlen/strdup);
    /// returns its length with the NUL.
    mutating func terminatedName(within limit: Int, _ what: @autoclosure () -> String) throws(CheckpointError) -> Int {
        let stop = Swift.min(end, position + Swift.max(0, limit))
        guard let nul = bytes[position..<stop].firstIndex(of: 0) else { throw fail("\(what()) has no terminating NUL") }
        let count = nul + 1 - position
        position += count
        return count
    }

    /// Skips to the next multiple of 8 from `origin` (version-1 encodings pad names and parts).
    mutating func align8(from origin: Int, _ what: @autoclosure () -> String) throws(CheckpointError) {
        try skip((8 - (position - origin) % 8) % 8, what())
    }
}
