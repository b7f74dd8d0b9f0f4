import Testing

@testable import ProtoWire

@Suite struct RoundTripTests {
    @Test func fieldsRoundTrip() throws {
        var w = ProtoWriter()
        w.int(1, -3)
        w.string(2, "Gemm")
        w.float(3, 0.5)
        w.message(4) { $0.int(1, 300) }
        var r = ProtoReader(w.bytes)
        var seen: [Int] = []
        while let (field, value) = try r.next() {
            seen.append(field)
            switch field {
            case 1: #expect(try value.int() == -3)
            case 2: #expect(try value.string() == "Gemm")
            case 3: #expect(try value.float() == 0.5)
            case 4:
                var inner = ProtoReader(try value.data())
                #expect(try inner.next()?.value.int() == 300)
            default: Issue.record("unexpected field \(field)")
            }
        }
        #expect(seen == [1, 2, 3, 4])
    }

    @Test func packedAndUnpackedRepeatedInts() throws {
        var packed = ProtoWriter()
        packed.varint(1)
        packed.varint(300)
        packed.varint(5)
        #expect(try ProtoReader.Value.bytes(packed.bytes[...]).ints() == [1, 300, 5])
        #expect(try ProtoReader.Value.varint(7).ints() == [7])
    }

    @Test func truncatedAndMalformedInputThrow() {
        var w = ProtoWriter()
        w.string(2, "abcdef")
        var r = ProtoReader(Array(w.bytes.dropLast(2)))
        #expect(throws: ProtoError.self) { _ = try r.next() }
        var bad = ProtoReader([0x0F])  // wire type 7
        #expect(throws: ProtoError.self) { _ = try bad.next() }
        var endless = ProtoReader([UInt8](repeating: 0xFF, count: 12))
        #expect(throws: ProtoError.self) { _ = try endless.next() }
        var zero = ProtoReader([0x00, 0x01])  // field number 0
        #expect(throws: ProtoError.self) { _ = try zero.next() }
    }
}
