import Foundation
import Testing
import TorchTestSupport

@testable import TensorCore

/// Edge semantics a differential sweep against torch 2.15 found different, against torch_semantics.json
/// (generate/torch_semantics.py): all/any over no dims, index_select on 0-dim tensors, uint8 `where`
/// conditions, pow with a bool base, interpolate on 3-D input, gelu at ±inf.
@Suite struct TorchSemanticsTests {
    static func cases() throws -> [String: Any] { try Fixture("torch_semantics").cases }

    func record(_ name: String) throws -> [String: Any] {
        try #require(try Self.cases()[name] as? [String: Any], "no case \(name)")
    }

    func tensor(_ record: [String: Any], _ key: String) throws -> Tensor { try Fixture.decodeTensor(record[key]!) }

    /// torch's `all(dim=())` / `any(dim=())` reduce nothing: each element's truth (uint8 stays uint8).
    @Test func allAndAnyOverNoDimsReduceNothing() throws {
        let cases = try Self.cases().keys.filter { $0.hasPrefix("all_empty_dims_") }
        #expect(cases.count == 18)
        for name in cases {
            let r = try record(name)
            let x = try tensor(r, "x"), keepdim = name.hasSuffix("True")
            expectEqual(x.all(dims: [], keepdim: keepdim), try tensor(r, "all"), name)
            expectEqual(x.any(dims: [], keepdim: keepdim), try tensor(r, "any"), name)
        }
    }

    /// A 0-dim self gives a 0-dim result for a one-element index of any rank.
    @Test func indexSelectOnAZeroDimTensor() throws {
        let r = try record("index_select_0dim")
        let s = Tensor(5.0)
        expectEqual(s.indexSelect(dim: 0, index: Tensor([Int64(0)])), try tensor(r, "vector_index"))
        expectEqual(s.indexSelect(dim: 0, index: Tensor(Int64(0))), try tensor(r, "scalar_index"))
        expectEqual(s.indexSelect(dim: 0, index: Tensor([Int32(0)])), try tensor(r, "int32_index"))
    }

    static func torchError(_ name: String) throws -> String {
        let errors = try #require(try cases()["errors"] as? [String: String])
        return try #require(errors[name])
    }

    static func stderr(_ result: ExitTest.Result?) -> String {
        String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    }

