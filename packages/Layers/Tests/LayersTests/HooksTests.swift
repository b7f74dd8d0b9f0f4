import Testing
import TensorCore
import Autodiff
@testable import Layers

extension Layers {
    @Suite("Module hooks and deep copy") struct HooksTests {
        let fx: Fixture
        init() throws { fx = try Fixture("hooks") }

        func load(_ m: Module, _ name: String) throws {
            let s = fx[name] as! [String: Any]
            try m.loadStateDict(StateDict(tensors: try m.stateDict().keys.map(\.text).map { ($0, try Fixture.decodeTensor(s[$0]!)) }))
        }

        final class Seen { var t: [String: Tensor] = [:], flags: [String: Bool] = [:] }

        @Test func forwardAndBackwardHooks() throws {
            let model = Sequential(Linear(4, 3), Tanh(), Linear(3, 2))
            try load(model, "state")
            let x = try fx.tensor("x")
            let seen = Seen()
            let handles = [
                model[0].registerForwardPreHook { _, x in seen.t["pre_in"] = x; return x * 2 },
                model[1].registerForwardHook { _, x, y in (seen.t["fwd_in"], seen.t["fwd_out"]) = (x, y); return y + 1 },
                model[1].registerFullBackwardHook { _, gi, go in (seen.t["gi"], seen.t["go"]) = (gi[0]!, go[0]!); return [gi[0]! * 3] },
                model[2].registerFullBackwardPreHook { _, go in seen.t["bpre_go"] = go[0]!; return [go[0]! * 0.5] },
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
            m.registerForwardHook { _, _, _ in order.append(1); return nil }
            m.registerForwardHook { _, _, _ in order.append(2); return nil }
            m.registerForwardHook(prepend: true) { _, _, _ in order.append(0); return nil }
            _ = m(Tensor.zeros(1))
            #expect(order == [0, 1, 2])
        }

        @Test func backwardHookWrongCount() async {
            let r = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                let l = Linear(3, 2)
                l.registerFullBackwardHook { _, gi, _ in [gi[0], gi[0]] }
                l(Tensor.randn(4, 3).requiresGrad_()).sum().backward()
            }
            #expect(MisuseTests.stderr(r).contains("Backward hook returned an invalid number of grad_input, got 2, but expected 1"))
            let r2 = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                let l = Linear(3, 2)
                l.registerFullBackwardHook { _, _, _ in [Tensor.ones(2)] }
                l(Tensor.randn(4, 3)).sum().backward()
            }
            #expect(MisuseTests.stderr(r2).contains("Backward hook for Modules where no input requires gradient should always return None or None for all gradients."))
        }
    }
}
