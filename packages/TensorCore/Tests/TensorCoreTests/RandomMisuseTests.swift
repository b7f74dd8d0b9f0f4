import Foundation
import Testing

@testable import TensorCore

/// Misuse stops the program with torch's exact message (exit tests run each body in a child process).
@Suite struct RandomMisuseTests {
    @Test func randintNeedsLowBelowHigh() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.randint(5, 5, [3])
        }.map { result in
            let text = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(text.contains("random_ expects 'from' to be less than 'to', but got from=5 >= to=5"))
        }
    }

    @Test func negativeSizeStops() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.rand([-1])
        }.map { result in
            let text = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(text.contains("Trying to create tensor with negative dimension -1: [-1]"))
        }
    }

    @Test func multinomialWithoutReplacementCannotOverdraw() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.ones([3]).multinomial(4)
        }.map { result in
            let text = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(text.contains("cannot sample n_sample > prob_dist.size(-1) samples without replacement"))
        }
    }

    @Test func normalNeedsNonNegativeStd() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.normal(0, -1, [3])
        }.map { result in
            let text = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(text.contains("normal expects std >= 0.0, but found std -1"))
        }
    }

    @Test func uniformNeedsOrderedBounds() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.empty([3]).uniform_(2, 1)
        }.map { result in
            let text = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(text.contains("uniform_ expects to return a [from, to) range, but found from=2 > to=1"))
        }
    }

    /// States from files are checked with torch's messages, thrown: the generator is left as it was.
    @Test func validateStateThrowsTorchsMessages() throws {
        let gen = Generator(seed: 5)
        let good = gen.getState()
        try Generator.validateState(good)
        var damaged = good.toArray(UInt8.self)
        damaged[10] = 0x7F  // `left` (bytes 8..<12) far outside 1...624
        #expect(throws: RNGStateError("Invalid mt19937 state")) {
            try Generator.validateState(Tensor(copying: damaged, shape: [5056]))
        }
        #expect(throws: RNGStateError("Invalid mt19937 state")) {
            try Generator.validateState(Tensor.zeros([5056], dtype: .uint8))  // never seeded
        }
        #expect(
            throws: RNGStateError(
                "Expected a CPUGeneratorImplState of size 5056 but found the input RNG state size to be 10")
        ) {
            try Generator.validateState(Tensor.zeros([10], dtype: .uint8))
        }
        #expect(throws: RNGStateError("RNG state must be a torch.ByteTensor")) {
            try Generator.validateState(Tensor.zeros([5056]))
        }
        #expect(gen.getState().toArray(UInt8.self) == good.toArray(UInt8.self))
    }

    @Test func rngStateMustBeTorchSized() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            Generator().setState(Tensor.zeros([10], dtype: .uint8))
        }.map { result in
            let text = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(
                text.contains(
                    "Expected a CPUGeneratorImplState of size 5056 but found the input RNG state size to be 10"))
        }
    }
}
