import Autodiff
import TensorCore
import Testing

/// `queue_callback`: runs after every node of the pass, hooks included, in the order queued.
@Suite struct FinalCallbackTests {
    @Test func callbacksRunAfterThePassInOrder() {
        let a = Tensor([1.0, 2.0], requiresGrad: true)
        let b = Tensor([3.0], requiresGrad: true)
        var events: [String] = []
        a.registerPostAccumulateGradHook { _ in
            events.append("a")
            Autograd.queueCallback { events.append("first(b.grad=\(b.grad != nil))") }
            Autograd.queueCallback { events.append("second") }
        }
        b.registerPostAccumulateGradHook { _ in events.append("b") }
        ((a * 2).sum() * b).sum().backward()
        #expect(events.count == 4)
        #expect(Set(events.prefix(2)) == ["a", "b"])
        #expect(Array(events.suffix(2)) == ["first(b.grad=true)", "second"])
        // A later pass starts with an empty queue.
        events = []
        b.registerHook { g in g }
        (b * 1).sum().backward()
        #expect(events == ["b"])
    }

    @Test func autogradGradAlsoRunsThem() {
        let x = Tensor([2.0], requiresGrad: true)
        var ran = false
        let y = (x * x).sum()
        y.registerHook { g in
            Autograd.queueCallback { ran = true }
            return g
        }
        _ = Autograd.grad(y, x)
        #expect(ran)
    }

    @Test func outsideBackwardIsAnError() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            Autograd.queueCallback {}
        }.map { expectMessage($0.standardErrorContent, "Final callbacks can only be installed during backward pass.") }
    }
}
