/// Protocol Buffers' binary wire format, encode side: the project's one protobuf writer (ProtoReader decodes)
/// (README, "Protobuf"). A message type writes its fields in field-number order through these calls;
/// it decides itself which default values to leave out (proto3 omits them, but a oneof member and a
/// proto2 `optional` are written even when zero), so the writer never guesses.
package struct ProtoWriter {
    package private(set) var bytes: [UInt8] = []

    package init() {}

    private enum WireType: UInt64 { case varint = 0, fixed64 = 1, lengthDelimited = 2, fixed32 = 5 }

    private mutating func tag(_ field: Int, _ type: WireType) { varint(UInt64(field) << 3 | type.rawValue) }

    /// A base-128 varint, least significant group first.
    package mutating func varint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    private mutating func fixed64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
    private mutating func fixed32(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// int32, int64, uint64, bool and enum fields: negative values take ten bytes, as protobuf specifies.
    package mutating func int(_ field: Int, _ value: Int64) {
        tag(field, .varint)
        varint(UInt64(bitPattern: value))
    }
    package mutating func bool(_ field: Int, _ value: Bool) { int(field, value ? 1 : 0) }
    package mutating func double(_ field: Int, _ value: Double) {
        tag(field, .fixed64)
        fixed64(value.bitPattern)
    }
    package mutating func float(_ field: Int, _ value: Float) {
        tag(field, .fixed32)
        fixed32(value.bitPattern)
    }

    package mutating func bytes(_ field: Int, _ value: [UInt8]) {
        tag(field, .lengthDelimited)
        varint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    package mutating func string(_ field: Int, _ value: String) { bytes(field, Array(value.utf8)) }

    /// A nested message, built by `body` into its own writer so its length can prefix it.
    package mutating func message(_ field: Int, _ body: (inout ProtoWriter) -> Void) {
        var inner = ProtoWriter()
        body(&inner)
        bytes(field, inner.bytes)
    }

    /// A packed repeated double (proto3's default for repeated scalars); nothing when empty.
    package mutating func packedDoubles(_ field: Int, _ values: [Double]) {
        guard !values.isEmpty else { return }
        tag(field, .lengthDelimited)
        varint(UInt64(values.count * 8))
        for v in values { fixed64(v.bitPattern) }
    }
}
