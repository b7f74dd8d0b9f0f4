import Autodiff
import Testing

@testable import Layers
@testable import TensorCore

/// `nn.AdaptiveAvgPool2d((None, 7))` and friends: nil keeps the input's size along that dim.
@Suite struct AdaptivePoolingTests {
    @Test func nilKeepsTheInputDim() {
        let x = Tensor.randn(2, 3, 5, 9)
        #expect(AdaptiveAvgPool2d([nil, 7])(x).shape == [2, 3, 5, 7])
        #expect(AdaptiveMaxPool2d([3, nil])(x).shape == [2, 3, 3, 9])
        #expect(AdaptiveAvgPool3d([nil, 2, nil])(x.unsqueeze(0)).shape == [1, 2, 3, 2, 9])
    }

    /// torch's reprs (torch_semantics.json records them).
    @Test func printsAsTorch() {
        #expect(AdaptiveAvgPool2d([nil, 7]).description == "AdaptiveAvgPool2d(output_size=(None, 7))")
        #expect(AdaptiveMaxPool2d([3, nil]).description == "AdaptiveMaxPool2d(output_size=(3, None))")
        #expect(AdaptiveAvgPool3d([nil, 2, nil]).description == "AdaptiveAvgPool3d(output_size=(None, 2, None))")
        #expect(AdaptiveAvgPool2d(1).description == "AdaptiveAvgPool2d(output_size=1)")
    }
}
