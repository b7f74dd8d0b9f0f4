import Autodiff
import TensorCore
import Testing

@testable import Layers

extension Layers {
    @Suite("Layer parity") struct LayerParityTests {
        let fx: Fixture
        init() throws { fx = try Fixture("layers") }

        @Test func activations() throws {
            let fns: [(String, (Tensor) -> Tensor)] = [
                ("relu", { F.relu($0) }), ("relu6", { ReLU6()($0) }),
                ("leaky_relu", { LeakyReLU(negativeSlope: 0.2)($0) }),
                ("elu", { ELU(alpha: 0.7)($0) }), ("selu", { SELU()($0) }), ("gelu", { GELU()($0) }),
                ("gelu_tanh", { GELU(approximate: "tanh")($0) }), ("silu", { SiLU()($0) }), ("mish", { Mish()($0) }),
                ("sigmoid", { Sigmoid()($0) }), ("tanh", { Tanh()($0) }),
                ("hardtanh", { Hardtanh(minVal: -0.5, maxVal: 2)($0) }),
                ("hardswish", { Hardswish()($0) }), ("softplus", { Softplus(beta: 2, threshold: 1.5)($0) }),
                ("softmax", { Softmax(dim: 1)($0) }), ("log_softmax", { LogSoftmax(dim: 0)($0) }),
            ]
            for (name, fn) in fns {
                try checkParity(fx, "act_" + name) { fn($0[0]) }
            }
            let prelu = PReLU(numParameters: 3, initialValue: 0.1)
            try checkParity(fx, "prelu", module: prelu) { prelu($0[0]) }
        }

        @Test func normalization() throws {
            let ln = LayerNorm([4, 5])
            try checkParity(fx, "layernorm", module: ln, atol: 1e-5) { ln($0[0]) }
            #expect(ln.description == "LayerNorm((4, 5), eps=1e-05, elementwise_affine=True, bias=True)")
            let gn = GroupNorm(2, 4)
            try checkParity(fx, "groupnorm", module: gn, atol: 1e-5) { gn($0[0]) }
            let inorm = InstanceNorm2d(3, affine: true)
            try checkParity(fx, "instancenorm2d", module: inorm, atol: 1e-5) { inorm($0[0]) }
            #expect(gn.description == "GroupNorm(2, 4, eps=1e-05, affine=True, bias=True)")
            #expect(
                InstanceNorm2d(3).description
                    == "InstanceNorm2d(3, eps=1e-05, momentum=0.1, affine=False, bias=False, track_running_stats=False)"
            )
        }

        func expectState(_ m: Module, _ name: String, _ key: String = "after") throws {
            let after = try #require((fx[name] as! [String: Any])[key] as? [String: Any])
            for (k, v) in m.stateDict().tensors {
                expectClose(v, try Fixture.decodeTensor(after[k]!), atol: 1e-6, "\(name) \(k)")
            }
        }

