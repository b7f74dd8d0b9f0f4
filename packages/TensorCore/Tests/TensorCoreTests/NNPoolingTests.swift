import Testing

@testable import TensorCore

/// Pooling and upsampling forward outputs, indices and backward kernels against torch autograd.
@Suite struct NNPoolingTests {
    nonisolated(unsafe) static let fixture = try! Fixture("nn_pool")

    @Test(arguments: Self.fixture.cases.keys.sorted())
    func poolingMatchesTorch(_ name: String) throws {
        let c = try NNCase(Self.fixture, name)
        let x = try c.tensor("x"), gy = try c.tensor("gy")
        let k = IntOrTuple(c.ints("kernel")), s = IntOrTuple(c.ints("stride")), p = IntOrTuple(c.ints("padding"))
        var out: Tensor, gx: Tensor
        switch c.string("op")! {
        case "max2d":
            let r = NNOps.maxPool2dWithIndices(
                x, kernelSize: k, stride: s, padding: p, dilation: IntOrTuple(c.ints("dilation")),
                ceilMode: c.bool("ceil"))
            expectEqual(r.indices, try c.tensor("indices"), name)
            out = r.output
            gx = NNOps.maxPool2dWithIndicesBackward(gy, x, indices: r.indices)
        case "max1d":
            let r = NNOps.maxPool1dWithIndices(
                x, kernelSize: k.values[0], stride: s.values[0], padding: p.values[0], dilation: c.int("dilation")!,
                ceilMode: c.bool("ceil"))
            expectEqual(r.indices, try c.tensor("indices"), name)
            out = r.output
            gx = NNOps.maxPool1dWithIndicesBackward(gy, x, indices: r.indices)
        case "avg2d":
            out = NNOps.avgPool2d(
                x, kernelSize: k, stride: s, padding: p, ceilMode: c.bool("ceil"),
                countIncludePad: c.bool("count_include_pad"), divisorOverride: c.int("divisor"))
            gx = NNOps.avgPool2dBackward(
                gy, x, kernelSize: k, stride: s, padding: p, ceilMode: c.bool("ceil"),
                countIncludePad: c.bool("count_include_pad"), divisorOverride: c.int("divisor"))
        case "avg1d":
            out = NNOps.avgPool1d(
                x, kernelSize: k.values[0], stride: s.values[0], padding: p.values[0], ceilMode: c.bool("ceil"),
                countIncludePad: c.bool("count_include_pad"))
            gx = NNOps.avgPool1dBackward(
                gy, x, kernelSize: k.values[0], stride: s.values[0], padding: p.values[0], ceilMode: c.bool("ceil"),
                countIncludePad: c.bool("count_include_pad"))
        case "aavg2d":
            out = NNOps.adaptiveAvgPool2d(x, outputSize: AdaptiveOutputSize(c.ints("size")))
            gx = NNOps.adaptiveAvgPool2dBackward(gy, x)
        case "amax2d":
            let r = NNOps.adaptiveMaxPool2d(x, outputSize: AdaptiveOutputSize(c.ints("size")))
            expectEqual(r.indices, try c.tensor("indices"), name)
            out = r.output
            gx = NNOps.adaptiveMaxPool2dBackward(gy, x, indices: r.indices)
        case "aavg1d":
            out = NNOps.adaptiveAvgPool1d(x, outputSize: c.int("size")!)
            gx = NNOps.adaptiveAvgPool1dBackward(gy, x)
        default:  // interp
            let mode = c.string("mode")!
            let size: [Int]? = c.values["size"] is [Int] ? c.ints("size") : nil
            let scale = c.values["scale"] as? [Double]
            let align = c.values["align_corners"] as? Bool
            out = NNOps.interpolate(x, size: size, scaleFactor: scale, mode: mode, alignCorners: align)
            let spatial = x.ndim - 2
            let x4 = spatial == 1 ? x.unsqueeze(-2) : x
            let gy4 = spatial == 1 ? gy.unsqueeze(-2) : gy
            let outSize = Array(gy4.sizes.suffix(2))
            var scales: [Double?] = [nil, nil]
            if let scale { scales = spatial == 2 ? [scale[0], scale[scale.count - 1]] : [nil, scale[0]] }
            gx =
                mode == "nearest"
                ? NNOps.upsampleNearest2dBackward(gy4, outputSize: outSize, inputSize: x4.sizes, scales: scales)
                : NNOps.upsampleBilinear2dBackward(
                    gy4, outputSize: outSize, inputSize: x4.sizes, alignCorners: align ?? false, scales: scales)
            if spatial == 1 { gx = gx.squeeze(dim: -2) }
        }
        let tol: (Double, Double) = x.dtype == .float32 ? (1e-5, 1e-5) : (1e-12, 1e-12)
        expectClose(out, try c.tensor("out"), rtol: tol.0, atol: tol.1, name)
        expectClose(gx, try c.tensor("gx"), rtol: tol.0, atol: tol.1, "\(name) grad")
    }
}
