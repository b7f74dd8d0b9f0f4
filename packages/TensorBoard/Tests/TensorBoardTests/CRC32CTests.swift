import Foundation
import ProtoWire
import Testing
import TorchTestSupport

@testable import TensorBoard

@Suite struct CRC32CTests {
    /// RFC 3720 (iSCSI) appendix B.4 and the usual check value.
    @Test func knownVectors() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(CRC32C.checksum((0..<32).map { UInt8($0) }) == 0x46DD_794E)
        #expect(CRC32C.checksum((0..<32).reversed().map { UInt8($0) }) == 0x113F_DB5C)
        #expect(CRC32C.checksum([UInt8]()) == 0)
    }

    /// The values tensorboard's own masked_crc32c gives.
    @Test func maskedCRC() {
        #expect(CRC32C.masked([UInt8]()) == 0xA282_EAD8)
        #expect(CRC32C.masked(Array("123456789".utf8)) == 0xC78A_B0E5)
        #expect(CRC32C.masked([UInt8](repeating: 0, count: 8)) == 0x0798_0329)
    }

    @Test func varints() {
        var w = ProtoWriter()
        w.varint(300)
        w.varint(0)
        w.int(1, -1)
        #expect(w.bytes == [0xAC, 0x02, 0x00, 0x08] + [UInt8](repeating: 0xFF, count: 9) + [0x01])
    }

    /// Whole framed records, byte for byte as tensorboard's RecordWriter frames python's protobuf.
    @Test func recordsMatchPythonBytes() throws {
        let fixture = try Fixture("summaries")
        let records = try #require(fixture["records"] as? [String: String])
        func hex(_ event: EventProto) -> String {
            TFRecord.frame(event.serialized()).map { String(format: "%02x", $0) }.joined()
        }
        let loss = SummaryProto(values: [.init(tag: "loss", kind: .simpleValue(0.25))])
        #expect(hex(EventProto(wallTime: 1234.5, step: 7, what: .summary(loss))) == records["scalar"])
        let zero = SummaryProto(values: [.init(tag: "z", kind: .simpleValue(0))])
        #expect(hex(EventProto(wallTime: 1, what: .summary(zero))) == records["zero"])
        #expect(hex(EventProto(wallTime: 1_700_000_000, what: .fileVersion("brain.Event:2"))) == records["version"])
        #expect(hex(EventProto(wallTime: 2, step: -3, what: .fileVersion("x"))) == records["negative_step"])
    }
}
