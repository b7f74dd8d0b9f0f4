import Autodiff
import Foundation
import Layers
import TensorCore
import Testing
import TorchTestSupport

/// `autocast` against torch's CPU autocast (Tests/Fixtures/autocast.json, generate/autocast.py): the dtype
/// every listed op (and some unlisted ones) returns for float32, float64 and mixed inputs inside a bfloat16
/// and a float16 region and outside any; values of the lower-precision products; gradients reaching float32
/// parameters through the recorded casts.
@Suite("autocast") struct AutocastTests {
    /// The generator's ops on the generator's inputs (the fixture's tensors under the same names).
    static func ops(_ f: Fixture) throws -> [String: () -> Tensor] {
        let inputs = try #require(f["inputs"] as? [String: Any])
        func t(_ name: String) -> Tensor { try! Fixture.decodeTensor(inputs[name]!) }
        let (a, b, c, ba, bb, bc) = (t("A"), t("B"), t("C"), t("BA"), t("BB"), t("BC"))
        let (x1, w1, x2, w2, wt2, x3, w3) = (t("X1"), t("W1"), t("X2"), t("W2"), t("WT2"), t("X3"), t("W3"))
        let (bias, lw, lb, q, target, labels, p) = (t("BIAS"), t("LW"), t("LB"), t("Q"), t("T"), t("LABELS"), t("P"))
        let (sq, spd) = (t("SQ"), t("SPD"))
        return [
            "matmul": { a.matmul(b) }, "mm": { a.mm(b) }, "bmm": { ba.bmm(bb) },
            "addmm": { Tensor.addmm(c, a, b) }, "baddbmm": { Tensor.baddbmm(bc, ba, bb) },
            "linear": { F.linear(a, lw, lb) }, "conv1d": { F.conv1d(x1, w1, bias) },
            "conv2d": { F.conv2d(x2, w2, bias, padding: 1) }, "conv3d": { F.conv3d(x3, w3) },
            "conv_transpose2d": { F.convTranspose2d(x2, wt2) }, "prelu": { F.prelu(x2, Tensor([Float(0.25)])) },
            "scaled_dot_product_attention": { F.scaledDotProductAttention(q, q, q) },
            "mse_loss": { F.mseLoss(target, c) }, "l1_loss": { F.l1Loss(target, c) },
            "smooth_l1_loss": { F.smoothL1Loss(target, c) }, "huber_loss": { F.huberLoss(target, c) },
            "cross_entropy": { F.crossEntropy(target, labels) }, "nll_loss": { F.nllLoss(target, labels) },
            "binary_cross_entropy": { F.binaryCrossEntropy(p, p.round()) },
            "binary_cross_entropy_with_logits": { F.binaryCrossEntropyWithLogits(target, p) },
            "kl_div": { F.klDiv(target, p, reduction: .batchmean) },
            "avg_pool3d": { F.avgPool3d(x3, kernelSize: 2) }, "max_pool3d": { F.maxPool3d(x3, kernelSize: 2) },
            "adaptive_avg_pool3d": { F.adaptiveAvgPool3d(x3, outputSize: 1) },
            "prod": { target.prod() }, "trace": { sq.trace() }, "inverse": { sq.inverse() },
            "det": { Linalg.det(sq) }, "cholesky": { Linalg.cholesky(spd) },
            "vector_norm": { Linalg.vectorNorm(target) },
            "cat_mixed": { Tensor.cat([target.bfloat16(), c]) },
            "stack_mixed": { Tensor.stack([target.bfloat16(), c]) },
            "cat_half_pair": { Tensor.cat([target.half(), c.bfloat16()]) }, "cat_float32": { Tensor.cat([target, c]) },
            "cat_half_then_float32": { Tensor.cat([target.half(), c]) },
            "cat_float64_and_half": { Tensor.cat([target.double(), c.half()]) },
            "relu": { F.relu(target) }, "softmax": { F.softmax(target, dim: 1) },
            "layer_norm": { F.layerNorm(target, normalizedShape: [3]) }, "sum": { target.sum() },
            "add_after_linear": { F.linear(a, lw) + lb },
            "matmul_float64": { a.double().matmul(b.double()) },
            "mse_loss_bfloat16_input": { F.mseLoss(target.bfloat16(), c.bfloat16()) },
        ]
    }

    static func name(_ dtype: DType) -> String { "\(dtype)".replacingOccurrences(of: "torch.", with: "") }

    @Test func everyListedOpReturnsTorchsDType() throws {
        let f = try Fixture("autocast")
        let table = try #require(f["table"] as? [String: [String: String]])
        let ops = try Self.ops(f)
        for (op, row) in table where ops[op] != nil {
            let run = ops[op]!
            #expect(Self.name(run().dtype) == row["outside"], "\(op) outside autocast")
            for dtype in [DType.bfloat16, .float16] {
                let expected = try #require(row[Self.name(dtype)])
                // torch's error rows (prioritize's mix of the two half types) are the exit test's.
                guard !expected.hasPrefix("error") else { continue }
                let got = autocast(dtype: dtype) { run().dtype }
                #expect(Self.name(got) == expected, "\(op) in a \(dtype) region")
            }
        }
        #expect(ops.keys.allSatisfy { table[$0] != nil }, "every op here is in torch's table")
    }

