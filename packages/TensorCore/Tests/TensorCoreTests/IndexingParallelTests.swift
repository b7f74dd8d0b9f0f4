import Testing

@testable import TensorCore

/// Inputs above the grain size take the parallel paths; results must equal a plain serial computation.
@Suite struct IndexingParallelTests {
    @Test func indexSelectRowsMatchSerial() {
        let rows = 5000, cols = 16
        let t = Tensor(copying: (0..<(rows * cols)).map { Float($0) }, shape: [rows, cols])
        let picks = (0..<4000).map { Int64(($0 * 7919) % rows) }
        let out = t.indexSelect(dim: 0, index: Tensor(copying: picks, shape: [picks.count]))
        var expected: [Float] = []
        for r in picks { expected += (0..<cols).map { Float(Int(r) * cols + $0) } }
        #expect(out.toArray(Float.self) == expected)
        let viaSubscript = t[Tensor(copying: picks, shape: [picks.count])]
        #expect(viaSubscript.toArray(Float.self) == expected)
    }

    @Test func gatherAndScatterAddMatchSerial() {
        let rows = 300, cols = 256
        let source = Tensor(copying: (0..<(rows * cols)).map { Float($0 % 97) }, shape: [rows, cols])
        let indexValues = (0..<(rows * cols)).map { Int64(($0 * 31 + $0 / cols) % 50) }
        let index = Tensor(copying: indexValues, shape: [rows, cols])
        let target = Tensor.zeros([50, cols])
        target.scatterAdd_(dim: 0, index: index, src: source)
        var expected = [Float](repeating: 0, count: 50 * cols)
        let s = source.toArray(Float.self)
        for i in 0..<rows {
            for j in 0..<cols { expected[Int(indexValues[i * cols + j]) * cols + j] += s[i * cols + j] }
        }
        #expect(target.toArray(Float.self) == expected)

        let gathered = target.gather(dim: 0, index: index)
        let g = (0..<(rows * cols)).map { expected[Int(indexValues[$0]) * cols + $0 % cols] }
        #expect(gathered.toArray(Float.self) == g)
    }

    @Test func maskedFillLarge() {
        let n = 200_000
        let t = Tensor(copying: (0..<n).map { Float($0) }, shape: [n])
        let mask = Tensor(copying: (0..<n).map { $0 % 3 == 0 }, shape: [n])
        t.maskedFill_(mask, -1)
        let values = t.toArray(Float.self)
        #expect((0..<n).allSatisfy { values[$0] == ($0 % 3 == 0 ? -1 : Float($0)) })
        #expect(t.maskedSelect(mask).numel == (n + 2) / 3)
        #expect(mask.nonzero().shape == [(n + 2) / 3, 1])
    }
}
