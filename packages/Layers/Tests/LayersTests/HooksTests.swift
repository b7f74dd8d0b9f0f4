import Autodiff
import TensorCore
import Testing

@testable import Layers

extension Layers {
    @Suite("Module hooks and deep copy") struct HooksTests {
        let fx: Fixture
        init() throws { fx = try Fixture("hooks") }

        func load(_ m: Module, _ name: String) throws {
            let s = fx[name] as! [String: Any]
            try m.loadStateDict(
                StateDict(tensors: try m.stateDict().keys.map(\.text).map { ($0, try Fixture.decodeTensor(s[$0]!)) }))
        }

        final class Seen { var t: [String: Tensor] = [:], flags: [String: Bool] = [:] }

        @Test func forwardAndBackwardHooks() throws {
            let model = Sequential(Linear(4, 3), Tanh(), Linear(3, 2))
            try load(model, "state")
            let x = try fx.tensor("x")
            let seen = Seen()
            let handles = [
                model[0].registerForwardPreHook { _, x in
                    seen.t["pre_in"] = x
                    return x * 2
                },
                model[1].registerForwardHook { _, x, y in
                    (seen.t["fwd_in"], seen.t["fwd_out"]) = (x, y)
                    return y + 1
                },
                model[1].registerFullBackwardHook { _, gi, go in
                    (seen.t["gi"], seen.t["go"]) = (gi[0]!, go[0]!)
                    return [gi[0]! * 3]
                },
                model[2].registerFullBackwardPreHook { _, go in
                    seen.t["bpre_go"] = go[0]!
                    return [go[0]! * 0.5]
                },
            ]
            let xg = x.clone().requiresGrad_()
            let y = model(xg)
            expectClose(y, try fx.tensor("hooked_out"))
            y.pow(2).sum().backward()
            expectClose(xg.grad!, try fx.tensor("hooked_grad_x"))
            expectClose((model[0] as! Linear).weight.grad!, try fx.tensor("hooked_grad_w0"))
            for k in ["pre_in", "fwd_in", "fwd_out", "gi", "go", "bpre_go"] {
                expectClose(try #require(seen.t[k], "\(k) not seen"), try fx.tensor("seen_" + k), k)
            }

            // An input that needs no grad: the hook fires at the output, with grad_input (None,).
            let lin = model[0]
            lin.zeroGrad()
            let h = lin.registerFullBackwardHook { _, gi, go in
                seen.flags["gi_none"] = gi[0] == nil
                seen.t["go0"] = go[0]!
                return nil
            }
            lin(x).sum().backward()
            #expect(seen.flags["gi_none"] == (fx["noinput_gi_is_none"] as! Bool))
            expectClose(seen.t["go0"]!, try fx.tensor("noinput_go"))
            h.remove()
            for handle in handles { handle.remove() }
            handles[0].remove()  // removing twice does nothing, as torch
            model.zeroGrad()
            expectClose(model(x), try fx.tensor("plain_out"))
        }

        @Test func hookOrderAndPrepend() {
            let m = Identity()
            var order: [Int] = []
            m.registerForwardHook { _, _, _ in
                order.append(1)
                return nil
            }
            m.registerForwardHook { _, _, _ in
                order.append(2)
                return nil
            }
            m.registerForwardHook(prepend: true) { _, _, _ in
                order.append(0)
                return nil
            }
            _ = m(Tensor.zeros(1))
            #expect(order == [0, 1, 2])
        }

        @Test func deepCopy() throws {
            let net = Sequential(Conv2d(2, 3, kernelSize: 3), BatchNorm2d(3), ReLU(), Flatten(), Linear(12, 2))
            try load(net, "dc_state")
            net[1].registerForwardHook { _, _, y in y * 2 }
            let dup = net.deepCopy()
            #expect(dup.description == net.description)
            #expect(dup.stateDict().keys == net.stateDict().keys)
            for ((_, a), (_, b)) in zip(dup.stateDict(keepVars: true).tensors, net.stateDict(keepVars: true).tensors) {
                #expect(a !== b)
                expectEqual(a, b)
            }
            let out = dup(try fx.tensor("dc_x"))  // the copied hook doubles BatchNorm's output, as in torch
            expectClose(out, try fx.tensor("dc_out"), atol: 1e-5)
            out.sum().backward()
            expectClose((dup[0] as! Conv2d).weight.grad!, try fx.tensor("dc_grad_w"), atol: 1e-5)
            expectClose((dup[1] as! BatchNorm2d).runningMean!, try fx.tensor("dc_running_mean"), atol: 1e-6)
            // The original is untouched: no gradients, running statistics as loaded.
            #expect((net[0] as! Conv2d).weight.grad == nil)
            expectEqual((net[1] as! BatchNorm2d).runningMean!, Tensor.zeros(3))
            #expect(dup[0].parameters().allSatisfy { $0.isLeaf && $0.requiresGrad })
            dup.eval()
            #expect(net.training && !dup.training)
        }

        @Test func deepCopyKeepsSharingAndDrawsNothing() {
            let shared = Linear(3, 3)
            let model = Sequential(shared, ReLU(), shared)
            _ = manualSeed(11)
            let copy = model.deepCopy()
            let next = Tensor.rand(2)
            _ = manualSeed(11)
            expectEqual(next, Tensor.rand(2))  // construction inside deepCopy left the generator where it was
            #expect(copy[0] === copy[2] && copy[0] !== shared)
            #expect(copy.parameters().count == 2)
            let enc = TransformerEncoder(
                TransformerEncoderLayer(dModel: 8, nhead: 2, dimFeedforward: 16), numLayers: 2, norm: LayerNorm(8))
            let encCopy = enc.deepCopy()
            #expect(encCopy.numLayers == 2 && encCopy.description == enc.description)
            for ((ka, a), (kb, b)) in zip(encCopy.namedParameters(), enc.namedParameters()) {
                #expect(ka == kb && a !== b)
                expectEqual(a, b, ka)
            }
        }

        /// Every library layer copies to the same class, configuration (repr) and values, with fresh tensors.
        @Test func deepCopyEveryLayer() {
            let layers: [Module] = [
                ReLU(inplace: true), Hardtanh(minVal: -2, maxVal: 3), ReLU6(), LeakyReLU(negativeSlope: 0.2),
                PReLU(numParameters: 3),
                ELU(alpha: 0.5), SELU(), GELU(approximate: "tanh"), SiLU(), Mish(), Sigmoid(), Tanh(), Hardswish(),
                Hardsigmoid(),
                Softplus(beta: 2, threshold: 5), Softmax(dim: 1), LogSoftmax(dim: 0), Linear(3, 2, bias: false),
                Identity(),
                Flatten(startDim: 2), Unflatten(dim: 1, unflattenedSize: [2, 3]), Bilinear(2, 3, 4),
                LayerNorm([3, 4], eps: 1e-3, elementwiseAffine: false), GroupNorm(2, 4, affine: true, bias: false),
                BatchNorm1d(3, momentum: nil), BatchNorm2d(3, affine: false), BatchNorm3d(2, trackRunningStats: false),
                InstanceNorm1d(3, affine: true), InstanceNorm2d(3, trackRunningStats: true),
                Embedding(5, 3, paddingIdx: -1, maxNorm: 1),
                EmbeddingBag(5, 3, mode: .max), MSELoss(reduction: .sum), L1Loss(), SmoothL1Loss(beta: 0.5),
                HuberLoss(delta: 2),
                CrossEntropyLoss(weight: Tensor.ones(3), ignoreIndex: 1, labelSmoothing: 0.1), NLLLoss(ignoreIndex: 2),
                BCELoss(),
                BCEWithLogitsLoss(posWeight: Tensor.ones(2)), KLDivLoss(logTarget: true), MarginRankingLoss(margin: 1),
                CosineEmbeddingLoss(margin: 0.5), TripletMarginLoss(margin: 2, swap: true),
                MaxPool2d(kernelSize: 3, stride: 2, padding: 1, ceilMode: true), MaxPool1d(kernelSize: 2, dilation: 2),
                AvgPool2d(kernelSize: 2, countIncludePad: false, divisorOverride: 3), AdaptiveAvgPool2d([2, 3]),
                AdaptiveMaxPool2d(2),
                Upsample(scaleFactor: 2, mode: "bilinear", alignCorners: true), MaxPool3d(2, padding: 1),
                AvgPool3d([1, 2, 2]),
                AdaptiveAvgPool3d(1), Dropout(0.2), Dropout2d(0.3),
                Conv1d(2, 4, kernelSize: 3, padding: .same, groups: 2, paddingMode: "reflect"),
                Conv2d(2, 3, kernelSize: [2, 3], stride: 2),
                Conv3d(1, 2, kernelSize: 3, dilation: 2, bias: false),
                ConvTranspose2d(2, 3, kernelSize: 3, stride: 2, padding: 1, outputPadding: 1),
                MultiheadAttention(
                    8, 2, bias: false, addBiasKv: true, addZeroAttn: true, kdim: 4, vdim: 6, batchFirst: true),
                TransformerDecoderLayer(dModel: 8, nhead: 2, dimFeedforward: 16, activation: "gelu", normFirst: true),
                Transformer(dModel: 8, nhead: 2, numEncoderLayers: 1, numDecoderLayers: 2, dimFeedforward: 8),
                ModuleDict(["a": Linear(2, 2)]), ModuleList([Tanh(), Linear(1, 1)]),
                RNN(3, 4, numLayers: 2, nonlinearity: "relu", bidirectional: true),
                GRU(3, 4, bias: false, batchFirst: true),
                LSTM(3, 5, numLayers: 2, dropout: 0.5, projSize: 2), RNNCell(3, 2, nonlinearity: "relu"), GRUCell(2, 3),
                LSTMCell(2, 3, bias: false),
            ]
            for m in layers {
                let c = m.deepCopy()
                #expect(type(of: c) == type(of: m))
                #expect(c.description == m.description)
                #expect(c.stateDict().keys == m.stateDict().keys, "\(m.typeName)")
                for ((k, a), (_, b)) in zip(c.stateDict(keepVars: true).tensors, m.stateDict(keepVars: true).tensors) {
                    #expect(a !== b, "\(m.typeName).\(k) is shared")
                    expectEqual(a, b, "\(m.typeName).\(k)")
                }
            }
        }

        final class Custom: Module {
            @Child var fc = Linear(2, 2)
            override init() { super.init() }
        }

        @Test func deepCopyNeedsMakeCopy() async {
            let r = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Sequential(Custom()).deepCopy()
            }
            #expect(
                MisuseTests.stderr(r).contains(
                    "Custom cannot be deep-copied: override makeCopy() to build a Custom with the same configuration"))
        }

        @Test func backwardHookWrongCount() async {
            let r = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                let l = Linear(3, 2)
                l.registerFullBackwardHook { _, gi, _ in [gi[0], gi[0]] }
                l(Tensor.randn(4, 3).requiresGrad_()).sum().backward()
            }
            #expect(
                MisuseTests.stderr(r).contains(
                    "Backward hook returned an invalid number of grad_input, got 2, but expected 1"))
            let r2 = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                let l = Linear(3, 2)
                l.registerFullBackwardHook { _, _, _ in [Tensor.ones(2)] }
                l(Tensor.randn(4, 3)).sum().backward()
            }
            #expect(
                MisuseTests.stderr(r2).contains(
                    "Backward hook for Modules where no input requires gradient should always return None or None for all gradients."
                ))
        }
    }
}
