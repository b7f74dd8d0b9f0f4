/// Protocol Buffers' binary wire format, decode side: walks a message's fields in the order they were
/// written. Everything read comes from outside the program, so every length and varint is bounds-checked
/// and a malformed message throws `ProtoError` (never traps). Repeated scalars are accepted both packed
/// and unpacked, as protobuf requires of a parser.
package struct ProtoReader {
    private let bytes: ArraySlice<UInt8>
    private var position: Int

    package init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        position = bytes.startIndex
    }

    package init(_ bytes: [UInt8]) { self.init(bytes[...]) }

    package enum Value {
        case varint(UInt64), fixed64(UInt64), fixed32(UInt32), bytes(ArraySlice<UInt8>)
    }

    package var isAtEnd: Bool { position >= bytes.endIndex }

    /// The next field (number and value), nil at the end of the message.
    package mutating func next() throws(ProtoError) -> (field: Int, value: Value)? {
        guard !isAtEnd else { return nil }
        let key = try varint()
        let field = Int(truncatingIfNeeded: key >> 3)
        guard field > 0, key >> 3 <= UInt64(Int32.max) else {
            throw .malformed("field number \(key >> 3) at byte \(position)")
        }
        switch key & 7 {
        case 0: return (field, .varint(try varint()))
        case 1: return (field, .fixed64(try fixed(8)))
        case 5: return (field, .fixed32(UInt32(truncatingIfNeeded: try fixed(4))))
        case 2:
            let length = try varint()
            guard length <= UInt64(bytes.endIndex - position) else {
                throw .truncated("field \(field) claims \(length) bytes, \(bytes.endIndex - position) remain")
            }
            let start = position
            position += Int(length)
            return (field, .bytes(bytes[start..<position]))
        default: throw .malformed("wire type \(key & 7) of field \(field)")
        }
    }

    private mutating func varint() throws(ProtoError) -> UInt64 {
        var result: UInt64 = 0, shift: UInt64 = 0
        while true {
            guard position < bytes.endIndex else { throw .truncated("varint runs past the end") }
            let b = bytes[position]
            position += 1
            guard shift < 64 else { throw .malformed("varint longer than 10 bytes") }
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
        }
    }

    private mutating func fixed(_ count: Int) throws(ProtoError) -> UInt64 {
        guard bytes.endIndex - position >= count else { throw .truncated("fixed\(count * 8) runs past the end") }
        var v: UInt64 = 0
        for i in 0..<count { v |= UInt64(bytes[position + i]) << (8 * UInt64(i)) }
        position += count
        return v
    }
}

package enum ProtoError: Error, Equatable, CustomStringConvertible {
    case truncated(String), malformed(String)

    package var description: String {
        switch self {
        case .truncated(let what): "truncated protobuf: \(what)"
        case .malformed(let what): "malformed protobuf: \(what)"
        }
    }
}

extension ProtoReader.Value {
    package func int() throws(ProtoError) -> Int64 {
        guard case .varint(let v) = self else { throw .malformed("expected a varint") }
        return Int64(bitPattern: v)
    }

    package func float() throws(ProtoError) -> Float {
        guard case .fixed32(let v) = self else { throw .malformed("expected a fixed32") }
        return Float(bitPattern: v)
    }

    package func data() throws(ProtoError) -> ArraySlice<UInt8> {
        guard case .bytes(let b) = self else { throw .malformed("expected a length-delimited field") }
        return b
    }

    package func string() throws(ProtoError) -> String {
        let b = try data()
        guard let s = String(validating: b, as: UTF8.self) else { throw .malformed("string is not UTF-8") }
        return s
    }

    /// A repeated varint field's values: one (unpacked) or a packed run.
    package func ints() throws(ProtoError) -> [Int64] {
        switch self {
        case .varint(let v): return [Int64(bitPattern: v)]
        case .bytes(let b):
            var r = ProtoReader(b), out: [Int64] = []
            while !r.isAtEnd { out.append(Int64(bitPattern: try r.packedVarint())) }
            return out
        default: throw .malformed("expected varints")
        }
    }

    /// A repeated float field's values: one (unpacked) or a packed run.
    package func floats() throws(ProtoError) -> [Float] {
        switch self {
        case .fixed32(let v): return [Float(bitPattern: v)]
        case .bytes(let b):
            guard b.count % 4 == 0 else { throw .malformed("packed floats of \(b.count) bytes") }
            var r = ProtoReader(b), out: [Float] = []
            while !r.isAtEnd { out.append(Float(bitPattern: UInt32(truncatingIfNeeded: try r.packedFixed32()))) }
            return out
        default: throw .malformed("expected floats")
        }
    }
}

extension ProtoReader {
    fileprivate mutating func packedVarint() throws(ProtoError) -> UInt64 { try varint() }
    fileprivate mutating func packedFixed32() throws(ProtoError) -> UInt64 { try fixed(4) }
}
