import TensorCore

// One traced op → ONNX nodes (opset 17). The table covers the ops of the guide's models; any other op
// fails with the op's name and the module it ran in, as torch.onnx does for an op without a symbolic.

extension OnnxBuilder {
    /// `partner` is the same node traced at another batch size (when the batch axis is dynamic): the dims
    /// that differ between the two are the ones that follow the batch.
    mutating func lower(_ node: TracedGraph.Node, partner: TracedGraph.Node?) throws(OnnxError) {
        let module = node.module
        let out = node.outputs[0]
        let fail = { (reason: String) in OnnxError.unsupportedOp(op: opName(node.op), module: module, reason: reason) }
        func input(_ i: Int) -> String { name(node.inputs[i]!) }
        // The op's first output under its declared name when it is a graph output.
        func single(_ type: String, _ inputs: [String], _ attributes: [OnnxAttribute] = []) {
            let r = emit(type, inputs, outputs: declaredName(out).map { [$0] }, attributes, module: module)
            bind(out, to: r[0])
        }
        func scalar(_ v: Double) -> String {
            constant(Tensor.full([], .double(v), dtype: node.outputTensors[0].dtype), "Scalar")
        }
        let tensorInputs = node.inputs.compactMap { $0 }

        switch node.op {
        case .relu: single("Relu", [input(0)])
        case .sigmoid: single("Sigmoid", [input(0)])
        case .tanh: single("Tanh", [input(0)])
        case .exp: single("Exp", [input(0)])
        case .log: single("Log", [input(0)])
        case .sqrt: single("Sqrt", [input(0)])
        case .neg: single("Neg", [input(0)])
        case .abs: single("Abs", [input(0)])
        case .erf: single("Erf", [input(0)])
        case .reciprocal: single("Reciprocal", [input(0)])
        case .silu:
            let s = emit("Sigmoid", [input(0)], module: module)[0]
            single("Mul", [input(0), s])
        case .gelu(let approximate):
            // opset 17 has no Gelu (it is opset 20's): torch's own decompositions.
            let x = input(0)
            if approximate == "tanh" {
                let cube = emit("Mul", [emit("Mul", [x, x], module: module)[0], x], module: module)[0]
                let inner = emit(
                    "Add", [x, emit("Mul", [cube, scalar(0.044715)], module: module)[0]], module: module)[0]
                let t = emit(
                    "Tanh", [emit("Mul", [inner, scalar((2 / Double.pi).squareRoot())], module: module)[0]],
                    module: module)[0]
                let half = emit("Mul", [x, scalar(0.5)], module: module)[0]
                single("Mul", [half, emit("Add", [t, scalar(1)], module: module)[0]])
            } else {
                let e = emit("Erf", [emit("Div", [x, scalar(2.0.squareRoot())], module: module)[0]], module: module)[0]
                let half = emit("Mul", [x, scalar(0.5)], module: module)[0]
                single("Mul", [half, emit("Add", [e, scalar(1)], module: module)[0]])
            }
        case .softmax(let dim): single("Softmax", [input(0)], [.int("axis", dim)])
        case .logSoftmax(let dim): single("LogSoftmax", [input(0)], [.int("axis", dim)])
        case .add(let alpha), .sub(let alpha):
            guard tensorInputs.count == 2, node.inputs.count == 2 else {
                throw fail("a Scalar operand is not recorded with the op")
            }
            var b = input(1)
            if alpha.doubleValue != 1 { b = emit("Mul", [b, scalar(alpha.doubleValue)], module: module)[0] }
            if case .add = node.op { single("Add", [input(0), b]) } else { single("Sub", [input(0), b]) }
        case .mul, .div:
            guard tensorInputs.count == 2, node.inputs.count == 2 else {
                throw fail("a Scalar operand is not recorded with the op")
            }
            if case .mul = node.op {
                single("Mul", [input(0), input(1)])
            } else {
                single("Div", [input(0), input(1)])
            }
        case .mulScalar(let s): single("Mul", [input(0), scalar(s.doubleValue)])
        case .divScalar(let s): single("Div", [input(0), scalar(s.doubleValue)])
        case .mm, .matmul, .bmm: single("MatMul", [input(0), input(1)])
        case .addmm(let beta, let alpha):
            // Gemm(A, B, C); a transposed 2-D parameter is read as itself with transB, as torch writes Linear.
            var attributes: [OnnxAttribute] = [.float("alpha", alpha.doubleValue), .float("beta", beta.doubleValue)]
            var b = input(2)
            if let transposed = transposedParameter(node.inputs[2]!) {
                b = name(transposed)
                attributes.append(.int("transB", 1))
            }
            single("Gemm", [input(1), b, input(0)], attributes)
        case .convolution(let stride, let padding, let dilation, let transposed, let outputPadding, let groups):
            var inputs = [input(0), input(1)]
            if node.inputs.count > 2, node.inputs[2] != nil { inputs.append(input(2)) }
            let kernel = Array(node.inputTensors[1]!.sizes.dropFirst(2))
            var attributes: [OnnxAttribute] = [
                .ints("dilations", dilation), .int("group", groups), .ints("kernel_shape", kernel),
                .ints("pads", padding + padding),
                .ints("strides", stride),
            ]
            if transposed { attributes.append(.ints("output_padding", outputPadding)) }
            single(transposed ? "ConvTranspose" : "Conv", inputs, attributes)
        case .nativeBatchNorm(let training, _, let eps, let statistics):
            guard !training else { throw fail("BatchNorm in training mode: export the model after model.eval()") }
            guard let mean = statistics.runningMean, let variance = statistics.runningVar else {
                throw fail("no running statistics")
            }
            let channels = node.inputTensors[0]!.size(1), dtype = node.inputTensors[0]!.dtype
            let scale =
                node.inputs.count > 1 && node.inputs[1] != nil
                ? input(1) : constant(Tensor.ones([channels], dtype: dtype), "Ones")
            let bias =
                node.inputs.count > 2 && node.inputs[2] != nil
                ? input(2) : constant(Tensor.zeros([channels], dtype: dtype), "Zeros")
            single(
                "BatchNormalization",
                [input(0), scale, bias, name(graph.value(of: mean)), name(graph.value(of: variance))],
                [.float("epsilon", eps)])
        case .nativeLayerNorm(let shape, let eps):
            let dtype = node.inputTensors[0]!.dtype
            let scale =
                node.inputs.count > 1 && node.inputs[1] != nil
                ? input(1) : constant(Tensor.ones(shape, dtype: dtype), "Ones")
            var inputs = [input(0), scale]
            if node.inputs.count > 2, node.inputs[2] != nil { inputs.append(input(2)) }
            single("LayerNormalization", inputs, [.int("axis", -shape.count), .float("epsilon", eps)])
        case .linear(let map):
            let (type, attributes) = try poolNode(map, fail: fail)
            single(type, [input(0)], attributes)
        case .clone, .cast:
            if case .cast = node.op {
                guard let type = OnnxDataType(node.outputTensors[0].dtype) else {
                    throw fail("dtype \(node.outputTensors[0].dtype)")
                }
                single("Cast", [input(0)], [.int("to", Int(type.rawValue))])
            } else {
                bind(out, to: input(0))
            }
        case .transpose(let a, let b):
            let rank = node.inputTensors[0]!.ndim
            var perm = Array(0..<rank)
            perm.swapAt((a + rank) % rank, (b + rank) % rank)
            single("Transpose", [input(0)], [.ints("perm", perm)])
        case .permute(let dims):
            let rank = dims.count
            single("Transpose", [input(0)], [.ints("perm", dims.map { ($0 + rank) % rank })])
        case .cat(let dim):
            single("Concat", node.inputs.map { name($0!) }, [.int("axis", dim)])
        case .stack(let dim):
            let axis = dim < 0 ? dim + node.outputTensors[0].ndim : dim
            let axes = int64s([axis], "Axes")
            var parts: [String] = []
            for id in node.inputs { parts.append(emit("Unsqueeze", [name(id!), axes], module: module)[0]) }
            single("Concat", parts, [.int("axis", axis)])
        case .view, .reshape, .squeeze, .unsqueeze, .asStrided, .subscriptView, .expand:
            switch try viewLowering(node, partner: partner, fail: fail) {
            case .alias: bind(out, to: input(0))
            case .reshape(let shape): single("Reshape", [input(0), int64s(shape, "Shape")])
            case .expand(let shape): single("Expand", [input(0), int64s(shape, "Shape")])
            case .transpose(let perm): single("Transpose", [input(0)], [.ints("perm", perm)])
            case .select(let axis, let index):
                single("Gather", [input(0), constant(Tensor(Int64(index)), "Index")], [.int("axis", axis)])
            case .slice(let axis, let start, let end, let step):
                single(
                    "Slice",
                    [
                        input(0), int64s([start], "Starts"), int64s([end], "Ends"), int64s([axis], "Axes"),
                        int64s([step], "Steps"),
                    ])
            }
        case .rnnLayer(let saved):
            try lowerRecurrent(node, saved, fail: fail)
        case .maskedFill(let mask):
            // The fill value is not in the tag; it is exactly what the op wrote where the mask is set.
            let x = node.inputTensors[0]!, y = node.outputTensors[0]
            let m = mask.expand(y.sizes).contiguous().to(.bool)
            let flat = m.reshape([-1]), values = y.contiguous().reshape([-1])
            guard node.inputs.count < 2 || node.inputs[1] == nil else { throw fail("a tensor fill value") }
            var fill = 0.0
            if let k = (0..<flat.numel).first(where: { flat[$0].item(Bool.self) }) {
                fill = values[k].item(Double.self)
            }
            _ = x
            single("Where", [name(graph.value(of: mask)), scalar(fill), input(0)])
        default:
            throw fail("no ONNX lowering for this op")
        }
    }

