import Testing

/// Guide §2: tensor-basics prints what its twin Examples/pytorch/tensor-basics.py prints with torch.
@Suite struct TensorBasicsExampleTests {
    @Test func printsTorchsLines() throws {
        // The float32 sum and mean of the 12 random numbers may differ from torch's in the last bit: torch adds
        // in its vectorized order, TensorCore in another. Those lines compare to float32 precision.
        let aggregates = ["합계: ", "평균: ", "최대: ", "최소: ", "표준편차: "]
        try ExpectedLines("tensor-basics").expectMatch(tolerance: 1e-6) { line in
            aggregates.contains { line.hasPrefix($0) }
        }
    }
}
