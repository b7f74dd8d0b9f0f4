import Testing

@testable import TensorCore

/// The guide's section-2 statements about shapes and views, plus storage-sharing behaviour.
@Suite struct ShapeGuideTests {
    static func arange(_ n: Int) -> Tensor { Tensor(copying: (0..<n).map { Int64($0) }, shape: [n]) }

    @Test func reshapeShapes() {
        let x = Self.arange(24)
        #expect(x.reshape(4, 6).shape == [4, 6])
        #expect(x.reshape(2, 3, 4).shape == [2, 3, 4])
        #expect(x.reshape(6, -1).shape == [6, 4])
        #expect(x.view(3, 8).shape == [3, 8])
        #expect(x.view(3, 8).toArray(Int64.self) == (0..<24).map { Int64($0) })
    }

    @Test func squeezeUnsqueeze() {
        let z = Tensor.zeros(1, 3, 1, 4)
        #expect(z.squeeze().shape == [3, 4])
        #expect(z.squeeze(dim: 0).shape == [3, 1, 4])
        #expect(Tensor.zeros(3, 4).unsqueeze(0).shape == [1, 3, 4])
    }

    @Test func transposePermuteContiguous() {
        let r = Tensor.zeros(2, 3, 4)
        #expect(r.transpose(0, 1).shape == [3, 2, 4])
        let p = r.permute(2, 0, 1)
        #expect(p.shape == [4, 2, 3])
        #expect(!p.isContiguous)
        let c = p.contiguous()
        #expect(c.isContiguous)
        #expect(c.strides == [6, 3, 1])
    }

    @Test func viewsShareStorage() {
        let x = Self.arange(12)
        let v = x.view(3, 4).t()
        v.select(dim: 0, index: 1).fill_(100)  // column 1 of the 3x4 view
        #expect(x.toArray(Int64.self) == [0, 100, 2, 3, 4, 100, 6, 7, 8, 100, 10, 11])
        // reshape of a transposed tensor copies, so writes don't reach the original.
        let copy = x.view(3, 4).t().reshape(12)
        #expect(copy.storage !== x.storage)
        copy.fill_(0)
        #expect(x.toArray(Int64.self)[1] == 100)
    }

    @Test func largeCopiesMatchSmallPaths() {
        // Big enough to take the parallel chunked paths; values checked against index arithmetic.
        let n = 300
        let m = Self.arange(n * n).view(n, n)
        let joined = Tensor.cat([m, m.t()], dim: 1)
        #expect(joined.shape == [n, 2 * n])
        #expect(joined.select(dim: 0, index: 7).toArray(Int64.self)[n + 5] == Int64(5 * n + 7))
        let flipped = m.flip([1])
        #expect(flipped.select(dim: 0, index: 2).toArray(Int64.self)[0] == Int64(2 * n + n - 1))
        let rolled = m.roll([1], dims: [0])
        #expect(rolled.select(dim: 0, index: 0).toArray(Int64.self)[3] == Int64((n - 1) * n + 3))
        let lower = m.tril(diagonal: 1).toArray(Int64.self)
        #expect(
            (0..<n).allSatisfy { i in
                (0..<n).allSatisfy { j in lower[i * n + j] == (j <= i + 1 ? Int64(i * n + j) : 0) }
            })
        let tiled = m.repeat(2, 1)
        #expect(
            tiled.select(dim: 0, index: n + 4).toArray(Int64.self) == m.select(dim: 0, index: 4).toArray(Int64.self))
    }

    @Test func splitChunkUnbindAreViews() {
        let x = Self.arange(10)
        #expect(x.chunk(3).map(\.numel) == [4, 4, 2])
        #expect(x.split(4).map(\.numel) == [4, 4, 2])
        #expect(x.unbind().count == 10)
        #expect(x.chunk(3).allSatisfy { $0.storage === x.storage })
        #expect(Tensor.broadcastTensors([Tensor.zeros(2, 1), Tensor.zeros(3)]).map(\.shape) == [[2, 3], [2, 3]])
    }
}
