import ProtoWire

// Reading the ONNX messages. Unknown fields are skipped (protobuf's rule); what a dense-tensor model
// cannot do without (a tensor's bytes, a node's op type) is checked, and every failure says where.

extension OnnxModel {
    package init(parsing bytes: [UInt8]) throws(OnnxError) {
        var r = ProtoReader(bytes)
        var ir: Int64 = 0, opsets: [(String, Int64)] = [], producer = "", version = "", graph: OnnxGraph?
        do {
            while let (field, value) = try r.next() {
                switch field {
                case 1: ir = try value.int()
                case 2: producer = try value.string()
                case 3: version = try value.string()
                case 7: graph = try OnnxGraph(try value.data())
                case 8:
                    var o = ProtoReader(try value.data()), domain = "", v: Int64 = 0
                    while let (f, x) = try o.next() {
                        if f == 1 { domain = try x.string() } else if f == 2 { v = try x.int() }
                    }
                    opsets.append((domain, v))
                default: break
                }
            }
        } catch { throw .invalidFile(error.description) }
        guard let graph else { throw .invalidFile("the model has no graph") }
        self.init(
            irVersion: ir, opsets: opsets.map { (domain: $0.0, version: $0.1) }, producerName: producer,
            producerVersion: version, graph: graph)
    }
}

extension OnnxGraph {
    init(_ bytes: ArraySlice<UInt8>) throws(ProtoError) {
        self.init(name: "")
        var r = ProtoReader(bytes)
        while let (field, value) = try r.next() {
            switch field {
            case 1: nodes.append(try OnnxNode(try value.data()))
            case 2: name = try value.string()
            case 5: initializers.append(try OnnxTensor(try value.data()))
            case 11: inputs.append(try OnnxValueInfo(try value.data()))
            case 12: outputs.append(try OnnxValueInfo(try value.data()))
            case 15: throw .malformed("sparse initializers are not supported")
            default: break
            }
        }
    }
}

extension OnnxNode {
    init(_ bytes: ArraySlice<UInt8>) throws(ProtoError) {
        self.init(inputs: [], outputs: [], name: "", opType: "")
        var r = ProtoReader(bytes)
        while let (field, value) = try r.next() {
            switch field {
            case 1: inputs.append(try value.string())
            case 2: outputs.append(try value.string())
            case 3: name = try value.string()
            case 4: opType = try value.string()
            case 5: if let a = try OnnxAttribute(try value.data()) { attributes.append(a) }
            case 7: domain = try value.string()
            default: break
            }
        }
    }
}

extension OnnxAttribute {
    /// nil for attribute kinds a dense model never needs (graphs, sparse tensors, type protos).
    init?(_ bytes: ArraySlice<UInt8>) throws(ProtoError) {
        var r = ProtoReader(bytes)
        var name = "", type: Int64 = 0
        var f: Float = 0, i: Int64 = 0, s = "", t: OnnxTensor?, fs: [Float] = [], xs: [Int64] = [], ss: [String] = []
        while let (field, value) = try r.next() {
            switch field {
            case 1: name = try value.string()
            case 2: f = try value.float()
            case 3: i = try value.int()
            case 4: s = try value.string()
            case 5: t = try OnnxTensor(try value.data())
            case 7: fs += try value.floats()
            case 8: xs += try value.ints()
            case 9: ss.append(try value.string())
            case 20: type = try value.int()
            default: break
            }
        }
        let v: OnnxAttributeValue
        switch type {
        case 1: v = .float(f)
        case 2: v = .int(i)
        case 3: v = .string(s)
        case 4:
            guard let t else { throw .malformed("attribute \(name) of type TENSOR has no tensor") }
            v = .tensor(t)
        case 6: v = .floats(fs)
        case 7: v = .ints(xs)
        case 8: v = .strings(ss)
        default: return nil
        }
        self.init(name: name, value: v)
    }
}

