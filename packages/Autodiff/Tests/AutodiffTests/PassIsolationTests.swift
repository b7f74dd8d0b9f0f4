import Foundation
import TensorCore
import Testing

@testable import Autodiff

/// A backward pass keeps its bookkeeping on the nodes it claims (`PassGraph`); passes that meet the same
/// nodes at once — on two threads, or a backward inside another one's hook — must not disturb each other.
@Suite struct PassIsolationTests {
    @Test func concurrentPassesOverSharedNodes() {
        final class Shared: @unchecked Sendable {
            let w = Tensor([1.0, 2.0, 3.0], requiresGrad: true)
            var losses: [Tensor] = []
            var results: [[[Double]]] = [[], []]
        }
        let shared = Shared()
        // Both graphs end in w's one AccumulateGrad node and share the `w * w` node.
        let square = shared.w * shared.w
        shared.losses = [(square * 2).sum(), (square * shared.w).sum()]
        let group = DispatchGroup()
        for thread in 0..<2 {
            group.enter()
            Thread.detachNewThread {
                for _ in 0..<300 {
                    let g = Autograd.grad(outputs: [shared.losses[thread]], inputs: [shared.w], retainGraph: true)[0]
                    shared.results[thread].append(values(g))
                }
                group.leave()
            }
        }
        group.wait()
        // d(2 Σw²)/dw = 4w; d(Σw³)/dw = 3w².
        #expect(shared.results[0].allSatisfy { $0 == [4, 8, 12] })
        #expect(shared.results[1].allSatisfy { $0 == [3, 12, 27] })
    }

    /// Several captures on one node (the same input twice, and a non-leaf next to its leaf) each get theirs.
    @Test func repeatedAndMixedCaptures() {
        let x = Tensor([1.0, 2.0], requiresGrad: true)
        let h = x * 3
        let grads = Autograd.grad(outputs: [(h * h).sum()], inputs: [x, h, x])
        expectValues(grads[0], [18, 36])
        expectValues(grads[1], [6, 12])
        expectValues(grads[2], [18, 36])
    }

    @Test func backwardInsideAHookOfAnotherBackward() {
        let w = Tensor([1.0, 2.0], requiresGrad: true)
        let inner = (w * w * w).sum()  // shares w's AccumulateGrad with the outer graph
        var innerGradient: [Double] = []
        let y = w * 5
        y.registerHook { g in
            innerGradient = values(Autograd.grad(outputs: [inner], inputs: [w], retainGraph: true)[0])
            return g
        }
        y.sum().backward()
        #expect(innerGradient == [3, 12])
        expectValues(w.grad, [5, 5])
        // Claims were handed back: the same nodes serve a later pass.
        let again = Autograd.grad(outputs: [inner], inputs: [w])[0]
        expectValues(again, [3, 12])
    }
}
