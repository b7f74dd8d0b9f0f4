import Foundation
import Testing
import TorchTestSupport

@testable import TensorCore

/// float16 and bfloat16 through the NN ops against nn_half_precision.json (generate/nn_half_precision.py):
/// outputs, saved statistics and the aten backward's gradients, in torch's dtypes (float32 statistics and
/// parameter gradients where torch's CPU "mixed type" takes float32 parameters). We compute in float32 and
/// round once; torch does too in most of these kernels, but some round intermediates in the reduced dtype
/// (avg/adaptive pooling's backward accumulates in it, batch norm's output uses rounded statistics). So each
/// value is judged against the same op in float64 on the same inputs (`_exact`): ours must be within one
/// unit in the last place of it, or no farther from it than torch's — equal to torch where torch rounds
/// once, more accurate where it does not.
@Suite struct NNHalfPrecisionTests {
    static func cases() throws -> [String: Any] { try Fixture("nn_half_precision").cases }

    func dtypeCases() throws -> [(String, [String: Any])] {
        let cases = try Self.cases()
        return try ["float16", "bfloat16"].map { ($0, try #require(cases[$0] as? [String: Any])) }
    }

    struct Case {
        let name: String
        let values: [String: Any]
        func callAsFunction(_ key: String) throws -> Tensor {
            try Fixture.decodeTensor(try #require(values[key], "\(name).\(key)"))
        }

        /// `ours` against torch's `key` and the float64 `key_exact` (see the suite's comment).
        func check(_ ours: Tensor, _ key: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let torch = try self(key), exact = try self(key + "_exact")
            #expect(
                ours.dtype == torch.dtype && ours.shape == torch.shape,
                "\(name).\(key): \(ours.dtype)\(ours.shape) vs \(torch.dtype)\(torch.shape)",
                sourceLocation: sourceLocation)
            guard ours.shape == torch.shape else { return }
            let (o, t, e) = (ours.toArray(Double.self), torch.toArray(Double.self), exact.toArray(Double.self))
            let mantissa: Int =
                switch ours.dtype {
                case .float16: 10
                case .bfloat16: 7
                default: 23
                }
            // float32 arithmetic on the way: a few float32 units at the tensor's scale.
            let slack = 4 * e.reduce(0) { max($0, abs($1)) } * 0x1p-23
            var worst = (index: -1, ours: 0.0, torch: 0.0, exact: 0.0)
            for i in e.indices {
                let ulp = e[i] == 0 ? 0x1p-24 : Double(sign: .plus, exponent: e[i].exponent - mantissa, significand: 1)
                if abs(o[i] - e[i]) > max(abs(t[i] - e[i]), ulp) + slack, worst.index < 0 {
                    worst = (i, o[i], t[i], e[i])
                }
            }
            #expect(
                worst.index < 0,
                "\(name).\(key)[\(worst.index)]: ours \(worst.ours), torch \(worst.torch), exact \(worst.exact)",
                sourceLocation: sourceLocation)
        }
    }

    func each(_ prefix: String, _ body: (Case) throws -> Void) throws {
        var seen = 0
        for (dtype, cases) in try dtypeCases() {
            for (name, value) in cases where name == prefix || name.hasPrefix(prefix + "_") {
                try body(Case(name: "\(dtype) \(name)", values: try #require(value as? [String: Any])))
                seen += 1
            }
        }
        #expect(seen >= 2, "no cases for \(prefix)")
    }

    @Test func layerNorm() throws {
        try each("layer_norm") { c in
            let r = NNOps.layerNorm(try c("x"), normalizedShape: [4], weight: try c("w"), bias: try c("b"))
            try c.check(r.output, "out")
            try c.check(r.mean, "mean")
            try c.check(r.rstd, "rstd")
            let g = NNOps.layerNormBackward(
                try c("g"), try c("x"), normalizedShape: [4], mean: try c("mean"), rstd: try c("rstd"),
                weight: try c("w"), bias: try c("b"))
            try c.check(try #require(g.gradInput), "gi")
            try c.check(try #require(g.gradWeight), "gw")
            try c.check(try #require(g.gradBias), "gb")
        }
    }

    @Test func groupNorm() throws {
        try each("group_norm") { c in
            let r = NNOps.groupNorm(try c("x"), numGroups: 2, weight: try c("w"), bias: try c("b"))
            try c.check(r.output, "out")
            try c.check(r.mean, "mean")
            try c.check(r.rstd, "rstd")
            let g = NNOps.groupNormBackward(
                try c("g"), try c("x"), mean: try c("mean"), rstd: try c("rstd"), weight: try c("w"), numGroups: 2)
            try c.check(try #require(g.gradInput), "gi")
            try c.check(try #require(g.gradWeight), "gw")
            try c.check(try #require(g.gradBias), "gb")
        }
    }

    /// Training updates the running stats in place in their own dtype (rounded once, as torch's kernel does).
    @Test func batchNorm() throws {
        try each("batch_norm") { c in
            let training = c.name.hasSuffix("trainTrue")
            let (rm, rv) = (try c("rm"), try c("rv"))
            let r = NNOps.batchNorm(
                try c("x"), runningMean: rm, runningVar: rv, weight: try c("w"), bias: try c("b"), training: training)
            try c.check(r.output, "out")
            try c.check(r.saveMean, "save_mean")
            try c.check(r.saveInvstd, "save_invstd")
            try c.check(rm, "rm_after")
            try c.check(rv, "rv_after")
            let g = NNOps.batchNormBackward(
                try c("g"), try c("x"), weight: try c("w"), runningMean: try c("rm"), runningVar: try c("rv"),
                saveMean: try c("save_mean"), saveInvstd: try c("save_invstd"), training: training)
            try c.check(try #require(g.gradInput), "gi")
            try c.check(try #require(g.gradWeight), "gw")
            try c.check(try #require(g.gradBias), "gb")
        }
    }

    @Test func convolution() throws {
        try each("conv2d") { c in
            try c.check(NNOps.conv2d(try c("x"), try c("w"), try c("b"), padding: 1), "out")
            let g = NNOps.convolutionBackward(
                try c("g"), try c("x"), try c("w"), biasSizes: [4], stride: [1, 1], padding: [1, 1], dilation: [1, 1],
                transposed: false, outputPadding: [0, 0], groups: 1)
            try c.check(try #require(g.gradInput), "gi")
            try c.check(try #require(g.gradWeight), "gw")
            try c.check(try #require(g.gradBias), "gb")
        }
        try each("conv1d") { c in try c.check(NNOps.conv1d(try c("x"), try c("w"), stride: 2), "out") }
    }

    @Test func pooling() throws {
        try each("max_pool2d") { c in
            let r = NNOps.maxPool2dWithIndices(try c("x"), kernelSize: 3, stride: 2, padding: 1)
            expectEqual(r.output, try c("out"), c.name)  // a maximum is exact
            expectEqual(r.indices, try c("indices"), c.name)
            try c.check(NNOps.maxPool2dWithIndicesBackward(try c("g"), try c("x"), indices: r.indices), "gi")
        }
        try each("avg_pool2d") { c in
            try c.check(NNOps.avgPool2d(try c("x"), kernelSize: 3, stride: 2, padding: 1), "out")
            try c.check(NNOps.avgPool2dBackward(try c("g"), try c("x"), kernelSize: 3, stride: 2, padding: 1), "gi")
        }
        try each("adaptive_avg_pool2d") { c in
            try c.check(NNOps.adaptiveAvgPool2d(try c("x"), outputSize: 3), "out")
            try c.check(NNOps.adaptiveAvgPool2dBackward(try c("g"), try c("x")), "gi")
        }
        try each("adaptive_max_pool2d") { c in
            let r = NNOps.adaptiveMaxPool2d(try c("x"), outputSize: 3)
            expectEqual(r.output, try c("out"), c.name)
            expectEqual(r.indices, try c("indices"), c.name)
        }
    }

    @Test func interpolate() throws {
        try each("interpolate_nearest") { c in
            expectEqual(NNOps.interpolate(try c("x"), scaleFactor: [2], mode: "nearest"), try c("out"), c.name)
            try c.check(
                NNOps.upsampleNearest2dBackward(
                    try c("g"), outputSize: [6, 8], inputSize: [1, 2, 3, 4], scales: [2, 2]), "gi")
        }
        try each("interpolate_bilinear") { c in
            let align = c.name.hasSuffix("True")
            try c.check(NNOps.interpolate(try c("x"), size: [5, 7], mode: "bilinear", alignCorners: align), "out")
            try c.check(
                NNOps.upsampleBilinear2dBackward(
                    try c("g"), outputSize: [5, 7], inputSize: [1, 2, 3, 4], alignCorners: align), "gi")
        }
    }

    /// Each loss's value and its gradient w.r.t. the input (cotangent 1), through the backward kernels.
    @Test func losses() throws {
        for (dtype, cases) in try dtypeCases() {
            func c(_ name: String) throws -> Case {
                Case(name: "\(dtype) \(name)", values: try #require(cases[name] as? [String: Any]))
            }
            let ce = try c("cross_entropy")
            let logits = try ce("x"), classes = try ce("t")
            let one = Tensor(1.0).to(logits.dtype)
            func check(_ name: String, _ value: Tensor, _ grad: Tensor) throws {
                let k = try c(name)
                try k.check(value, "out")
                try k.check(grad, "gi")
            }
            try check(
                "cross_entropy", NNOps.crossEntropy(logits, classes), NNOps.crossEntropyBackward(one, logits, classes))
            try check(
                "cross_entropy_smoothing", NNOps.crossEntropy(logits, classes, labelSmoothing: 0.1),
                NNOps.crossEntropyBackward(one, logits, classes, labelSmoothing: 0.1))
            let weight = try c("cross_entropy_weight")("w")
            try check(
                "cross_entropy_weight", NNOps.crossEntropy(logits, classes, weight: weight),
                NNOps.crossEntropyBackward(one, logits, classes, weight: weight))
            let probs = try c("cross_entropy_probs")("t")
            try check(
                "cross_entropy_probs", NNOps.crossEntropy(logits, probs), NNOps.crossEntropyBackward(one, logits, probs)
            )

            let nll = try c("nll_loss")
            let r = NNOps.nllLossForward(try nll("x"), try nll("t"), weight: try nll("w"))
            try nll.check(r.output, "out")
            try nll.check(r.totalWeight, "total_weight")
            try nll.check(
                NNOps.nllLossBackward(
                    try nll("g"), try nll("x"), try nll("t"), weight: try nll("w"), totalWeight: r.totalWeight), "gi")
            try nll.check(NNOps.nllLoss(try nll("x"), try nll("t"), reduction: .none), "none")

            let y = try c("bce_with_logits")("t"), y2 = try c("mse_loss")("t")
            try check(
                "bce_with_logits", NNOps.binaryCrossEntropyWithLogits(logits, y),
                NNOps.binaryCrossEntropyWithLogitsBackward(one, logits, y))
            try check("mse_loss", NNOps.mseLoss(logits, y2), NNOps.mseLossBackward(one, logits, y2))
            try check("l1_loss", NNOps.l1Loss(logits, y2), NNOps.l1LossBackward(one, logits, y2))
            try check("smooth_l1_loss", NNOps.smoothL1Loss(logits, y2), NNOps.smoothL1LossBackward(one, logits, y2))
            try check(
                "huber_loss", NNOps.huberLoss(logits, y2, delta: 0.5),
                NNOps.huberLossBackward(one, logits, y2, delta: 0.5))
            let logp = try nll("x"), target = try c("kl_div")("t")
            try check(
                "kl_div", NNOps.klDiv(logp, target, reduction: .batchmean),
                NNOps.klDivBackward(one, logp, target, reduction: .batchmean))
            let bce = try c("binary_cross_entropy")
            try check(
                "binary_cross_entropy", NNOps.binaryCrossEntropy(try bce("x"), try bce("t")),
                NNOps.binaryCrossEntropyBackward(one, try bce("x"), try bce("t")))
        }
    }

    @Test func embeddingBackward() throws {
        try each("embedding_backward") { c in
            let (g, indices) = (try c("g"), try c("indices"))
            try c.check(NNOps.embeddingBackward(g, indices, numWeights: 5), "gi")
            try c.check(NNOps.embeddingBackward(g, indices, numWeights: 5, paddingIdx: 2), "gi_padding")
            try c.check(NNOps.embeddingBackward(g, indices, numWeights: 5, scaleGradByFreq: true), "gi_freq")
        }
    }

    /// Dropout draws torch's keep-masks from the seeded generator and rounds as torch does (the mask divided
    /// by 1 − p rounded first, then the product), so the outputs are torch's bit for bit.
    @Test func dropout() throws {
        try each("dropout") { c in
            let seed = try #require(c.values["seed"] as? Int)
            _ = manualSeed(UInt64(seed))
            let out =
                c.name.hasSuffix("dropout2d")
                ? NNOps.featureDropout(try c("x"), p: 0.5).output : NNOps.dropout(try c("x"), p: 0.3)
            expectEqual(out, try c("out"), c.name)
        }
    }

    @Test func attentionBagsPaddingAndVolumes() throws {
        try each("sdpa") { c in
            try c.check(
                NNOps.scaledDotProductAttention(try c("q"), try c("k"), try c("v"), attnMask: try c("m")), "out")
        }
        try each("embedding_bag") { c in
            let mode = EmbeddingBagMode(rawValue: String(c.name.split(separator: "_").last!))!
            try c.check(NNOps.embeddingBag(try c("w"), try c("i"), offsets: try c("o"), mode: mode).output, "out")
        }
        try each("reflection_pad2d_backward") { c in
            try c.check(
                NNOps.padBackward(try c("g"), inputSizes: [1, 2, 3, 4], pad: [2, 1, 1, 2], mode: "reflect"), "gi")
        }
        try each("max_pool3d") { c in
            let r = NNOps.maxPool3dWithIndices(try c("x"), kernelSize: [2, 2, 2])
            expectEqual(r.output, try c("out"), c.name)
            expectEqual(r.indices, try c("indices"), c.name)
        }
        try each("adaptive_avg_pool3d") { c in
            try c.check(NNOps.adaptiveAvgPool3d(try c("x"), outputSize: [3, 3, 3]), "out")
        }
    }

    /// max_pool2d for every integer dtype (the window's first maximum); avg_pool2d for int64 with C++'s
    /// truncating division, padding, count_include_pad, divisor_override and ceil_mode.
    @Test func integerPooling() throws {
        let ints = try #require(try Self.cases()["integers"] as? [String: Any])
        var seen = 0
        for (name, value) in ints {
            let c = Case(name: name, values: try #require(value as? [String: Any]))
            let x = try c("x")
            let parts = name.split(separator: "_")
            switch name {
            case _ where name.hasPrefix("max_pool2d_"):
                let r: (output: Tensor, indices: Tensor)
                switch parts.last! {
                case "k2": r = NNOps.maxPool2dWithIndices(x, kernelSize: 2)
                case "k2s1p1": r = NNOps.maxPool2dWithIndices(x, kernelSize: 2, stride: 1, padding: 1)
                default: r = NNOps.maxPool2dWithIndices(x, kernelSize: 2, stride: 1, dilation: 2)
                }
                expectEqual(r.output, try c("out"), name)
                expectEqual(r.indices, try c("indices"), name)
            case "avg_pool2d_int64_k2": expectEqual(NNOps.avgPool2d(x, kernelSize: 2), try c("out"), name)
            case "avg_pool2d_int64_k3s1p1":
                expectEqual(NNOps.avgPool2d(x, kernelSize: 3, stride: 1, padding: 1), try c("out"), name)
            case "avg_pool2d_int64_k3s1p1_exclude":
                expectEqual(
                    NNOps.avgPool2d(x, kernelSize: 3, stride: 1, padding: 1, countIncludePad: false), try c("out"), name
                )
            case "avg_pool2d_int64_k2_divisor3":
                expectEqual(NNOps.avgPool2d(x, kernelSize: 2, divisorOverride: 3), try c("out"), name)
            case "avg_pool2d_int64_k3s2p1_ceil":
                expectEqual(
                    NNOps.avgPool2d(x, kernelSize: 3, stride: 2, padding: 1, ceilMode: true), try c("out"), name)
            case "avg_pool1d_int64": expectEqual(NNOps.avgPool1d(x, kernelSize: 2), try c("out"), name)
            case "max_pool1d_with_indices_int64":
                let r = NNOps.maxPool1dWithIndices(x, kernelSize: 2)
                let expected = try #require(c.values["out"] as? [Any])
                expectEqual(r.output, try Fixture.decodeTensor(expected[0]), name)
                expectEqual(r.indices, try Fixture.decodeTensor(expected[1]), name)
            default: Issue.record("unchecked case \(name)")
            }
            seen += 1
        }
        #expect(seen == 22)
    }

    static func torchError(_ name: String) throws -> String {
        let errors = try #require(try cases()["errors"] as? [String: String])
        return try #require(errors[name])
    }

    static func stderr(_ result: ExitTest.Result?) -> String {
        String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    }

    /// The dtype mixes torch refuses, refused with its messages (before any float32 copy could hide them).
    @Test(arguments: [
        "layer_norm_float_input_half_weight", "layer_norm_half_weight_float_bias", "batch_norm_float_weight_half_bias",
        "conv2d_half_input_float_bias", "conv2d_half_input_bfloat16_weight", "conv2d_float_input_double_bias",
        "cross_entropy_half_float_weight", "max_pool1d_int64", "avg_pool2d_int32", "avg_pool2d_uint8",
        "adaptive_avg_pool2d_int64",
        "avg_pool3d_half",
    ])
    func refusedMixes(_ name: String) async throws {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) { [name] in
            let h = Tensor.randn(2, 3, 4).half()
            let xi = Tensor([Int64](0..<16)).view(1, 1, 4, 4)
            switch name {
            case "layer_norm_float_input_half_weight":
                _ = NNOps.layerNorm(h.float(), normalizedShape: [4], weight: Tensor.ones([4]).half())
            case "layer_norm_half_weight_float_bias":
                _ = NNOps.layerNorm(h, normalizedShape: [4], weight: Tensor.ones([4]).half(), bias: Tensor.zeros([4]))
            case "batch_norm_float_weight_half_bias":
                _ = NNOps.batchNorm(
                    h, runningMean: Tensor.zeros([3]), runningVar: Tensor.ones([3]), weight: Tensor.ones([3]),
                    bias: Tensor.zeros([3]).half(), training: true)
            case "conv2d_half_input_float_bias":
                _ = NNOps.conv2d(Tensor.ones([1, 1, 3, 3]).half(), Tensor.ones([1, 1, 2, 2]).half(), Tensor.ones([1]))
            case "conv2d_half_input_bfloat16_weight":
                _ = NNOps.conv2d(Tensor.ones([1, 1, 3, 3]).half(), Tensor.ones([1, 1, 2, 2]).bfloat16())
            case "conv2d_float_input_double_bias":
                _ = NNOps.conv2d(Tensor.ones([1, 1, 3, 3]), Tensor.ones([1, 1, 2, 2]), Tensor.ones([1]).double())
            case "cross_entropy_half_float_weight":
                _ = NNOps.crossEntropy(Tensor.randn(2, 3).half(), Tensor([Int64(0), 1]), weight: Tensor.ones([3]))
            case "max_pool1d_int64": _ = NNOps.maxPool1d(xi[0], kernelSize: 2)
            case "avg_pool2d_int32": _ = NNOps.avgPool2d(xi.int(), kernelSize: 2)
            case "avg_pool2d_uint8": _ = NNOps.avgPool2d(xi.to(.uint8), kernelSize: 2)
            case "avg_pool3d_half": _ = NNOps.avgPool3d(Tensor.randn(1, 1, 2, 2, 2).half(), kernelSize: [2, 2, 2])
            default: _ = NNOps.adaptiveAvgPool2d(xi, outputSize: 2)
            }
        }
        #expect(Self.stderr(result).contains(try Self.torchError(name)), "\(Self.stderr(result))")
    }
}
