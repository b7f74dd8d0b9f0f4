import Autodiff
import Foundation
import TensorCore
import Testing

@testable import Layers

extension Layers {
    @Suite("Module system") struct ModuleTests {
        let fx: Fixture
        init() throws { fx = try Fixture("modules") }

        func strings(_ name: String) throws -> [String] { try #require(fx[name] as? [String]) }

        /// Loads a fixture dict of tensors into a state dict ordered as `keys`.
        func stateDict(_ name: String, keys: [String]) throws -> StateDict {
            let dict = try #require(fx[name] as? [String: Any])
            return StateDict(tensors: try keys.map { ($0, try Fixture.decodeTensor(dict[$0]!)) })
        }

        @Test func linearDefaultInitIsTorchs() throws {
            _ = manualSeed(0)
            let big = Linear(784, 512)
            #expect(abs(big.weight.double().sum().item(Double.self) - (fx["linear784_weight_sum"] as! Double)) < 1e-6)
            expectEqual(big.weight[0..<3, 0..<6], try fx.tensor("linear784_weight_head"))
            expectEqual(big.weight[(-2)..., (-4)...], try fx.tensor("linear784_weight_tail"))
            expectEqual(big.bias![0..<8], try fx.tensor("linear784_bias"))
            #expect(big.description == fx["linear784_repr"] as! String)
            #expect(big.weight.requiresGrad && big.weight.isLeaf)

            _ = manualSeed(3)
            let lin = Linear(5, 4)
            expectEqual(lin.weight, try fx.tensor("linear_weight"))
            expectEqual(lin.bias!, try fx.tensor("linear_bias"))
            let x = try fx.tensor("linear_x").requiresGrad_()
            let y = lin(x)
            expectClose(y, try fx.tensor("linear_y"))
            (y * Tensor.arange(12.0).view(3, 4)).sum().backward()
            expectClose(x.grad!, try fx.tensor("linear_grad_x"))
            expectClose(lin.weight.grad!, try fx.tensor("linear_grad_w"))
            expectClose(lin.bias!.grad!, try fx.tensor("linear_grad_b"))
            expectClose(lin(try fx.tensor("linear3d_x")), try fx.tensor("linear3d_y"))
            _ = manualSeed(3)
            let nb = Linear(5, 4, bias: false)
            expectEqual(nb.weight, try fx.tensor("linear_nobias_weight"))
            #expect(nb.bias == nil && nb.namedParameters().map(\.0) == ["weight"])
        }

        @Test func simpleModelKeysCountsReprAndOutputs() throws {
            _ = manualSeed(0)
            let m = SimpleModel(784, 256, 10)
            #expect(m.description == fx["simple_repr"] as! String)
            #expect(m.stateDict().keys.map(\.text) == (try strings("simple_keys")))
            #expect(m.stateDict().tensors.map { $0.1.shape.map { $0 } } == fx["simple_shapes"] as! [[Int]])
            #expect(m.parameterCount() == fx["simple_count"] as! Int)
            #expect(m.parameterCount(trainableOnly: true) == fx["simple_count"] as! Int)

            _ = manualSeed(0)
            let small = SimpleModel(6, 8, 3)
            let keys = small.stateDict().keys.map(\.text)
            let torchState = try stateDict("small_state", keys: keys)
            for (k, v) in torchState.tensors { expectEqual(small.stateDict()[k]!.tensor!, v, k) }
            let x = try fx.tensor("small_x")
            small.eval()
            expectClose(small(x), try fx.tensor("small_eval_y"))
            small.train()
            _ = manualSeed(7)
            expectClose(small(x), try fx.tensor("small_train_y"))
        }

        @Test func containers() throws {
            let seq = Sequential(Linear(784, 256), ReLU(), Dropout(0.3), Linear(256, 128), ReLU(), Linear(128, 10))
            #expect(seq.description == fx["seq_repr"] as! String)
            #expect(seq.stateDict().keys.map(\.text) == (try strings("seq_keys")))
            #expect(seq[1..<4].description == fx["seq_slice_repr"] as! String)
            #expect(seq[-1] === seq[5] && seq.count == 6)
            seq.append(Softmax(dim: 1))
            #expect(seq.namedChildren().last!.0 == "6")

            _ = manualSeed(0)
            let rb = ResidualBlock(numBlocks: 3, hiddenSize: 6)
            #expect(rb.description == fx["res_repr"] as! String)
            let state = try stateDict("res_state", keys: rb.stateDict().keys.map(\.text))
            for (k, v) in state.tensors { expectEqual(rb.stateDict()[k]!.tensor!, v, k) }
            let x = try fx.tensor("res_x").requiresGrad_()
            let y = rb(x)
            expectClose(y, try fx.tensor("res_y"))
            y.sum().backward()
            expectClose(x.grad!, try fx.tensor("res_grad_x"))
            expectClose((rb.layers[0] as! Linear).weight.grad!, try fx.tensor("res_grad_w0"))

            _ = manualSeed(0)
            let mt = MultiTaskModel()
            #expect(mt.description == fx["mt_repr"] as! String)
            #expect(mt.stateDict().keys.map(\.text) == (try strings("mt_keys")))
            #expect(mt.parameterCount() == fx["mt_count"] as! Int)
            let xm = try fx.tensor("mt_x")
            expectClose(mt(xm), try fx.tensor("mt_cls"))
            expectClose(mt.forward(xm, task: "regression"), try fx.tensor("mt_reg"))
        }

        @Test func stateDictRoundTripAndStrictErrors() throws {
            let a = SimpleModel(6, 8, 3), b = SimpleModel(6, 8, 3)
            try b.loadStateDict(a.stateDict())
            for ((ka, va), (kb, vb)) in zip(a.namedParameters(), b.namedParameters()) {
                #expect(ka == kb)
                expectEqual(va, vb)
                #expect(vb.requiresGrad && vb.isLeaf && va.storage !== vb.storage)
            }
            var partial = a.stateDict()
            partial["fc2.bias"] = nil
            partial["extra.weight"] = .tensor(Tensor.zeros(2))
            do {
                try b.loadStateDict(partial)
                Issue.record("expected a load error")
            } catch {
                #expect(
                    error.description == """
                        Error(s) in loading state_dict for SimpleModel:
                        \tUnexpected key(s) in state_dict: "extra.weight". 
                        \tMissing key(s) in state_dict: "fc2.bias". 
                        """)
            }
            let report = try b.loadStateDict(partial, strict: false)
            #expect(report.missingKeys == ["fc2.bias"] && report.unexpectedKeys == ["extra.weight"])
            var wrong = a.stateDict()
            wrong["fc1.weight"] = .tensor(Tensor.zeros(8, 5))
            #expect(throws: StateDictLoadError.self) { try b.loadStateDict(wrong) }
            do { try b.loadStateDict(wrong) } catch {
                #expect(
                    error.sizeMismatches == [
                        "size mismatch for fc1.weight: copying a param with shape torch.Size([8, 5]) from checkpoint, the shape in current model is torch.Size([8, 6])."
                    ])
            }
        }