    @Test func lowerPrecisionValuesMatchTorch() throws {
        let f = try Fixture("autocast")
        let values = try #require(f["values"] as? [String: Any])
        let ops = try Self.ops(f)
        for (key, value) in values {
            let op = String(key[..<key.lastIndex(of: "_")!])
            let dtype: DType = key.hasSuffix("bfloat16") ? .bfloat16 : key.hasSuffix("float16") ? .float16 : .float32
            let expected = try Fixture.decodeTensor(value)
            let region: DType = expected.dtype == .float32 ? (key.contains("bfloat16") ? .bfloat16 : .float16) : dtype
            let got = autocast(dtype: region) { ops[op]!() }
            // torch's oneDNN kernels and ours both accumulate in float32 and round once, in different orders:
            // one unit in the last place of the half type at most (bf16 rtol 1.6e-2 is assert_close's).
            expectClose(got, expected, key)
        }
        #expect(values.count == 14, "six ops in two dtypes, and the two float32 losses")
    }

    @Test func recurrentLayersFollowTorchsLists() throws {
        let f = try Fixture("autocast")
        let table = try #require(f["table"] as? [String: [String: String]])
        manualSeed(1)
        let lstm = LSTM(5, 4, batchFirst: true), gru = GRU(5, 4, batchFirst: true)
        let seq = Tensor.randn(2, 3, 5)
        #expect(Self.name(autocast(dtype: .bfloat16) { lstm(seq).output.dtype }) == table["lstm"]?["bfloat16"])
        #expect(Self.name(autocast(dtype: .bfloat16) { gru(seq).output.dtype }) == table["gru"]?["bfloat16"])
        #expect(Self.name(autocast(dtype: .float16) { gru(seq).output.dtype }) == table["gru"]?["float16"])
        // torch's float16 LSTM stops in oneDNN on CPUs without its kernel; here it computes in float16.
        #expect(autocast(dtype: .float16) { lstm(seq).output.dtype } == .float16)
        let reference = lstm(seq).output
        expectClose(autocast(dtype: .bfloat16) { lstm(seq).output }.float(), reference, rtol: 0.05, atol: 0.02)
    }

    @Test func gradientsReachFloat32ParametersThroughTheCasts() throws {
        let f = try Fixture("autocast")
        let inputs = try #require(f["inputs"] as? [String: Any])
        let expected = try #require(f["linear_grad"] as? [String: Any])
        let a = try Fixture.decodeTensor(inputs["A"]!), lb = try Fixture.decodeTensor(inputs["LB"]!)
        let w = try Fixture.decodeTensor(inputs["LW"]!).requiresGrad_()
        let (y, loss) = autocast(dtype: .bfloat16) {
            let y = F.linear(a, w, lb)
            return (y, F.mseLoss(y, Tensor.zeros(4, 3)))
        }
        loss.backward()
        #expect(y.dtype == .bfloat16 && loss.dtype == .float32 && w.grad?.dtype == .float32)
        expectClose(loss.detach(), try Fixture.decodeTensor(expected["loss"]!))
        expectClose(w.grad!, try Fixture.decodeTensor(expected["grad"]!), rtol: 1.6e-2, atol: 1e-3)
    }

    @Test func parameterCastsAreCachedWithinTheOutermostRegion() {
        let w = Tensor.randn(3, 3).requiresGrad_(), x = Tensor.randn(2, 3)
        /// F.linear(x, w) = x @ wᵀ: the node that cast w (below the transpose).
        func castNode(_ y: Tensor) -> Node? { y.gradFn?.nextFunctions[1].node?.nextFunctions[0].node }
        autocast {
            let first = F.linear(x, w), second = F.linear(x, w)
            #expect(first.dtype == .bfloat16 && castNode(first)?.name == "ToCopyBackward0")
            // One cast node feeds both products: the graph holds the bf16 copy once.
            #expect(castNode(first) === castNode(second))
            autocast(enabled: false) { #expect(F.linear(x, w).dtype == .float32) }
            autocast(dtype: .float16) { #expect(F.linear(x, w).dtype == .float16) }
        }
        autocast(cacheEnabled: false) {
            let first = F.linear(x, w), second = F.linear(x, w)
            #expect(castNode(first) != nil && castNode(first) !== castNode(second))
        }
        #expect(!Autocast.isEnabled() && F.linear(x, w).dtype == .float32)
    }

    @Test func mixingTheTwoHalfTypesStopsAsTorch() async throws {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = autocast(dtype: .bfloat16) { Tensor.cat([Tensor.ones(2).half(), Tensor.ones(2)]) }
        }
        #expect(
            result.map { String(decoding: $0.standardErrorContent, as: UTF8.self) }?
                .contains("Unexpected floating ScalarType in at::autocast::prioritize") == true)
    }
}
