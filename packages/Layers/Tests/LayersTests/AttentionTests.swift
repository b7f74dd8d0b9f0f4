import Autodiff
import TensorCore
import Testing

@testable import Layers

extension Layers {
    @Suite("Attention and Transformer") struct AttentionTests {
        let fx: Fixture
        init() throws { fx = try Fixture("attention") }

        func tensors(_ name: String) throws -> [Tensor] {
            try (fx[name] as! [Any]).map { try Fixture.decodeTensor($0) }
        }

        func load(_ m: Module, _ name: String) throws {
            let s = fx[name] as! [String: Any]
            try m.loadStateDict(
                StateDict(tensors: try m.stateDict().keys.map(\.text).map { ($0, try Fixture.decodeTensor(s[$0]!)) }))
        }

        @Test func sdpa() throws {
            let qkv = try tensors("sdpa_qkv").map { $0.clone().requiresGrad_() }
            let mask = try fx.tensor("sdpa_bmask")
            let o = F.scaledDotProductAttention(qkv[0], qkv[1], qkv[2], attnMask: mask)
            expectClose(o, try fx.tensor("sdpa_mask_out"))
            o.pow(2).sum().backward()
            for (t, g) in zip(qkv, try tensors("sdpa_mask_grads")) { expectClose(t.grad!, g, atol: 1e-5) }
            let plain = try tensors("sdpa_qkv")
            expectClose(
                F.scaledDotProductAttention(plain[0], plain[1], plain[2], isCausal: true, scale: 0.3),
                try fx.tensor("sdpa_causal_out"))
        }

        @Test func multiheadAttention() throws {
            _ = manualSeed(1)
            let mha = MultiheadAttention(8, 2)
            #expect(mha.description == fx["mha_repr"] as! String)
            #expect(mha.stateDict().keys.map(\.text) == fx["mha_keys"] as! [String])
            let s = fx["mha_state"] as! [String: Any]
            for (k, v) in mha.stateDict().tensors { expectEqual(v, try Fixture.decodeTensor(s[k]!), k) }
            let inp = try tensors("mha_inputs")
            let xq = inp[0].clone().requiresGrad_()
            let (out, w) = mha(xq, inp[1], inp[1], keyPaddingMask: inp[2], attnMask: inp[3])
            expectClose(out, try fx.tensor("mha_out"), atol: 1e-5)
            expectClose(w!, try fx.tensor("mha_w"), atol: 1e-5)
            (out.pow(2).sum() + w!.sum()).backward()
            expectClose(xq.grad!, try fx.tensor("mha_grad_q"), atol: 1e-5)
            expectClose(mha.inProjWeight!.grad!, try fx.tensor("mha_grad_inproj"), atol: 1e-5)
            let (o2, w2) = mha(inp[0], inp[0], inp[0], averageAttnWeights: false)
            expectClose(o2, try fx.tensor("mha_self_out"), atol: 1e-5)
            expectClose(w2!, try fx.tensor("mha_self_w"), atol: 1e-5)

            let mhab = MultiheadAttention(8, 4, bias: false, batchFirst: true)
            try load(mhab, "mhab_state")
            let xb = try fx.tensor("mhab_x")
            expectClose(mhab(xb, xb, xb, needWeights: false).output, try fx.tensor("mhab_out"), atol: 1e-5)
        }

        @Test(arguments: ["enc_post", "enc_pre_gelu"]) func encoderLayer(_ name: String) throws {
            _ = manualSeed(3)
            let layer =
                name == "enc_post"
                ? TransformerEncoderLayer(dModel: 8, nhead: 2, dimFeedforward: 16)
                : TransformerEncoderLayer(
                    dModel: 8, nhead: 2, dimFeedforward: 16, activation: "gelu", batchFirst: true, normFirst: true)
            #expect(layer.description == fx[name + "_repr"] as! String)
            #expect(layer.stateDict().keys.map(\.text) == fx[name + "_keys"] as! [String])
            let x = try fx.tensor(name + "_x")
            layer.eval()
            expectClose(layer(x), try fx.tensor(name + "_eval"), atol: 1e-5)
            layer.train()
            let xg = x.clone().requiresGrad_()
            _ = manualSeed(4)
            let y = layer(xg)
            expectClose(y, try fx.tensor(name + "_train"), atol: 1e-5)
            y.pow(2).sum().backward()
            expectClose(xg.grad!, try fx.tensor(name + "_grad_x"), atol: 1e-4)
            expectClose(layer.linear1.weight.grad!, try fx.tensor(name + "_grad_lin1"), atol: 1e-4)
        }

        @Test func encoderAndDecoderStacks() throws {
            _ = manualSeed(5)
            let enc = TransformerEncoder(
                TransformerEncoderLayer(dModel: 8, nhead: 2, dimFeedforward: 16, dropout: 0), numLayers: 2,
                norm: LayerNorm(8))
            #expect(enc.description == fx["encoder_repr"] as! String)
            #expect(enc.stateDict().keys.map(\.text) == fx["encoder_keys"] as! [String])
            expectClose(
                enc(try fx.tensor("encoder_x"), mask: generateSquareSubsequentMask(5)), try fx.tensor("encoder_out"),
                atol: 1e-5)
            _ = manualSeed(6)
            let dec = TransformerDecoder(
                TransformerDecoderLayer(dModel: 8, nhead: 2, dimFeedforward: 16, dropout: 0), numLayers: 2)
            #expect(dec.description == fx["decoder_repr"] as! String)
            #expect(dec.stateDict().keys.map(\.text) == fx["decoder_keys"] as! [String])
            let io = try tensors("decoder_in")
            expectClose(
                dec(io[0], io[1], tgtMask: generateSquareSubsequentMask(4)), try fx.tensor("decoder_out"), atol: 1e-5)
        }

        @Test func guideTransformer() throws {
            _ = manualSeed(0)
            let layer = GuideEncoderLayer(dModel: 32, numHeads: 4, dFF: 64)
            let pos = PositionalEncoding(dModel: 32, maxLen: 50)
            #expect(layer.description == fx["guide_repr"] as! String)
            #expect(layer.stateDict().keys.map(\.text) == fx["guide_keys"] as! [String])
            #expect(layer.parameterCount() == fx["guide_count"] as! Int)
            #expect(pos.stateDict().keys.map(\.text) == fx["guide_pos_keys"] as! [String])
            expectClose(pos.buffer("pe")![0, 0..<3, 0..<8], try fx.tensor("guide_pe_head"))
            let x = try fx.tensor("guide_x")
            layer.eval()
            pos.eval()
            expectClose(layer(pos(x)), try fx.tensor("guide_eval"), atol: 1e-5)
            expectClose(layer(pos(x), mask: Tensor.ones(10, 10).tril()), try fx.tensor("guide_eval_masked"), atol: 1e-5)
            layer.train()
            pos.train()
            _ = manualSeed(9)
            let xg = x.clone().requiresGrad_()
            let y = layer(pos(xg))
            expectClose(y, try fx.tensor("guide_train"), atol: 1e-5)
            y.sum().backward()
            expectClose(xg.grad!, try fx.tensor("guide_grad_x"), atol: 1e-4)
        }
    }
}