        @Test func registrationOrderBuffersAndModes() throws {
            class Base: Module {
                @Parameter var alpha = Tensor.zeros(2)
                @Buffer var runningMean = Tensor.zeros(2)
                @Buffer(persistent: false) var scratch = Tensor.zeros(1)
            }
            final class Derived: Base {
                @Child var head = Linear(2, 2)
                @Parameter(name: "gamma_custom") var gamma = Tensor.ones(2)
                @Parameter var maybe: Tensor? = nil
                override init() {
                    super.init()
                    registerBuffer("num_batches_tracked", Tensor(0))
                    registerParameter("explicit", Tensor.ones(1))
                }
            }
            let d = Derived()
            #expect(d.namedParameters().map(\.0) == ["alpha", "gamma_custom", "explicit", "head.weight", "head.bias"])
            #expect(
                d.stateDict().keys.map(\.text) == [
                    "alpha", "gamma_custom", "explicit", "running_mean", "num_batches_tracked", "head.weight",
                    "head.bias",
                ])
            #expect(d.namedBuffers().map(\.0) == ["running_mean", "scratch", "num_batches_tracked"])
            #expect(d.namedModules().map(\.0) == ["", "head"])
            // Reassigning a wrapped parameter replaces what the registry sees (and makes it a parameter).
            d.gamma = Tensor.full([2], 3.0)
            #expect(d.parameter("gamma_custom")![0].item(Float.self) == 3)
            #expect(d.parameter("gamma_custom")!.requiresGrad)
            d.maybe = Tensor.ones(3)
            #expect(d.namedParameters().map(\.0).contains("maybe"))
            d.eval()
            #expect(!d.training && !d.head.training)
            d.train()
            #expect(d.head.training)
            d.requiresGrad_(false)
            #expect(d.parameterCount(trainableOnly: true) == 0)
            d.requiresGrad_(true)
            d.to(dtype: .float64)
            #expect(
                d.head.weight.dtype == .float64 && d.head.weight.requiresGrad
                    && d.buffer("running_mean")!.dtype == .float64)
            #expect(d.buffer("num_batches_tracked")!.dtype == .int64)
            var visited: [String] = []
            d.apply { visited.append($0.typeName) }
            #expect(visited == ["Linear", "Derived"])
            #expect(
                snakeCase("weightHhL0Reverse") == "weight_hh_l0_reverse" && snakeCase("MLPHead") == "mlp_head"
                    && snakeCase("fc1") == "fc1")
        }

        @Test func zeroGrad() throws {
            let lin = Linear(3, 2)
            lin(Tensor.ones(1, 3)).sum().backward()
            #expect(lin.weight.grad != nil)
            lin.zeroGrad(setToNone: false)
            #expect(lin.weight.grad!.abs().sum().item(Float.self) == 0)
            lin.zeroGrad()
            #expect(lin.weight.grad == nil)
        }

        @Test func dropoutMasksAreTorchs() throws {
            _ = manualSeed(1)
            expectEqual(F.dropout(Tensor.ones(4, 8), p: 0.3), try fx.tensor("dropout_y"))
            _ = manualSeed(2)
            expectEqual(F.dropout2d(Tensor.ones(2, 5, 2, 2), p: 0.4), try fx.tensor("dropout2d_y"))
            let d = Dropout(0.3)
            d.eval()
            let x = Tensor.ones(3)
            #expect(d(x) === x)
        }

        @Test func initFunctions() throws {
            func seeded(_ shape: [Int], _ fill: (Tensor) -> Void) -> Tensor {
                _ = manualSeed(0)
                let t = Tensor.empty(shape)
                fill(t)
                return t
            }
            expectClose(
                seeded([4, 3, 2]) { Init.kaimingUniform_($0, a: 0.1, mode: "fan_out", nonlinearity: "relu") },
                try fx.tensor("init_kaiming_uniform"))
            expectClose(
                seeded([5, 4]) { Init.kaimingNormal_($0, nonlinearity: "relu") }, try fx.tensor("init_kaiming_normal"))
            expectClose(
                seeded([5, 4]) { Init.xavierUniform_($0, gain: Init.calculateGain("tanh")) },
                try fx.tensor("init_xavier_uniform"))
            expectClose(seeded([3, 6]) { Init.xavierNormal_($0) }, try fx.tensor("init_xavier_normal"))
            expectClose(
                seeded([4, 5]) { Init.truncNormal_($0, mean: 0.5, std: 2, a: -1, b: 3) },
                try fx.tensor("init_trunc_normal"))
            expectClose(seeded([4, 5]) { Init.truncNormal_($0, a: 2, b: 3) }, try fx.tensor("init_trunc_normal_tail"))
            expectClose(seeded([3, 5]) { Init.orthogonal_($0) }, try fx.tensor("init_orthogonal"), atol: 1e-5)
            expectClose(
                seeded([6, 3]) { Init.orthogonal_($0, gain: 2) }, try fx.tensor("init_orthogonal_tall"), atol: 1e-5)
            expectClose(seeded([7]) { Init.uniform_($0, a: -0.5, b: 0.25) }, try fx.tensor("init_uniform"))
            expectClose(seeded([7]) { Init.normal_($0, mean: 1, std: 0.1) }, try fx.tensor("init_normal"))
        }
    }
}
