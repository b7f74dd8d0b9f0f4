import Autodiff
import Layers
import TensorCore
import Testing

/// `Init.withoutInitialization`: modules built inside draw nothing, so the generator's stream is where it
/// was; outside, the same construction draws torch's values again.
@Suite struct SkipInitTests {
    @Test func drawsNothingInside() {
        manualSeed(5)
        let expectedNext = Tensor.rand(1).item(Double.self)
        manualSeed(5)
        let skipped = Init.withoutInitialization { Sequential(Conv2d(3, 4, kernelSize: 3), Linear(8, 2)) }
        #expect(Tensor.rand(1).item(Double.self) == expectedNext)
        #expect(skipped.stateDict().tensors.map { $0.1.sizes } == [[4, 3, 3, 3], [4], [2, 8], [2]])

        manualSeed(5)
        let drawn = Linear(8, 2)
        manualSeed(5)
        let again = Linear(8, 2)
        #expect(drawn.weight.equal(again.weight))
        #expect(Tensor.rand(1).item(Double.self) != expectedNext)
    }
}
