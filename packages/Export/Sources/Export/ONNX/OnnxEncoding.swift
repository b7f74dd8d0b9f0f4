import ProtoWire

// Writing the ONNX messages (field numbers from onnx.proto; its repeated scalars are proto2, unpacked).

extension OnnxModel {
    package func serialized() -> [UInt8] {
        var w = ProtoWriter()
        w.int(1, irVersion)
        w.string(2, producerName)
        w.string(3, producerVersion)
        w.message(7) { graph.write(&$0) }
        for opset in opsets {
            w.message(8) {
                if !opset.domain.isEmpty { $0.string(1, opset.domain) }
                $0.int(2, opset.version)
            }
        }
        return w.bytes
    }
}

extension OnnxGraph {
    func write(_ w: inout ProtoWriter) {
        for node in nodes { w.message(1) { node.write(&$0) } }
        w.string(2, name)
        for t in initializers { w.message(5) { t.write(&$0) } }
        for v in inputs { w.message(11) { v.write(&$0) } }
        for v in outputs { w.message(12) { v.write(&$0) } }
    }
}

extension OnnxNode {
    func write(_ w: inout ProtoWriter) {
        for i in inputs { w.string(1, i) }
        for o in outputs { w.string(2, o) }
        w.string(3, name)
        w.string(4, opType)
        for a in attributes { w.message(5) { a.write(&$0) } }
        if !domain.isEmpty { w.string(7, domain) }
    }
}

extension OnnxAttribute {
    /// AttributeProto: the value in its typed field, and `type` (field 20) naming it.
    func write(_ w: inout ProtoWriter) {
        w.string(1, name)
        switch value {
        case .float(let f):
            w.float(2, f)
            w.int(20, 1)
        case .int(let i):
            w.int(3, i)
            w.int(20, 2)
        case .string(let s):
            w.string(4, s)
            w.int(20, 3)
        case .tensor(let t):
            w.message(5) { t.write(&$0) }
            w.int(20, 4)
        case .floats(let fs):
            for f in fs { w.float(7, f) }
            w.int(20, 6)
        case .ints(let xs):
            for x in xs { w.int(8, x) }
            w.int(20, 7)
        case .strings(let ss):
            for s in ss { w.string(9, s) }
            w.int(20, 8)
        }
    }
}

extension OnnxTensor {
    func write(_ w: inout ProtoWriter) {
        for d in dims { w.int(1, Int64(d)) }
        w.int(2, dataType.rawValue)
        w.string(8, name)
        w.bytes(9, rawData)
    }
}

extension OnnxValueInfo {
    /// ValueInfoProto { name, type: TypeProto { tensor_type: { elem_type, shape } } }.
    func write(_ w: inout ProtoWriter) {
        w.string(1, name)
        w.message(2) { type in
            type.message(1) { tensor in
                tensor.int(1, elementType.rawValue)
                guard let shape else { return }
                tensor.message(2) { s in
                    for d in shape {
                        s.message(1) { dim in
                            switch d {
                            case .value(let v): dim.int(1, Int64(v))
                            case .param(let p): dim.string(2, p)
                            case .unknown: break
                            }
                        }
                    }
                }
            }
        }
    }
}
