import Testing

/// Guide §2: the lines that do not depend on random draws print exactly what torch prints.
@Suite struct TensorBasicsExampleTests {
    @Test func printsTorchsDeterministicLines() throws {
        let result = try ExampleRunner.run("tensor-basics")
        #expect(result.status == 0, "stderr: \(result.err)")
        let out = result.out
        for expected in [
            "1D 텐서: tensor([1, 2, 3, 4, 5]), shape: torch.Size([5]), dtype: torch.int64",
            "tensor([[0.2000, 0.3333],\n        [0.4286, 0.5000]])",
            "행렬 곱:\ntensor([[19., 22.],\n        [43., 50.]])",
            "tensor([[11, 22, 33],\n        [14, 25, 36]])",
            "reshape(4, 6): torch.Size([4, 6]), reshape(2, 3, 4): torch.Size([2, 3, 4]), reshape(6, -1): torch.Size([6, 4]), view(3, 8): torch.Size([3, 8])",
        ] {
            #expect(out.contains(expected), "missing:\n\(expected)")
        }
    }
}
