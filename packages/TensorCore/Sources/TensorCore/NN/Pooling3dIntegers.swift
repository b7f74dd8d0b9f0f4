/// 3-D max pooling of integer tensors, which torch's CPU computes: the window's first maximum (strict `>`
/// over taps in depth, height, width order) and its flat index in the input volume. One comparison per
/// kernel tap on a strided window of the input padded with Int64.min, so padding never wins.
extension NNOps {
    static func maxPool3dIntegers(_ input: Tensor, _ p: Pool3dParams) -> (output: Tensor, indices: Tensor) {
        let lead = input.ndim - 3
        // Padding on both sides, plus what ceil mode's last windows reach past the right padding.
        var pad: [Int] = []
        for i in (0..<3).reversed() {
            let reach = (p.outSize[i] - 1) * p.s[i] + (p.k[i] - 1) * p.d[i] + 1
            pad += [p.p[i], Swift.max(p.p[i], reach - p.inSize[i] - p.p[i])]
        }
        let x = NNOps.pad(input.to(.int64), pad: pad, value: .int(Int64.min)).contiguous()
        let outShape = Array(input.sizes.prefix(lead)) + p.outSize
        var best = Tensor.full(outShape, .int(Int64.min), dtype: .int64)
        var index = Tensor.full(outShape, .int(0), dtype: .int64)
        // The input position (per dim, before padding) each output's window starts at.
        let starts = (0..<3).map { i in
            Tensor.arange(.int(0), .int(Int64(p.outSize[i])), dtype: .int64).mul(.int(Int64(p.s[i])))
                .sub(.int(Int64(p.p[i]))).view((0..<3).map { $0 == i ? -1 : 1 })
        }
        for kd in 0..<p.k[0] {
            for kh in 0..<p.k[1] {
                for kw in 0..<p.k[2] {
                    let tap = [kd, kh, kw]
                    var offset = 0
                    for i in 0..<3 { offset += tap[i] * p.d[i] * x.stride(lead + i) }
                    let window = x.asStrided(
                        outShape, (0..<lead).map { x.stride($0) } + (0..<3).map { p.s[$0] * x.stride(lead + $0) },
                        offset: offset)
                    let position = (0..<3).map { starts[$0].add(.int(Int64(tap[$0] * p.d[$0]))) }
                    let flat =
                        (position[0].mul(.int(Int64(p.inSize[1]))) + position[1]).mul(.int(Int64(p.inSize[2])))
                        + position[2]
                    let larger = window.gt(best)
                    best = Tensor.where(larger, window, best)
                    index = Tensor.where(larger, flat.expand(outShape), index)
                }
            }
        }
        return (best.to(input.dtype), index)
    }
}
