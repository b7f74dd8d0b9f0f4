import TensorCore
import Testing

@testable import Layers

/// `@Child var x: M?` holding nil, set, and reset — the case Swift 6.3's optimizer miscompiled into a
/// null dereference in release builds (`make test-release` runs this suite optimized).
@Suite struct OptionalChildTests {
    final class Head: Module {
        override func makeCopy() -> Module { Head(norm: nil) }
        @Child var norm: LayerNorm?
        @Child var fc: Linear
        init(norm: LayerNorm?) {
            self.norm = norm
            fc = Linear(2, 2)
            super.init()
        }
    }

    @Test func nilSetAndResetChildren() {
        let empty = Head(norm: nil)
        #expect(empty.norm == nil)
        #expect(empty.stateDict().keys.map(\.text) == ["fc.weight", "fc.bias"])
        empty.norm = LayerNorm(2)
        #expect(empty.stateDict().keys.map(\.text) == ["norm.weight", "norm.bias", "fc.weight", "fc.bias"])
        empty.norm = nil
        #expect(empty.norm == nil && empty.stateDict().count == 2)
        #expect(Head(norm: LayerNorm(2)).norm != nil)
        #expect(
            TransformerEncoder(
                TransformerEncoderLayer(dModel: 4, nhead: 2, dimFeedforward: 8, dropout: 0), numLayers: 1
            ).norm == nil)
    }
}
