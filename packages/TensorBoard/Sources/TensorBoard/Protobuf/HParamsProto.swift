import ProtoWire

/// The hparams plugin's messages (plugins/hparams api.proto, plugin_data.proto) that torch's
/// `hparams()` writes: an experiment, a session start with the values, a session end.
enum HParamsProto {
    /// api.proto DataType.
    enum DataType: Int64 { case string = 1, bool = 2, float64 = 3 }

    /// google.protobuf.Value: the kinds torch writes.
    enum Value {
        case number(Double), string(String), bool(Bool)

        func encode(into w: inout ProtoWriter) {
            switch self {  // oneof members: written even when zero
            case .number(let v): w.double(2, v)
            case .string(let v): w.string(3, v)
            case .bool(let v): w.bool(4, v)
            }
        }
    }

    /// HParamsPluginData{version: 0, experiment}: hparam names with their types and the metric tags.
    static func experiment(hparams: [(name: String, type: DataType)], metricTags: [String]) -> [UInt8] {
        pluginData(field: 2) { exp in
            for h in hparams {
                exp.message(4) { info in
                    info.string(1, h.name)
                    info.int(4, h.type.rawValue)
                }
            }
            for tag in metricTags { exp.message(5) { info in info.message(1) { $0.string(2, tag) } } }
        }
    }

    /// HParamsPluginData{session_start_info}: the hparams map (entries key = 1, value = 2).
    static func sessionStart(_ values: [(name: String, value: Value)]) -> [UInt8] {
        pluginData(field: 3) { start in
            for (name, value) in values {
                start.message(1) { entry in
                    entry.string(1, name)
                    entry.message(2) { value.encode(into: &$0) }
                }
            }
        }
    }

    /// HParamsPluginData{session_end_info: {status: STATUS_SUCCESS}}.
    static func sessionEndSuccess() -> [UInt8] {
        pluginData(field: 4) { $0.int(1, 1) }
    }

    private static func pluginData(field: Int, _ body: (inout ProtoWriter) -> Void) -> [UInt8] {
        var w = ProtoWriter()  // version 0: left out, as proto3 does
        w.message(field, body)
        return w.bytes
    }
}
