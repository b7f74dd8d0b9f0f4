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

    /// Every drawing init skips, torchvision's ViT ones included: trunc_normal_ (conv_proj), xavier_uniform_
    /// (MultiheadAttention's in_proj_weight), normal_; and orthogonal_.
    @Test func everyDrawingInitSkips() {
        manualSeed(6)
        let expectedNext = Tensor.rand(1).item(Double.self)
        manualSeed(6)
        Init.withoutInitialization {
            _ = MultiheadAttention(8, 2, batchFirst: true)
            Init.truncNormal_(Tensor.empty([4, 3]), std: 0.1)
            Init.truncNormal_(Tensor.empty([4, 3]), a: 2, b: 3)
            Init.orthogonal_(Tensor.empty([3, 3]))
            Init.normal_(Tensor.empty([2]), std: 0.02)
        }
        #expect(Tensor.rand(1).item(Double.self) == expectedNext)
    }
}
