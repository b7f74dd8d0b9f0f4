import Autodiff
import TensorCore
import Testing

@testable import Layers

extension Layers {
    @Suite("MultiheadAttention variants and nn.Transformer") struct MHATransformerTests {
        let fx: Fixture
        init() throws { fx = try Fixture("mha_transformer") }

        func tensors(_ name: String) throws -> [Tensor] {
            try (fx[name] as! [Any]).map { try Fixture.decodeTensor($0) }
        }

        func expectState(_ m: Module, _ name: String) throws {
            #expect(m.stateDict().keys.map(\.text) == fx[name + "_keys"] as! [String])
            if let shapes = fx[name + "_shapes"] as? [[Int]] { #expect(m.stateDict().tensors.map(\.1.sizes) == shapes) }
            let s = fx[name + "_state"] as! [String: Any]
            for (k, v) in m.stateDict().tensors { expectEqual(v, try Fixture.decodeTensor(s[k]!), k) }
        }

        /// Built after the same seed, the module holds torch's weights; output, weights and every gradient match.
        func checkMHA(
            _ name: String, seed: UInt64, _ mha: () -> MultiheadAttention, selfAttention: Bool,
            _ call: (MultiheadAttention, Tensor, Tensor, Tensor) -> (output: Tensor, weights: Tensor?)
        ) throws {
            _ = manualSeed(seed)
            let m = mha()
            try expectState(m, name)
            let leaves = try tensors(name + "_inputs").map { $0.clone().requiresGrad_() }
            let (q, k, v) = selfAttention ? (leaves[0], leaves[0], leaves[0]) : (leaves[0], leaves[1], leaves[2])
            let (out, w) = call(m, q, k, v)
            expectClose(out, try fx.tensor(name + "_out"), atol: 1e-5)
            let wantW = try fx.tensor(name + "_w")
            if wantW.numel > 0 { expectClose(w!, wantW, atol: 1e-5) } else { #expect(w == nil) }
            (out.pow(2).sum() + (w?.sum() ?? Tensor(0.0))).backward()
            for (t, g) in zip(leaves, try tensors(name + "_grads")) { expectClose(t.grad!, g, atol: 1e-4) }
            let pg = fx[name + "_pgrads"] as! [String: Any]
            for (key, p) in m.namedParameters() {
                expectClose(p.grad!, try Fixture.decodeTensor(pg[key]!), atol: 1e-4, key)
            }
        }

        @Test func kdimVdim() throws {
            let masks = try tensors("masks")
            try checkMHA("kvdim", seed: 1, { MultiheadAttention(8, 2, kdim: 6, vdim: 3) }, selfAttention: false) {
                $0($1, $2, $3, keyPaddingMask: masks[0], attnMask: masks[1])
            }
        }

        @Test func biasKV() throws {
            let masks = try tensors("masks")
            try checkMHA("biaskv", seed: 2, { MultiheadAttention(8, 2, addBiasKv: true) }, selfAttention: false) {
                $0($1, $2, $3, keyPaddingMask: masks[0], attnMask: masks[1], averageAttnWeights: false)
            }
        }

        @Test func zeroAttn() throws {
            let masks = try tensors("masks")
            try checkMHA(
                "zeroattn", seed: 3, { MultiheadAttention(8, 4, bias: false, addZeroAttn: true, kdim: 5, vdim: 5) },
                selfAttention: false
            ) { $0($1, $2, $3, attnMask: masks[1]) }
        }

        @Test func selfAttentionVariants() throws {
            try checkMHA(
                "all_self", seed: 4, { MultiheadAttention(8, 2, addBiasKv: true, addZeroAttn: true) },
                selfAttention: true
            ) {
                $0($1, $2, $3)
            }
        }

        @Test func packedSelfAttention() throws {
            // The same tensor as query, key and value takes the packed projection; numbers equal torch's.
            let amask = try tensors("masks")[2]
            try checkMHA("packed_self", seed: 5, { MultiheadAttention(8, 2) }, selfAttention: true) { m, q, k, v in
                m(q, k, v, attnMask: amask)
            }
            try checkMHA("packed_self_bf", seed: 6, { MultiheadAttention(8, 4, batchFirst: true) }, selfAttention: true)
            {
                $0($1, $2, $3, needWeights: false)
            }
        }

        @Test(arguments: ["tr_post", "tr_pre_bf_gelu"]) func transformer(_ name: String) throws {
            _ = manualSeed(7)
            let tr =
                name == "tr_post"
                ? Transformer(
                    dModel: 8, nhead: 2, numEncoderLayers: 2, numDecoderLayers: 1, dimFeedforward: 16, dropout: 0)
                : Transformer(
                    dModel: 8, nhead: 2, numEncoderLayers: 2, numDecoderLayers: 1, dimFeedforward: 16, dropout: 0,
                    activation: "gelu", batchFirst: true, normFirst: true)
            #expect(tr.description == fx[name + "_repr"] as! String)
            #expect(tr.parameterCount() == fx[name + "_count"] as! Int)
            try expectState(tr, name)
            let io = try tensors(name + "_in")
            let s = io[0].clone().requiresGrad_(), t = io[1].clone().requiresGrad_()
            let out = tr(
                s, t, tgtMask: Transformer.generateSquareSubsequentMask(4), srcKeyPaddingMask: io[2],
                memoryKeyPaddingMask: io[2])
            expectClose(out, try fx.tensor(name + "_out"), atol: 1e-5)
            out.pow(2).sum().backward()
            let g = try tensors(name + "_grads")
            expectClose(s.grad!, g[0], atol: 1e-4)
            expectClose(t.grad!, g[1], atol: 1e-4)
            let enc = tr.encoder as! TransformerEncoder, dec = tr.decoder as! TransformerDecoder
            expectClose(
                (enc.layers[0] as! TransformerEncoderLayer).linear1.weight.grad!,
                try fx.tensor(name + "_pgrad_enc_l0_lin1"), atol: 1e-4)
            expectClose(
                (dec.layers[0] as! TransformerDecoderLayer).multiheadAttn.inProjWeight!.grad!,
                try fx.tensor(name + "_pgrad_dec_inproj"), atol: 1e-4)
        }

        @Test func transformerCustomEncoder() throws {
            _ = manualSeed(8)
            let enc = TransformerEncoder(
                TransformerEncoderLayer(dModel: 8, nhead: 2, dimFeedforward: 16, dropout: 0), numLayers: 1)
            let tr = Transformer(
                dModel: 8, nhead: 2, numDecoderLayers: 1, dimFeedforward: 16, dropout: 0, customEncoder: enc)
            #expect(tr.encoder === enc)
            try expectState(tr, "tr_custom")
        }

        @Test func badInput() async {
            var r = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                let m = MultiheadAttention(8, 2, kdim: 6, vdim: 3)
                _ = m(Tensor.randn(4, 3, 8), Tensor.randn(5, 3, 5), Tensor.randn(5, 3, 3))
            }
            #expect(MisuseTests.stderr(r).contains("expecting key weights shape of (8, 5), but got torch.Size([8, 6])"))
            r = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                let m = MultiheadAttention(8, 2, kdim: 6, vdim: 3)
                _ = m(Tensor.randn(4, 3, 8), Tensor.randn(5, 3, 6), Tensor.randn(6, 3, 3))
            }
            #expect(
                MisuseTests.stderr(r).contains(
                    "key's sequence and batch dims torch.Size([5, 3]) do not match value's torch.Size([6, 3])"))
            r = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                let x = Tensor.randn(4, 3, 8), kv = Tensor.randn(5, 3, 8)
                _ = MultiheadAttention(8, 2)(x, kv, kv, keyPaddingMask: Tensor.zeros([3, 4], dtype: .bool))
            }
            #expect(MisuseTests.stderr(r).contains("Expected key_padded_mask.shape[1] to be 5, but got 4"))
            r = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Transformer(dModel: 8, nhead: 2, numEncoderLayers: 1, numDecoderLayers: 1, dimFeedforward: 16)(
                    Tensor.randn(5, 2, 8), Tensor.randn(4, 3, 8))
            }
            #expect(MisuseTests.stderr(r).contains("the batch number of src and tgt must be equal"))
            r = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Transformer(dModel: 8, nhead: 2, numEncoderLayers: 1, numDecoderLayers: 1, dimFeedforward: 16)(
                    Tensor.randn(5, 2, 8), Tensor.randn(4, 2, 7))
            }
            #expect(MisuseTests.stderr(r).contains("the feature number of src and tgt must be equal to d_model"))
            // F.linear folds a 3-D input into rows (one GEMM), so the message shows the folded shape, as torch's.
            r = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Linear(784, 512)(Tensor.zeros(2, 3, 783))
            }
            #expect(MisuseTests.stderr(r).contains("mat1 and mat2 shapes cannot be multiplied (6x783 and 784x512)"))
        }
    }
}
