import ProtoWire

/// tensorboard.Summary (summary.proto) and the value kinds the writer produces.
struct SummaryProto {
    var values: [Value]

    struct Value {
        enum Kind {
            case simpleValue(Float)
            case image(ImageProto)
            case histogram(HistogramProto)
            case tensor(TensorProto)
            /// Metadata only (the hparams plugin's summaries).
            case none
        }

        var tag: String
        var kind: Kind
        /// SummaryMetadata.PluginData: plugin name and its serialized content.
        var plugin: (name: String, content: [UInt8])? = nil

        func encode(into w: inout ProtoWriter) {
            w.string(1, tag)
            switch kind {
            case .simpleValue(let v): w.float(2, v)  // a oneof member: written even when 0
            case .image(let image): w.message(4) { image.encode(into: &$0) }
            case .histogram(let histo): w.message(5) { histo.encode(into: &$0) }
            case .tensor(let tensor): w.message(8) { tensor.encode(into: &$0) }
            case .none: break
            }
            if let plugin {
                w.message(9) { metadata in
                    metadata.message(1) { data in
                        data.string(1, plugin.name)
                        if !plugin.content.isEmpty { data.bytes(2, plugin.content) }
                    }
                }
            }
        }
    }

    func encode(into w: inout ProtoWriter) {
        for value in values { w.message(1) { value.encode(into: &$0) } }
    }
}

/// Summary.Image: an encoded PNG and its size; colorspace is the channel count (3 RGB, 4 RGBA).
struct ImageProto {
    var height: Int
    var width: Int
    var colorspace: Int
    var png: [UInt8]

    func encode(into w: inout ProtoWriter) {
        w.int(1, Int64(height))
        w.int(2, Int64(width))
        w.int(3, Int64(colorspace))
        w.bytes(4, png)
    }
}

/// tensorboard.HistogramProto (histogram.proto): bucket i counts values in (limit[i-1], limit[i]].
struct HistogramProto: Equatable {
    var min: Double
    var max: Double
    var num: Double
    var sum: Double
    var sumSquares: Double
    var bucketLimit: [Double]
    var bucket: [Double]

    func encode(into w: inout ProtoWriter) {
        // proto3 leaves zeros out.
        if min != 0 { w.double(1, min) }
        if max != 0 { w.double(2, max) }
        if num != 0 { w.double(3, num) }
        if sum != 0 { w.double(4, sum) }
        if sumSquares != 0 { w.double(5, sumSquares) }
        w.packedDoubles(6, bucketLimit)
        w.packedDoubles(7, bucket)
    }
}

/// tensorboard.TensorProto (tensor.proto), the string form the text plugin reads.
struct TensorProto {
    /// types.proto's DataType: DT_STRING = 7.
    static let dtString: Int64 = 7

    var dtype: Int64
    var shape: [Int64]
    var stringVal: [[UInt8]]

    func encode(into w: inout ProtoWriter) {
        w.int(1, dtype)
        w.message(2) { shapeWriter in
            for size in shape { shapeWriter.message(2) { if size != 0 { $0.int(1, size) } } }
        }
        for s in stringVal { w.bytes(8, s) }
    }
}
