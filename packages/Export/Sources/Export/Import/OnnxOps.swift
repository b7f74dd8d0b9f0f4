import Layers
import TensorCore

/// ONNX ops (opset 13–17 semantics) on TensorCore: what our exporter and torch.onnx.export write for the
/// guide's models. Shapes and attributes a kernel here does not handle fail with the node's name.
enum OnnxOps {
    static let supported: Set<String> = [
        "Identity", "Relu", "Sigmoid", "Tanh", "Exp", "Log", "Sqrt", "Neg", "Abs", "Erf", "Reciprocal",
        "Add", "Sub", "Mul", "Div", "MatMul", "Gemm", "Softmax", "LogSoftmax", "BatchNormalization",
        "LayerNormalization",
        "Conv", "MaxPool", "AveragePool", "GlobalAveragePool", "Flatten", "Reshape", "Transpose", "Squeeze",
        "Unsqueeze",
        "Gather", "Slice", "Concat", "Expand", "Cast", "Where", "Constant", "Shape", "LSTM", "GRU",
    ]

    static func run(_ node: OnnxNode, _ x: [Tensor?]) throws(OnnxError) -> [Tensor] {
        let fail = { (reason: String) in OnnxError.unsupportedNode(opType: node.opType, node: node.name, reason: reason)
        }
        func input(_ i: Int) throws(OnnxError) -> Tensor {
            guard i < x.count, let t = x[i] else { throw fail("input \(i) is missing") }
            return t
        }
        func int(_ name: String, _ fallback: Int) -> Int {
            if case .int(let v)? = node.attribute(name) { return Int(v) }
            return fallback
        }
        func float(_ name: String, _ fallback: Double) -> Double {
            if case .float(let v)? = node.attribute(name) { return Double(v) }
            return fallback
        }
        func ints(_ name: String) -> [Int]? {
            if case .ints(let v)? = node.attribute(name) { return v.map { Int($0) } }
            return nil
        }
        /// An int64 input holding a list (shapes, axes), read now: our graphs compute none of them.
        func list(_ i: Int) throws(OnnxError) -> [Int] {
            let t = try input(i)
            guard t.dtype == .int64 || t.dtype == .int32, t.ndim <= 1 else {
                throw fail("input \(i) must be a 1-D integer tensor")
            }
            return t.to(.int64).contiguous().toArray(Int64.self).map { Int($0) }
        }
        func pair() throws(OnnxError) -> (Tensor, Tensor) {
            let (a, b) = (try input(0), try input(1))
            guard broadcastable(a.sizes, b.sizes) else {
                throw fail("shapes \(a.shape) and \(b.shape) do not broadcast")
            }
            return (a, b)
        }
        func axis(_ a: Int, _ rank: Int) throws(OnnxError) -> Int {
            guard a >= -rank, a < max(rank, 1) else { throw fail("axis \(a) out of range for rank \(rank)") }
            return a < 0 ? a + rank : a
        }
        /// Symmetric pads [begin..., end...] as one value per spatial dim.
        func symmetricPads(_ spatial: Int) throws(OnnxError) -> [Int] {
            guard let pads = ints("pads") else { return [Int](repeating: 0, count: spatial) }
            guard pads.count == 2 * spatial, Array(pads[..<spatial]) == Array(pads[spatial...]) else {
                throw fail("pads \(pads): only symmetric padding is implemented")
            }
            if case .string(let auto)? = node.attribute("auto_pad"), auto != "NOTSET" { throw fail("auto_pad \(auto)") }
            return Array(pads[..<spatial])
        }

        switch node.opType {
        case "Identity": return [try input(0)]
        case "Relu": return [try input(0).relu()]
        case "Sigmoid": return [try input(0).sigmoid()]
        case "Tanh": return [try input(0).tanh()]
        case "Exp": return [try input(0).exp()]
        case "Log": return [try input(0).log()]
        case "Sqrt": return [try input(0).sqrt()]
        case "Neg": return [-(try input(0))]
        case "Abs": return [try input(0).abs()]
        case "Erf": return [try input(0).erf()]
        case "Reciprocal": return [try input(0).reciprocal()]
        case "Add":
            let (a, b) = try pair()
            return [a + b]
        case "Sub":
            let (a, b) = try pair()
            return [a - b]
        case "Mul":
            let (a, b) = try pair()
            return [a * b]
        case "Div":
            let (a, b) = try pair()
            return [a / b]
        case "MatMul":
            let (a, b) = (try input(0), try input(1))
            guard a.ndim >= 1, b.ndim >= 1, a.size(-1) == b.size(b.ndim >= 2 ? -2 : 0) else {
                throw fail("shapes \(a.shape) and \(b.shape) cannot be multiplied")
            }
            return [a.matmul(b)]
        case "Gemm":
            var a = try input(0), b = try input(1)
            if int("transA", 0) != 0 { a = a.t() }
            if int("transB", 0) != 0 { b = b.t() }
            guard a.ndim == 2, b.ndim == 2, a.size(1) == b.size(0) else {
                throw fail("shapes \(a.shape) and \(b.shape) cannot be multiplied")
            }
            let alpha = float("alpha", 1), beta = float("beta", 1)
            var y = a.matmul(b)
            if alpha != 1 { y = y * alpha }
            if x.count > 2, let c = x[2] {
                guard broadcastable(y.sizes, c.sizes) else {
                    throw fail("C of shape \(c.shape) does not broadcast to \(y.shape)")
                }
                y = y + (beta == 1 ? c : c * beta)
            }
            return [y]
        case "Softmax", "LogSoftmax":
            let t = try input(0)
            let d = try axis(int("axis", -1), t.ndim)
            return [node.opType == "Softmax" ? t.softmax(dim: d) : t.logSoftmax(dim: d)]
        case "BatchNormalization":
            guard int("training_mode", 0) == 0 else { throw fail("training_mode=1") }
            let t = try input(0)
            guard t.ndim >= 2 else { throw fail("input of rank \(t.ndim)") }
            return [
                F.batchNorm(
                    t, runningMean: try input(3), runningVar: try input(4), weight: try input(1), bias: try input(2),
                    training: false, eps: float("epsilon", 1e-5))
            ]
        case "LayerNormalization":
            let t = try input(0)
            let first = try axis(int("axis", -1), t.ndim)
            let shape = Array(t.sizes[first...])
            return [
                F.layerNorm(
                    t, normalizedShape: shape, weight: try input(1), bias: x.count > 2 ? x[2] : nil,
                    eps: float("epsilon", 1e-5))
            ]
        case "Conv":
            let t = try input(0), w = try input(1)
            let spatial = w.ndim - 2
            guard spatial == 1 || spatial == 2, t.ndim == w.ndim else {
                throw fail("\(spatial)-D convolution of input \(t.shape)")
            }
            let pads = try symmetricPads(spatial)
            let strides = ints("strides") ?? [Int](repeating: 1, count: spatial)
            let dilations = ints("dilations") ?? [Int](repeating: 1, count: spatial)
            let bias = x.count > 2 ? x[2] : nil
            guard t.size(1) == w.size(1) * int("group", 1) else {
                throw fail("input \(t.shape) does not fit weight \(w.shape)")
            }
            if spatial == 1 {
                return [
                    F.conv1d(
                        t, w, bias, stride: IntOrTuple(strides), padding: .explicit(pads),
                        dilation: IntOrTuple(dilations), groups: int("group", 1))
                ]
            }
            return [
                F.conv2d(
                    t, w, bias, stride: IntOrTuple(strides), padding: .explicit(pads), dilation: IntOrTuple(dilations),
                    groups: int("group", 1))
            ]
        case "MaxPool", "AveragePool":
            let t = try input(0)
            guard let kernel = ints("kernel_shape"), kernel.count == 2, t.ndim == 4 else {
                throw fail("only 2-D pooling of [N, C, H, W] is implemented")
            }
            guard node.outputs.count == 1 || node.outputs[1].isEmpty else { throw fail("the Indices output") }
            let pads = try symmetricPads(2)
            let strides = ints("strides") ?? [1, 1]
            let ceil = int("ceil_mode", 0) != 0
            if node.opType == "MaxPool" {
                return [
                    F.maxPool2d(
                        t, kernelSize: IntOrTuple(kernel), stride: IntOrTuple(strides), padding: IntOrTuple(pads),
                        dilation: IntOrTuple(ints("dilations") ?? [1, 1]), ceilMode: ceil)
                ]
            }
            return [
                F.avgPool2d(
                    t, kernelSize: IntOrTuple(kernel), stride: IntOrTuple(strides), padding: IntOrTuple(pads),
                    ceilMode: ceil,
                    countIncludePad: int("count_include_pad", 0) != 0)
            ]
        case "GlobalAveragePool":
            let t = try input(0)
            guard t.ndim == 4 else { throw fail("input of rank \(t.ndim)") }
            return [F.adaptiveAvgPool2d(t, outputSize: 1)]
        case "Flatten":
            let t = try input(0)
            let a = try axis(int("axis", 1), t.ndim + 1)
            let lead = t.sizes[..<a].reduce(1, *)
            return [t.reshape([lead, t.numel / max(lead, 1)])]
        case "Reshape":
            let t = try input(0)
            var shape = try list(1)
            if int("allowzero", 0) == 0 {
                for (i, d) in shape.enumerated() where d == 0 {
                    guard i < t.ndim else { throw fail("0 at dim \(i) of a rank-\(t.ndim) input") }
                    shape[i] = t.size(i)
                }
            }
            let known = shape.filter { $0 != -1 }.reduce(1, *)
            guard shape.filter({ $0 == -1 }).count <= 1, shape.allSatisfy({ $0 >= -1 }),
                shape.contains(-1) ? known > 0 && t.numel % known == 0 : known == t.numel
            else {
                throw fail("cannot reshape \(t.shape) to \(shape)")
            }
            return [t.reshape(shape)]
        case "Transpose":
            let t = try input(0)
            let perm = ints("perm") ?? Array((0..<t.ndim).reversed())
            guard perm.sorted() == Array(0..<t.ndim) else { throw fail("perm \(perm) for rank \(t.ndim)") }
            return [t.permute(perm)]
        case "Squeeze":
            let t = try input(0)
            if x.count < 2 || x[1] == nil { return [t.squeeze()] }
            let axes = try list(1).map { a throws(OnnxError) in try axis(a, t.ndim) }
            guard axes.allSatisfy({ t.size($0) == 1 }) else { throw fail("axes \(axes) of shape \(t.shape) are not 1") }
            return [t.squeeze(dims: axes)]
        case "Unsqueeze":
            var t = try input(0)
            let rank = t.ndim + (try list(1)).count
            for a in try list(1).map({ a throws(OnnxError) in try axis(a, rank) }).sorted() { t = t.unsqueeze(a) }
            return [t]
        case "Gather":
            let t = try input(0), index = try input(1)
            let d = try axis(int("axis", 0), t.ndim)
            guard index.dtype == .int64 || index.dtype == .int32 else { throw fail("indices of \(index.dtype)") }
            let flat = index.to(.int64).reshape([-1])
            let n = Int64(t.size(d))
            let wrapped = Tensor.where(flat.lt(0), flat + n, flat)
            guard wrapped.ge(0).logicalAnd(wrapped.lt(.int(n))).all().item(Bool.self) else {
                throw fail("an index out of range for dim \(d) of size \(n)")
            }
            let picked = t.indexSelect(dim: d, index: wrapped)
            return [picked.reshape(Array(t.sizes[..<d]) + index.sizes + Array(t.sizes[(d + 1)...]))]
        case "Slice":
            var t = try input(0)
            let starts = try list(1), ends = try list(2)
            let axes = x.count > 3 && x[3] != nil ? try list(3) : Array(0..<starts.count)
            let steps = x.count > 4 && x[4] != nil ? try list(4) : [Int](repeating: 1, count: starts.count)
            guard starts.count == ends.count, axes.count == starts.count, steps.count == starts.count,
                steps.allSatisfy({ $0 > 0 })
            else {
                throw fail("starts/ends/axes/steps of different lengths or a non-positive step")
            }
            for k in starts.indices {
                let d = try axis(axes[k], t.ndim), n = t.size(d)
                let lo = min(max(starts[k] < 0 ? starts[k] + n : starts[k], 0), n)
                let hi = min(max(ends[k] < 0 ? ends[k] + n : ends[k], 0), n)
                let index = Tensor.arange(
                    .int(Int64(lo)), .int(Int64(max(hi, lo))), .int(Int64(steps[k])), dtype: .int64)
                t = t.indexSelect(dim: d, index: index)
            }
            return [t]
        case "Concat":
            let parts = x.compactMap { $0 }
            guard let first = parts.first else { throw fail("no inputs") }
            return [Tensor.cat(parts, dim: try axis(int("axis", 0), first.ndim))]
        case "Expand":
            let t = try input(0)
            var shape = try list(1)
            // ONNX broadcasts both ways (a 1 in the shape keeps the input's size).
            let rank = max(t.ndim, shape.count)
            shape = [Int](repeating: 1, count: rank - shape.count) + shape
            let padded = [Int](repeating: 1, count: rank - t.ndim) + t.sizes
            for i in 0..<rank where shape[i] == 1 { shape[i] = padded[i] }
            guard (0..<rank).allSatisfy({ padded[$0] == shape[$0] || padded[$0] == 1 }) else {
                throw fail("cannot expand \(t.shape) to \(shape)")
            }
            return [t.reshape(padded).expand(shape)]
        case "Cast":
            guard let type = OnnxDataType(rawValue: Int64(int("to", 0))) else { throw fail("to=\(int("to", 0))") }
            return [try input(0).to(type.dtype)]
        case "Where":
            let (c, a, b) = (try input(0), try input(1), try input(2))
            guard broadcastable(c.sizes, a.sizes), broadcastable(broadcastShape(c.sizes, a.sizes), b.sizes) else {
                throw fail("shapes \(c.shape), \(a.shape), \(b.shape) do not broadcast")
            }
            return [Tensor.where(c.to(.bool), a, b)]
        case "Constant":
            guard case .tensor(let t)? = node.attribute("value") else { throw fail("only a tensor value") }
            return [t.rawData.withUnsafeBytes { Tensor(bytes: $0, shape: t.dims, dtype: t.dataType.dtype) }]
        case "Shape":
            let t = try input(0)
            return [Tensor(copying: t.sizes.map(Int64.init), shape: [t.ndim])]
        case "LSTM", "GRU":
            return try OnnxRecurrentOps.run(node, x, fail: fail)
        default:
            throw fail("no implementation of this op")
        }
    }

    static func broadcastable(_ a: [Int], _ b: [Int]) -> Bool {
        zip(a.reversed(), b.reversed()).allSatisfy { $0 == $1 || $0 == 1 || $1 == 1 }
    }

    static func broadcastShape(_ a: [Int], _ b: [Int]) -> [Int] {
        let rank = max(a.count, b.count)
        let pa = [Int](repeating: 1, count: rank - a.count) + a, pb = [Int](repeating: 1, count: rank - b.count) + b
        return zip(pa, pb).map { $0 == 1 ? $1 : $0 }
    }
}
