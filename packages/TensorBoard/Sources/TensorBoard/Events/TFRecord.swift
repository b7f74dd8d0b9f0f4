/// One TFRecord: uint64 length, masked CRC-32C of the length bytes, the data, masked CRC-32C of the data,
/// all little-endian. A reader stops cleanly at the first incomplete record, so a crash mid-write loses
/// only that record.
enum TFRecord {
    static func frame(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(data.count + 16)
        let length = withUnsafeBytes(of: UInt64(data.count).littleEndian) { Array($0) }
        out += length
        withUnsafeBytes(of: CRC32C.masked(length).littleEndian) { out += $0 }
        out += data
        withUnsafeBytes(of: CRC32C.masked(data).littleEndian) { out += $0 }
        return out
    }
}