    /// The 2-D parameter whose transpose (a view of it) `id` is, if it is one.
    private func transposedParameter(_ id: Int) -> Int? {
        guard let t = graph.staticTensors[id], t.ndim == 2 else { return nil }
        for i in graph.initializers where i.tensor.ndim == 2 && i.tensor.storage === t.storage {
            let p = i.tensor
            if p.sizes == t.sizes.reversed() && p.strides == t.strides.reversed() && p.storageOffset == t.storageOffset
            {
                return i.value
            }
        }
        return nil
    }

    /// The pooling node of a linear NN map (max pooling knows its window, average pooling its arguments).
    private func poolNode(_ map: LinearNNMap, fail: (String) -> OnnxError) throws(OnnxError) -> (
        String, [OnnxAttribute]
    ) {
        switch map {
        case .planeGather(_, _, false, let window?):
            return (
                "MaxPool",
                [
                    .int("ceil_mode", window.ceilMode ? 1 : 0), .ints("dilations", window.dilation),
                    .ints("kernel_shape", window.kernelSize),
                    .ints("pads", window.padding + window.padding), .ints("strides", window.stride),
                ]
            )
        case .avgPool2d(_, let kernel, let stride, let padding, let ceilMode, let includePad, let divisor):
            guard divisor == nil else { throw fail("avg_pool2d with divisor_override") }
            return (
                "AveragePool",
                [
                    .int("ceil_mode", ceilMode ? 1 : 0), .int("count_include_pad", includePad ? 1 : 0),
                    .ints("kernel_shape", kernel),
                    .ints("pads", padding + padding), .ints("strides", stride),
                ]
            )
        case .adaptiveAvgPool2d(_, let outputSize) where outputSize == [1, 1]:
            return ("GlobalAveragePool", [])
        default:
            throw fail("\(map.name.dropLast("Backward0".count)) has no ONNX lowering here")
        }
    }