    @Test func indexSelectOnAZeroDimTensorTakesOneIndex() async throws {
        let two = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor(5.0).indexSelect(dim: 0, index: Tensor([Int64(0), 0]))
        }
        #expect(Self.stderr(two).contains(try Self.torchError("index_select_0dim_two")))
        let none = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor(5.0).indexSelect(dim: 0, index: Tensor.zeros([0], dtype: .int64))
        }
        #expect(Self.stderr(none).contains(try Self.torchError("index_select_0dim_none")))
    }

    /// torch still takes a uint8 condition (nonzero is true) and warns once that it is deprecated.
    @Test func whereTakesAUInt8Condition() async throws {
        let r = try record("where_uint8")
        let cond = try tensor(r, "cond"), a = try tensor(r, "a"), b = try tensor(r, "b")
        expectEqual(Tensor.where(cond, a, b), try tensor(r, "out"))
        expectEqual(Tensor.where(cond, a, 0.5), try tensor(r, "scalar_b"))
        let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) {
            let c = Tensor([UInt8(1), 0])
            _ = Tensor.where(c, Tensor([1.0, 2.0]), Tensor([3.0, 4.0]))
            _ = Tensor.where(c, Tensor([1.0, 2.0]), Tensor([3.0, 4.0]))
        }
        let warning = "where received a uint8 condition tensor. This behavior is deprecated"
        #expect(Self.stderr(result).components(separatedBy: warning).count == 2, "warned once")
    }

    /// A bool base never takes the ones short cut (torch's `Scalar.equal(1.0)` is false for bools).
    @Test func powWithABoolBase() async throws {
        let r = try record("pow_bool_base")
        expectEqual(Tensor.pow(.bool(true), Tensor([Int64(0), 1, 3])), try tensor(r, "int_exponent"))
        expectEqual(Tensor.pow(.bool(true), Tensor([0.5, -1.0])), try tensor(r, "float_exponent"))
        expectEqual(Tensor.pow(.int(1), Tensor([true, false])), try tensor(r, "one_bool_exponent"))
        expectEqual(Tensor.pow(.double(1), Tensor([true, false])), try tensor(r, "one_float_bool_exponent"))
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.pow(.bool(true), Tensor([true, false]))
        }
        #expect(Self.stderr(result).contains(try Self.torchError("pow_bool_base_bool_exponent")))
    }

    /// `F.interpolate`'s kernel takes [N, C, L] input for "nearest" and "linear".
    @Test func interpolateOnThreeDimensionalInput() throws {
        let r = try record("interpolate_3d")
        let x = try tensor(r, "x")
        expectClose(NNOps.interpolate(x, size: [8], mode: "nearest"), try tensor(r, "nearest_size"))
        expectClose(NNOps.interpolate(x, scaleFactor: [2.5], mode: "nearest"), try tensor(r, "nearest_scale"))
        expectClose(NNOps.interpolate(x, size: [7], mode: "linear"), try tensor(r, "linear_size"))
        expectClose(
            NNOps.interpolate(x, size: [9], mode: "linear", alignCorners: true), try tensor(r, "linear_align"))
    }

    /// gelu(+inf) is +inf and gelu(-inf) NaN (inf · Φ(-inf) = inf · 0), as torch's float64 and tanh
    /// kernels give. torch's float32 erf kernel returns NaN at +inf too; we keep the limit there
    /// deliberately (TensorCore README, "Deliberate differences").
    @Test func geluAtInfinity() throws {
        let r = try record("gelu_inf")
        let x = Tensor([Float.infinity, -.infinity, 1])
        let float64 = try tensor(r, "float64")
        expectClose(x.gelu(), float64.float(), rtol: 1e-6, atol: 1e-6)
        expectClose(x.double().gelu(), float64)
        expectClose(x.gelu(approximate: "tanh"), try tensor(r, "float32_tanh"))
    }

    // MARK: API the sweep found missing

    @Test func repeatInterleave() throws {
        let r = try record("repeat_interleave")
        let x = try tensor(r, "x")
        expectEqual(x.repeatInterleave(2), try tensor(r, "flat"))
        expectEqual(x.repeatInterleave(2, dim: 0), try tensor(r, "dim0"))
        expectEqual(x.repeatInterleave(Tensor([Int64(1), 2]), dim: 1), try tensor(r, "per_slice"))
        expectEqual(x.repeatInterleave(Tensor(Int64(2))), try tensor(r, "one_count_tensor"))
        expectEqual(x.repeatInterleave(0, dim: 0), try tensor(r, "zero"))
        expectEqual(Tensor.repeatInterleave(Tensor([Int64(1), 2, 3])), try tensor(r, "indices"))
        expectEqual(Tensor(5.0).repeatInterleave(3), try tensor(r, "float_0dim"))
    }

    @Test func repeatInterleaveMisuse() async throws {
        let size = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([[1, 2], [3, 4]]).repeatInterleave(Tensor([Int64(1), 2, 3]), dim: 0)
        }
        #expect(Self.stderr(size).contains(try Self.torchError("repeat_interleave_size")))
        let negative = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([[1, 2], [3, 4]]).repeatInterleave(Tensor([Int64(1), -2]), dim: 0)
        }
        #expect(Self.stderr(negative).contains(try Self.torchError("repeat_interleave_negative")))
    }

    /// The cross product in float64 (torch's kernel may fuse its multiply-subtracts, hence close, not equal).
    @Test func linalgCross() throws {
        let r = try record("cross")
        let a = try tensor(r, "a"), b = try tensor(r, "b")
        expectClose(Linalg.cross(a, b), try tensor(r, "out"))
        expectClose(Linalg.cross(a.mT.contiguous(), b.mT.expand([3, 4]).contiguous(), dim: 0), try tensor(r, "dim0"))
        expectEqual(Linalg.cross(Tensor([1, 2, 3]), Tensor([4, 5, 6])), try tensor(r, "int"))
    }

    @Test func linalgCrossMisuse() async throws {
        let length = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Linalg.cross(Tensor.ones([2, 2]), Tensor.ones([2, 2]))
        }
        #expect(Self.stderr(length).contains(try Self.torchError("cross_length")))
        let dtype = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Linalg.cross(Tensor.ones([3]), Tensor.ones([3], dtype: .float64))
        }
        #expect(Self.stderr(dtype).contains(try Self.torchError("cross_dtype")))
    }

    /// `3 // t`, `torch.div(7, t, rounding_mode=...)`: the number is a wrapped scalar.
    @Test func numberDividedByATensor() throws {
        let r = try record("number_by_tensor")
        let t = try tensor(r, "t"), it = try tensor(r, "it")
        expectEqual(Tensor.floorDivide(3, t), try tensor(r, "floor_float"))
        expectEqual(Tensor.floorDivide(3, it), try tensor(r, "floor_int"))
        expectEqual(Tensor.div(7, it, roundingMode: "trunc"), try tensor(r, "trunc_int"))
        expectEqual(Tensor.div(-7, it, roundingMode: "floor"), try tensor(r, "floor_neg_int"))
        expectEqual(Tensor.div(7.5, it, roundingMode: "floor"), try tensor(r, "floor_float_number"))
        expectEqual(Tensor.div(3, it), try tensor(r, "true_div"))
    }
    /// Adaptive pooling with nil in the output size keeps that input dim (torch's `(None, 3)`).
    @Test func adaptivePoolingKeepsNilDims() throws {
        let r = try record("adaptive_none")
        let x = try tensor(r, "x")
        expectClose(NNOps.adaptiveAvgPool2d(x, outputSize: [nil, 3]), try tensor(r, "avg2d"))
        let m = NNOps.adaptiveMaxPool2d(x, outputSize: [2, nil])
        expectEqual(m.output, try tensor(r, "max2d"))
        expectEqual(m.indices, try tensor(r, "max2d_indices"))
        expectClose(NNOps.adaptiveAvgPool3d(x.unsqueeze(0), outputSize: [nil, 2, nil]), try tensor(r, "avg3d"))
        #expect(AdaptiveOutputSize([nil, 7]).description == "(None, 7)" && AdaptiveOutputSize(7).description == "7")
    }

    @Test func adaptivePoolingCountsItsSizes() async throws {
        let two = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = NNOps.adaptiveAvgPool2d(Tensor.zeros([1, 2, 5, 6]), outputSize: [1, 2, 3])
        }
        #expect(Self.stderr(two).contains(try Self.torchError("adaptive_avg_pool2d_three_sizes")))
        let three = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = NNOps.adaptiveAvgPool3d(Tensor.zeros([1, 1, 2, 5, 6]), outputSize: [1, 2])
        }
        #expect(Self.stderr(three).contains(try Self.torchError("adaptive_avg_pool3d_two_sizes")))
    }
    /// 5-D input: nearest (sizes and per-dim scale factors) and trilinear (align_corners, scales, float64).
    @Test func interpolateFiveDimensional() throws {
        let r = try record("interpolate_5d")
        let x = try tensor(r, "x")
        expectEqual(NNOps.interpolate(x, size: [5, 6, 7], mode: "nearest"), try tensor(r, "nearest_size"))
        expectEqual(NNOps.interpolate(x, scaleFactor: [2], mode: "nearest"), try tensor(r, "nearest_scale"))
        expectEqual(
            NNOps.interpolate(x, scaleFactor: [1.5, 0.5, 2.5], mode: "nearest"), try tensor(r, "nearest_scale_mixed"))
        // Separable lerps: float32 rounding differs from torch's 8-corner sum in the last bits.
        expectClose(NNOps.interpolate(x, size: [4, 5, 6], mode: "trilinear"), try tensor(r, "trilinear_size"))
        expectClose(
            NNOps.interpolate(x, size: [4, 5, 6], mode: "trilinear", alignCorners: true),
            try tensor(r, "trilinear_align"))
        expectClose(NNOps.interpolate(x, scaleFactor: [1.5], mode: "trilinear"), try tensor(r, "trilinear_scale"))
        expectClose(
            NNOps.interpolate(x.double(), size: [2, 7, 3], mode: "trilinear"), try tensor(r, "trilinear_float64"))
    }

    @Test func trilinearNeedsFiveDimensions() async throws {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = NNOps.interpolate(Tensor.zeros([2, 3, 4, 5]), size: [3, 3], mode: "trilinear")
        }
        #expect(Self.stderr(result).contains(try Self.torchError("interpolate_trilinear_4d")))
    }
    /// Integer convolution (torch computes it on an integer GEMM) equals the exact float64 result for values
    /// that stay in range, with groups, stride, padding and dilation; int8 sums wrap as torch's do
    /// (the sweep checks int8 against torch itself).
    @Test func integerConvolutionIsExact() {
        let x = Tensor.randint(-9, 9, [2, 4, 7, 6]), w = Tensor.randint(-5, 5, [6, 2, 3, 2]),
            b = Tensor.randint(-3, 3, [6])
        let ints = NNOps.conv2d(x, w, b, stride: 2, padding: 1, dilation: [2, 1], groups: 2)
        let exact = NNOps.conv2d(
            x.double(), w.double(), b.double(), stride: 2, padding: 1, dilation: [2, 1], groups: 2)
        expectEqual(ints, exact.to(.int64))
        let x3 = Tensor.randint(-9, 9, [1, 2, 4, 3, 5]), w3 = Tensor.randint(-5, 5, [3, 2, 2, 2, 2])
        expectEqual(
            NNOps.conv3d(x3, w3, stride: [1, 1, 2], padding: [1, 0, 1], dilation: [1], groups: 1),
            NNOps.conv3d(x3.double(), w3.double(), stride: [1, 1, 2], padding: [1, 0, 1], dilation: [1], groups: 1).to(
                .int64))
    }
}
