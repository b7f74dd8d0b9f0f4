/// `upsample_nearest3d` and `upsample_trilinear3d` on [N, C, D, H, W] (or unbatched [C, D, H, W]). Both are
/// separable, so they run as one gather (and, for trilinear, one weighted pair) per axis with the same
/// source indices and weights as the 2-D kernels (`Axis`); the gathers are recorded, so they differentiate.
extension NNOps {
    package static func upsample3d(
        _ input: Tensor, outputSize: [Int], scales: [Double?] = [nil, nil, nil], trilinear: Bool,
        alignCorners: Bool = false
    ) -> Tensor {
        let name = trilinear ? "upsample_trilinear3d" : "upsample_nearest3d"
        torchCheck(
            input.ndim == 5 || input.ndim == 4,
            "Expected 5D input for \(name), but got input of size \(shapeString(input.sizes))")
        torchCheck(outputSize.count == 3, "It is expected output_size equals to 3, but got size \(outputSize.count)")
        let inSizes = Array(input.sizes.suffix(3))
        torchCheck(
            inSizes.allSatisfy { $0 > 0 } && outputSize.allSatisfy { $0 > 0 },
            "Input and output sizes should be greater than 0, but got input (D: \(inSizes[0]), H: \(inSizes[1]), W: \(inSizes[2])) output (D: \(outputSize[0]), H: \(outputSize[1]), W: \(outputSize[2]))"
        )
        if input.dtype.isReducedFloat {
            return upsample3d(
                input.opmath, outputSize: outputSize, scales: scales, trilinear: trilinear, alignCorners: alignCorners
            )
            .to(input.dtype)
        }
        var y = input
        for axis in 0..<3 {
            let dim = input.ndim - 3 + axis
            // Source coordinates in the kernel's accumulation type, as torch computes them (Float for float32).
            y =
                input.dtype == .float64
                ? resample(
                    y, dim: dim,
                    Axis<Double>(
                        inSize: inSizes[axis], outSize: outputSize[axis], scale: scales[axis], bilinear: trilinear,
                        alignCorners: alignCorners), linear: trilinear)
                : resample(
                    y, dim: dim,
                    Axis<Float>(
                        inSize: inSizes[axis], outSize: outputSize[axis], scale: scales[axis], bilinear: trilinear,
                        alignCorners: alignCorners), linear: trilinear)
        }
        return y
    }

    /// One axis: x[i0] for nearest, x[i0]·λ0 + x[i1]·λ1 for linear.
    private static func resample<T: NNFloat>(_ x: Tensor, dim: Int, _ a: Axis<T>, linear: Bool) -> Tensor {
        let near = x.indexSelect(dim: dim, index: Tensor(a.i0.map(Int64.init)))
        guard linear else { return near }
        var shape = [Int](repeating: 1, count: x.ndim)
        shape[dim] = a.i0.count
        let l0 = Tensor(a.l0.map { Double($0) }).to(x.dtype).view(shape)
        let l1 = Tensor(a.l1.map { Double($0) }).to(x.dtype).view(shape)
        return near * l0 + x.indexSelect(dim: dim, index: Tensor(a.i1.map(Int64.init))) * l1
    }
}
