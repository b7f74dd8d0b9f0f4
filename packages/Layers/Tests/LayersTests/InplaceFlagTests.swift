import Autodiff
import TensorCore
import Testing

@testable import Layers

extension Layers {
    /// `inplace=True` as torchvision's blocks build their activations and dropout: torch's reprs
    /// (`Hardswish` never shows the flag), out-of-place results equal to the plain module's, and deep copies
    /// that keep the flag.
    @Suite("In-place flags") struct InplaceFlagTests {
        @Test func reprsAreTorchs() {
            #expect(ReLU6(inplace: true).description == "ReLU6(inplace=True)")
            #expect(ReLU6().description == "ReLU6()")
            #expect(SiLU(inplace: true).description == "SiLU(inplace=True)")
            #expect(SiLU().description == "SiLU()")
            #expect(Hardswish(inplace: true).description == "Hardswish()")
            #expect(Dropout(0.2, inplace: true).description == "Dropout(p=0.2, inplace=True)")
            #expect(Dropout(p: 0.5).description == "Dropout(p=0.5, inplace=False)")
        }

        @Test func valuesAndCopies() {
            let x = Tensor([-7.0, -1.0, 0.5, 3.0, 8.0] as [Double])
            let pairs: [(Module, Module)] = [
                (ReLU6(inplace: true), ReLU6()), (SiLU(inplace: true), SiLU()),
                (Hardswish(inplace: true), Hardswish()),
            ]
            for (flagged, plain) in pairs {
                #expect(flagged(x).equal(plain(x)))
                #expect(flagged.deepCopy().description == flagged.description)
            }
            #expect(Dropout(0.2, inplace: true).deepCopy().inplace)
            #expect(SiLU(inplace: true).deepCopy().inplace)
        }
    }
}
