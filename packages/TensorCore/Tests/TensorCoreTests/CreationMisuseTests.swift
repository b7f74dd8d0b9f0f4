import Foundation
import Testing

@testable import TensorCore

@Suite struct CreationMisuseTests {
    @Test func arangeStepMustBeNonzero() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.arange(0, 10, 0)
        }.map { result in
            let text = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(text.contains("step must be nonzero"))
        }
    }

    @Test func arangeStepSignMustMatch() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.arange(0, 10, -1)
        }.map { result in
            let text = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(text.contains("upper bound and lower bound inconsistent with step sign"))
        }
    }

    @Test func linspaceStepsNonNegative() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.linspace(0, 1, -1)
        }.map { result in
            let text = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(text.contains("number of steps must be non-negative"))
        }
    }

    @Test func eyeSizeNonNegative() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.eye(-1)
        }.map { result in
            let text = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(text.contains("n must be greater or equal to 0, got -1"))
        }
    }
}
