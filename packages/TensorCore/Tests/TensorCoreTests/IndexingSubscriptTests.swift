import Testing

@testable import TensorCore

/// The guide's section-2 indexing statements, written with the Python-like subscript syntax.
@Suite struct IndexingSubscriptTests {
    /// `torch.arange(24).reshape(2, 3, 4).float()`.
    static func arange24() -> Tensor { Tensor(copying: (0..<24).map { Float($0) }, shape: [2, 3, 4]) }

    @Test func integersSelectViews() {
        let t = Self.arange24()
        #expect(t[0].shape == [3, 4])
        #expect(t[0, 1].shape == [4])
        #expect(t[0, 1, 2].elementValue(Double.self) == 6)
        let v: Double = t[0, 1, 2]
        #expect(v == 6)
        #expect(t[-1, -1].toArray(Float.self) == [20, 21, 22, 23])
        #expect(t[0].storage === t.storage)
        #expect(t[1].storageOffset == 12)
    }

    @Test func slicesAndRanges() {
        let t = Self.arange24()
        let s = t[.all, 1..., ..<2]
        #expect(s.shape == [2, 2, 2])
        #expect(s.toArray(Float.self) == [4, 5, 8, 9, 16, 17, 20, 21])
        #expect(s.strides == [12, 4, 1] && s.storageOffset == 4)
        #expect(t[..., 1..<3].shape == [2, 2, 4])
        #expect(t[0, 0...1].toArray(Float.self) == t[0, ..<2].toArray(Float.self))
        #expect(t[0, 1, ...2].toArray(Float.self) == [4, 5, 6])
        #expect(t[1, ...].shape == [3, 4])
        #expect(t[.slice(start: 0, end: nil, step: 2)].shape == [1, 3, 4])
        #expect(t[0, 0, .slice(step: 2)].toArray(Float.self) == [0, 2])
        #expect(t[0, 0, .slice(start: -3)].toArray(Float.self) == [1, 2, 3])
        #expect(t[.ellipsis, 0].toArray(Float.self) == [0, 4, 8, 12, 16, 20])
        #expect(t[.newAxis].shape == [1, 2, 3, 4])
        #expect(t[.all, .newAxis, 0].shape == [2, 1, 4])
        #expect(t[5...].shape == [0, 3, 4])
    }

    @Test func indexTensorsAndMasks() {
        let t = Self.arange24()
        let indices = Tensor([0, 2])
        let picked = t[.all, indices, .all]
        #expect(picked.shape == [2, 2, 4])
        #expect(picked.toArray(Float.self) == [0, 1, 2, 3, 8, 9, 10, 11, 12, 13, 14, 15, 20, 21, 22, 23])
        #expect(picked.storage !== t.storage)
        // mask = t > 10, built without the comparison op.
        let mask = Tensor(copying: t.toArray(Float.self).map { $0 > 10 }, shape: [2, 3, 4])
        let selected = t[mask]
        #expect(selected.shape == [13])
        #expect(selected.toArray(Float.self) == (11..<24).map { Float($0) })
        #expect(t.maskedSelect(mask).toArray(Float.self) == selected.toArray(Float.self))
        // Separated index tensors move to the front; adjacent ones stay.
        #expect(t[Tensor([0, 1]), .all, Tensor([1, 3])].shape == [2, 3])
        #expect(t[.all, Tensor([0, 1]), Tensor([1, 3])].shape == [2, 2])
        #expect(t[Tensor([[0], [1]]), 0, Tensor([1, 2, 3])].shape == [2, 3])
        #expect(t[Tensor([1, 0], dtype: .int32)].shape == [2, 3, 4])
    }

    @Test func assignments() {
        let t = Self.arange24()
        t[0, 0, 0] = 100
        #expect(t[0, 0, 0].elementValue(Double.self) == 100)
        t[1] = Tensor.zeros([3, 4])
        #expect(t[1].toArray(Float.self) == [Float](repeating: 0, count: 12))
        t[0, .all, 0] = Tensor([7, 8, 9])  // int64 values are converted to float32
        #expect(t[0, .all, 0].toArray(Float.self) == [7, 8, 9])
        t[.all, 1..., ..<2] = 0.5
        #expect(t[0, 1, 0].elementValue(Double.self) == 0.5 && t[1, 2, 1].elementValue(Double.self) == 0.5)
        let mask = Tensor(copying: t.toArray(Float.self).map { $0 > 5 }, shape: [2, 3, 4])
        t[mask] = -1
        #expect(!t.toArray(Float.self).contains { $0 > 5 })
        t[Tensor([0]), .all, 3] = Tensor([1.0, 2.0, 3.0])
        #expect(t[0, .all, 3].toArray(Float.self) == [1, 2, 3])
        let version = t.storage.version
        t[..., 0] = 4  // Swift's `...` is Python's `:`, so this is t[:, 0] = 4
        #expect(t.storage.version > version)
        #expect(t[1, 0].toArray(Float.self) == [4, 4, 4, 4])
        t[.ellipsis, 0] = 3  // Python's t[..., 0] = 3
        #expect(t[1, 2, 0].elementValue(Double.self) == 3)
    }

    @Test func unboundedRangeInEveryOverload() {
        let t = Self.arange24()
        t[...] = 1
        #expect(t.toArray(Float.self).allSatisfy { $0 == 1 })
        t[..., 0] = 2
        t[1, ...] = 3
        t[0, 2, ...] = 4
        #expect(t[0, 0].toArray(Float.self) == [2, 2, 2, 2])
        #expect(t[0, 2].toArray(Float.self) == [4, 4, 4, 4])
        #expect(t[1].toArray(Float.self).allSatisfy { $0 == 3 })
        t[0, ..., 1] = Tensor([9.0, 8.0, 7.0])
        #expect(t[0, .all, 1].toArray(Float.self) == [9, 8, 7])
        let corner: Int = t[0, 0, 0]
        #expect(corner == 2)
    }

    @Test func viewsWriteThrough() {
        let t = Self.arange24()
        let row = t[1, 2]
        row[0] = 42
        #expect(t[1, 2, 0].elementValue(Double.self) == 42)
    }
}
