import Testing

@testable import TensorCore

@Suite struct CoreTests {
    @Test func nestedArraysFollowTorchTensorDtypes() {
        let ints = Tensor([1, 2, 3, 4, 5])
        #expect(ints.dtype == .int64)
        #expect(ints.shape == [5])
        let floats = Tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
        #expect(floats.dtype == .float32)
        #expect(floats.shape == [2, 3])
        #expect(floats.toArray(Float.self) == [1, 2, 3, 4, 5, 6])
        #expect(Tensor([true, false]).dtype == .bool)
        #expect(Tensor(2.5).ndim == 0)
        #expect(Tensor([1.5, 2.5], dtype: .float64).dtype == .float64)
    }

    @Test func promotionMatchesResultType() {
        #expect(DType.promote(.uint8, .int8) == .int16)
        #expect(DType.promote(.float16, .bfloat16) == .float32)
        #expect(DType.promote(.bool, .int32) == .int32)
        #expect(DType.resultType([.tensor(.int32, ndim: 1), .scalar(2.5)]) == .float32)
        #expect(DType.resultType([.tensor(.float16, ndim: 1), .scalar(2.5)]) == .float16)
        #expect(DType.resultType([.tensor(.uint8, ndim: 1), .tensor(.int64, ndim: 0)]) == .uint8)
        #expect(DType.resultType([.tensor(.int32, ndim: 1), .tensor(.float64, ndim: 0)]) == .float64)
        #expect(DType.resultType([.tensor(.bool, ndim: 2), .scalar(5)]) == .int64)
    }

    @Test func castsFollowStaticCast() {
        let t = Tensor([-1.7, 2.5, 300.2], dtype: .float64)
        #expect(t.to(.int64).toArray(Int64.self) == [-1, 2, 300])
        #expect(t.to(.uint8).toArray(UInt8.self) == [255, 2, 44])
        #expect(Tensor([0.0, 0.5]).bool().toArray(Bool.self) == [false, true])
    }

    @Test func raggedInputStops() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([[1, 2, 3], [4, 5]])
        }.map { result in
            let text = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(text.contains("expected sequence of length 3 at dim 1 (got 2)"))
        }
    }
}

@Suite struct CopyLayoutTests {
    /// Transposed views take the tiled copy; ragged edges, batches and casts must land exactly.
    @Test func tiledTransposeCopyMatchesIndexArithmetic() {
        let (b, r, c) = (3, 70, 45)
        let base = Tensor(copying: (0..<(b * r * c)).map { Double($0) }, shape: [b, r, c])
        let copied = base.transpose(1, 2).to(.float32).contiguous()
        #expect(copied.shape == [b, c, r])
        let values = copied.toArray(Float.self)
        var mismatches = 0
        for i in 0..<b {
            for j in 0..<c {
                for k in 0..<r where values[(i * c + j) * r + k] != Float((i * r + k) * c + j) { mismatches += 1 }
            }
        }
        #expect(mismatches == 0)
    }
}