        @Test func batchNorm() throws {
            let bn = BatchNorm1d(4)
            #expect(
                bn.stateDict().keys.map(\.text) == [
                    "weight", "bias", "running_mean", "running_var", "num_batches_tracked",
                ])
            #expect(
                bn.description
                    == "BatchNorm1d(4, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True)")
            try checkParity(fx, "batchnorm1d_train", module: bn, atol: 1e-5) { bn($0[0]) }
            try expectState(bn, "batchnorm1d_train")
            bn.zeroGrad()
            bn.eval()
            try checkParity(fx, "batchnorm1d_eval", atol: 1e-5) { bn($0[0]) }
            let bn2 = BatchNorm2d(3, momentum: nil)
            try checkParity(fx, "batchnorm2d_cumulative", module: bn2, atol: 1e-5) { bn2($0[0]) }
            try expectState(bn2, "batchnorm2d_cumulative")
        }

        @Test func embedding() throws {
            _ = manualSeed(5)
            let emb = Embedding(10, 3, paddingIdx: 1)
            expectEqual(emb.weight, try fx.tensor("embedding_init"))
            let c = fx["embedding"] as! [String: Any]
            let out = emb(try Fixture.decodeTensor(c["idx"]!))
            expectEqual(out, try Fixture.decodeTensor(c["out"]!))
            (out * (try Fixture.decodeTensor(c["g"]!))).sum().backward()
            expectClose(emb.weight.grad!, try Fixture.decodeTensor(c["wgrad"]!))
            #expect(emb.description == "Embedding(10, 3, padding_idx=1)")
        }

        @Test func embeddingBag() throws {
            _ = manualSeed(8)
            let bag = EmbeddingBag(10, 3, mode: .max)
            #expect(bag.description == fx["bag_repr"] as! String)
            expectEqual(bag.weight, try fx.tensor("bag_weight"))
            let c = fx["bag"] as! [String: Any]
            let out = bag(try Fixture.decodeTensor(c["idx"]!), offsets: try Fixture.decodeTensor(c["offsets"]!))
            expectEqual(out, try Fixture.decodeTensor(c["out"]!))
            (out * (try Fixture.decodeTensor(c["g"]!))).sum().backward()
            expectClose(bag.weight.grad!, try Fixture.decodeTensor(c["wgrad"]!))
        }

        @Test func functionalHelpersAndMaxNorm() throws {
            try checkParity(fx, "normalize") { F.normalize($0[0], p: 3, dim: 0) }
            expectEqual(F.oneHot(Tensor([0, 3, 1]), numClasses: 5), try fx.tensor("one_hot"))
            _ = manualSeed(11)
            let emb = Embedding(6, 4, maxNorm: 1)
            expectEqual(emb.weight.detach(), try fx.tensor("emb_maxnorm_init"))
            expectClose(emb(Tensor([[1, 5], [1, 2]])), try fx.tensor("emb_maxnorm_out"))
            expectClose(emb.weight.detach(), try fx.tensor("emb_maxnorm_after"))
        }

        @Test func pointwiseLosses() throws {
            try checkParity(fx, "loss_mse") { MSELoss()($0[0], $0[1]) }
            try checkParity(fx, "loss_mse_sum") { MSELoss(reduction: "sum")($0[0], $0[1]) }
            try checkParity(fx, "loss_mse_none") { MSELoss(reduction: .none)($0[0], $0[1]) }
            try checkParity(fx, "loss_l1") { L1Loss()($0[0], $0[1]) }
            try checkParity(fx, "loss_smooth_l1") { SmoothL1Loss(beta: 0.5)($0[0], $0[1]) }
            try checkParity(fx, "loss_huber") { HuberLoss(delta: 0.7)($0[0], $0[1]) }
            let y = try fx.tensor("bce_y")
            try checkParity(fx, "loss_bce") { BCELoss()($0[0], y) }
            try checkParity(fx, "loss_bce_logits") { BCEWithLogitsLoss(posWeight: try! fx.tensor("bce_pw"))($0[0], y) }
            try checkParity(fx, "loss_kl") { KLDivLoss(reduction: .batchmean)($0[0], try! fx.tensor("kl_target")) }
            let yc = try fx.tensor("cos_y")
            try checkParity(fx, "loss_cosine") { CosineEmbeddingLoss(margin: 0.1)($0[0], $0[1], yc) }
            try checkParity(fx, "loss_margin") { MarginRankingLoss(margin: 0.3)($0[0], $0[1], yc) }
            try checkParity(fx, "loss_triplet") { TripletMarginLoss(margin: 1.5)($0[0], $0[1], $0[2]) }
        }

        @Test func crossEntropyFamily() throws {
            let logits = try fx.tensor("ce_logits"), cls = try fx.tensor("ce_target"), w = try fx.tensor("ce_weight")
            func check(_ name: String, _ fn: (Tensor) -> Tensor) throws {
                let a = logits.clone().requiresGrad_()
                let out = fn(a)
                (out.ndim > 0 ? out.sum() : out).backward()
                let c = fx[name] as! [String: Any]
                expectClose(out, try Fixture.decodeTensor(c["out"]!), name)
                expectClose(a.grad!, try Fixture.decodeTensor(c["grad"]!), name)
            }
            try check("ce_plain") { CrossEntropyLoss()($0, cls) }
            try check("ce_weight_smooth") { CrossEntropyLoss(weight: w, labelSmoothing: 0.1)($0, cls) }
            try check("ce_ignore_none") { CrossEntropyLoss(reduction: .none)($0, Tensor([1, -100, 4, 2])) }
            try check("ce_prob_target") { F.crossEntropy($0, try! fx.tensor("ce_probs")) }
            try check("nll") { NLLLoss(weight: w)($0.logSoftmax(dim: 1), cls) }
        }
    }
}