extension OnnxTensor {
    init(_ bytes: ArraySlice<UInt8>) throws(ProtoError) {
        var r = ProtoReader(bytes)
        var dims: [Int] = [], type: Int64 = 0, name = "", raw: [UInt8]?
        var floats: [Float] = [], ints: [Int64] = [], int32s: [Int64] = [], external = false
        while let (field, value) = try r.next() {
            switch field {
            case 1:
                for d in try value.ints() {
                    guard d >= 0, d <= Int64(Int32.max) else { throw .malformed("tensor dimension \(d)") }
                    dims.append(Int(d))
                }
            case 2: type = try value.int()
            case 4: floats += try value.floats()
            case 5: int32s += try value.ints()
            case 7: ints += try value.ints()
            case 8: name = try value.string()
            case 9: raw = Array(try value.data())
            case 13, 14: external = true
            default: break
            }
        }
        guard !external else {
            throw .malformed("tensor \(name) keeps its data in an external file, which is not supported")
        }
        guard let dataType = OnnxDataType(rawValue: type) else {
            throw .malformed("tensor \(name) has data type \(type), not supported")
        }
        var count = 1
        for d in dims {
            let (p, overflow) = count.multipliedReportingOverflow(by: d)
            guard !overflow, p <= 1 << 32 else { throw .malformed("tensor \(name) of shape \(dims) is too large") }
            count = p
        }
        let width = dataType.dtype.itemSize
        if let raw {
            self.init(name: name, dataType: dataType, dims: dims, rawData: raw)
        } else if dataType == .float {
            self.init(
                name: name, dataType: dataType, dims: dims, rawData: floats.flatMap { littleEndianBytes($0.bitPattern) }
            )
        } else if dataType == .int64 {
            self.init(name: name, dataType: dataType, dims: dims, rawData: ints.flatMap { littleEndianBytes($0) })
        } else if dataType == .int32 || dataType == .bool || dataType == .uint8 || dataType == .int8 {
            // int32_data holds the small integer types one per element.
            self.init(
                name: name, dataType: dataType, dims: dims,
                rawData: int32s.flatMap { v -> [UInt8] in
                    Array(littleEndianBytes(Int32(truncatingIfNeeded: v)).prefix(width))
                })
        } else {
            throw .malformed("tensor \(name) of type \(dataType) has no raw_data")
        }
        guard rawData.count == count * width else {
            throw .malformed("tensor \(name) of shape \(dims) has \(rawData.count) bytes, expected \(count * width)")
        }
    }
}

extension OnnxValueInfo {
    init(_ bytes: ArraySlice<UInt8>) throws(ProtoError) {
        var r = ProtoReader(bytes)
        var name = "", elem: Int64 = 0, shape: [OnnxDim]?
        while let (field, value) = try r.next() {
            if field == 1 { name = try value.string() }
            guard field == 2 else { continue }
            var type = ProtoReader(try value.data())
            while let (tf, tv) = try type.next() {
                guard tf == 1 else { continue }
                var tensor = ProtoReader(try tv.data())
                while let (f, v) = try tensor.next() {
                    if f == 1 { elem = try v.int() }
                    if f == 2 {
                        var dims: [OnnxDim] = []
                        var s = ProtoReader(try v.data())
                        while let (df, dv) = try s.next() {
                            guard df == 1 else { continue }
                            var d = ProtoReader(try dv.data()), dim = OnnxDim.unknown
                            while let (xf, xv) = try d.next() {
                                if xf == 1 { dim = .value(Int(truncatingIfNeeded: try xv.int())) }
                                if xf == 2 { dim = .param(try xv.string()) }
                            }
                            dims.append(dim)
                        }
                        shape = dims
                    }
                }
            }
        }
        guard let type = OnnxDataType(rawValue: elem) else {
            throw .malformed("value \(name) has element type \(elem), not supported")
        }
        self.init(name: name, elementType: type, shape: shape)
    }
}

private func littleEndianBytes<T: FixedWidthInteger>(_ v: T) -> [UInt8] {
    withUnsafeBytes(of: v.littleEndian) { Array($0) }
}