    /// Views and reshapes: a same-order reinterpretation of the elements is a Reshape (the batch axis kept
    /// symbolic when it is dynamic), the same geometry is nothing, a broadcast is an Expand.
    enum ViewLowering {
        case alias, reshape([Int]), expand([Int]), transpose([Int]), select(axis: Int, index: Int)
        case slice(axis: Int, start: Int, end: Int, step: Int)
    }

    /// What a view is, read from its geometry against its input's: the same geometry (nothing), a
    /// same-order reinterpretation (Reshape, the batch axis kept symbolic when dynamic), a broadcast
    /// (Expand), one index of one dim (Gather) or a strided range of one dim (Slice).
    private func viewLowering(_ node: TracedGraph.Node, partner: TracedGraph.Node?, fail: (String) -> OnnxError)
        throws(OnnxError) -> ViewLowering
    {
        let x = node.inputTensors[0]!, y = node.outputTensors[0]
        if y.sizes == x.sizes && y.strides == x.strides && y.storageOffset == x.storageOffset { return .alias }
        // The one dim that follows the batch becomes -1 (Reshape infers it); Expand keeps it with 1.
        var target = y.sizes
        if let other = partner?.outputTensors[0].sizes, other.count == target.count {
            let batchDims = target.indices.filter { target[$0] != other[$0] }
            guard batchDims.count <= 1 else {
                throw fail("a view with \(batchDims.count) dims that follow the batch size")
            }
            for d in batchDims { target[d] = -1 }
        }
        if case .expand = node.op { return .expand(target.map { $0 == -1 ? 1 : $0 }) }
        switch node.op {
        case .view, .reshape, .squeeze, .unsqueeze: return .reshape(target)  // row-major by definition
        default: break
        }
        if x.isContiguous && y.isContiguous && x.storageOffset == y.storageOffset && x.numel == y.numel {
            return .reshape(target)
        }
        if let perm = permutation(from: x, to: y) { return .transpose(perm) }
        let shift = y.storageOffset - x.storageOffset
        for d in 0..<x.ndim where x.stride(d) != 0 {
            var sizes = x.sizes, strides = x.strides
            sizes.remove(at: d)
            strides.remove(at: d)
            if y.sizes == sizes && y.strides == strides && shift % x.stride(d) == 0 {
                return .select(axis: d, index: shift / x.stride(d))
            }
            if y.ndim == x.ndim
                && y.sizes.enumerated().allSatisfy({ $0.offset == d || $0.element == x.size($0.offset) })
                && y.strides.enumerated().allSatisfy({ $0.offset == d || $0.element == x.stride($0.offset) })
                && y.stride(d) % x.stride(d) == 0 && shift % x.stride(d) == 0 && y.stride(d) > 0
            {
                let start = shift / x.stride(d), step = y.stride(d) / x.stride(d)
                return .slice(axis: d, start: start, end: start + step * (y.size(d) - 1) + 1, step: step)
            }
        }
        throw fail(
            "a strided view of shape \(y.shape) (strides \(y.strides)) of shape \(x.shape) (strides \(x.strides))")
    }

    /// The dims of `x` that `y` lists, when `y` is `x` with its dims reordered (same elements, same start).
    private func permutation(from x: Tensor, to y: Tensor) -> [Int]? {
        guard x.ndim == y.ndim, x.storageOffset == y.storageOffset else { return nil }
        var free = Array(0..<x.ndim), perm: [Int] = []
        for i in 0..<y.ndim {
            // Prefer a dim with the same size and stride; size-1 dims' strides do not matter.
            let k = free.firstIndex { x.size($0) == y.size(i) && (x.stride($0) == y.stride(i) || y.size(i) == 1) }
            guard let k else { return nil }
            perm.append(free.remove(at: k))
        }
        return perm
    }
}
