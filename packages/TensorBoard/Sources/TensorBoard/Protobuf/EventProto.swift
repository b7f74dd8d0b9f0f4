import ProtoWire

/// tensorboard.Event (event.proto): one record of an event file.
struct EventProto {
    enum What {
        case fileVersion(String)
        case summary(SummaryProto)
        /// SessionLog.status: START = 1 (what a purge writes).
        case sessionLogStatus(Int64)
    }

    var wallTime: Double
    var step: Int64 = 0
    var what: What
    /// SourceMetadata.writer, on the file's first event.
    var sourceWriter: String? = nil

    func serialized() -> [UInt8] {
        var w = ProtoWriter()
        if wallTime != 0 { w.double(1, wallTime) }
        if step != 0 { w.int(2, step) }
        switch what {
        case .fileVersion(let version): w.string(3, version)
        case .summary(let summary): w.message(5) { summary.encode(into: &$0) }
        case .sessionLogStatus(let status): w.message(7) { $0.int(1, status) }
        }
        if let sourceWriter { w.message(10) { $0.string(1, sourceWriter) } }
        return w.bytes
    }
}
