import Testing

@testable import TensorCore

/// bfloat16 convolution forward and convolution_backward against nn_conv_bf16.json
/// (generate/nn_conv_bf16.py: torch's oneDNN bf16 convolutions, float32 accumulation).
///
/// Each case runs twice: as the build routes it (debug builds and `ATEN_CPU_CAPABILITY=avx2`: float32
/// copies of the bf16 operands) and under `SgemmKernel.withForced` (the AVX512_BF16 route of
/// NN/ConvBf16.swift where the CPU has the instruction; release builds take it in both runs). Tolerance,
/// as ReducedGemmTests: every element within one bf16 unit in the last place of the exact (float64) result
/// on the same inputs, or no farther from it than torch's own, plus 2^-16·Σ|products| because the float32
/// sums run in another order (per tile, per thread chunk, vdpbf16ps rounding each pair's sum once).
@Suite struct Bf16ConvolutionTests {
    nonisolated(unsafe) static let fixture = try! Fixture("nn_conv_bf16")

    /// The generator's inputs: ((i·7919 + seed·104729) mod 2003) / 1001 − 1, times `scale`, rounded to bf16.
    static func values(_ shape: [Int], seed: Int, scale: Float = 1) -> Tensor {
        let count = shape.reduce(1, *)
        return Tensor(
            copying: (0..<count).map { i in (Float((i * 7919 + seed * 104729) % 2003) / 1001 - 1) * scale },
            shape: shape
        )
        .to(.bfloat16)
    }

    struct Operands {
        var x: Tensor, w: Tensor, b: Tensor?, gy: Tensor
        func map(_ f: (Tensor) -> Tensor) -> Operands { Operands(x: f(x), w: f(w), b: b.map(f), gy: f(gy)) }
    }

    /// Forward output and (input, weight, bias) gradients for the case's hyper-parameters.
    static func run(_ c: NNCase, _ t: Operands) -> [Tensor?] {
        let spatial = t.w.ndim - 2
        func expand(_ key: String) -> [Int] {
            let v = c.ints(key)
            return v.count == 1 ? [Int](repeating: v[0], count: spatial) : v
        }
        let (stride, padding, dilation, groups) = (
            expand("stride"), expand("padding"), expand("dilation"), c.int("groups")!
        )
        let zeros = [Int](repeating: 0, count: spatial)
        let out = NNOps.convolution(
            t.x, t.w, t.b, stride: stride, padding: padding, dilation: dilation, transposed: false,
            outputPadding: zeros,
            groups: groups)
        let g = NNOps.convolutionBackward(
            t.gy, t.x, t.w, biasSizes: t.b?.sizes, stride: stride, padding: padding, dilation: dilation,
            transposed: false,
            outputPadding: zeros, groups: groups, outputMask: [true, true, t.b != nil])
        return [out, g.gradInput, g.gradWeight, g.gradBias]
    }

    @Test(arguments: Self.fixture.cases.keys.sorted())
    func matchesTorchWithinBf16Tolerance(_ name: String) throws {
        let c = try NNCase(Self.fixture, name)
        let xs = c.ints("x"), ws = c.ints("w")
        let torch = [try c.tensor("out"), try c.tensor("gx"), try c.tensor("gw"), try c.optionalTensor("gb")]
        let inputs = Operands(
            x: Self.values(xs, seed: 1), w: Self.values(ws, seed: 2, scale: 0.25),
            b: c.bool("bias") ? Self.values([ws[0]], seed: 3) : nil, gy: Self.values(torch[0]!.sizes, seed: 4))
        let exact = Self.run(c, inputs.map { $0.to(.float64) })
        let magnitude = Self.run(c, inputs.map { $0.to(.float64).abs() })
        for forced in [false, true] {
            let ours = forced ? SgemmKernel.withForced { Self.run(c, inputs) } : Self.run(c, inputs)
            if forced {
                let params = ConvParams(
                    stride: [1], padding: [0], dilation: [1], transposed: false, outputPadding: [0],
                    groups: c.int("groups")!,
                    spatial: ws.count - 2)
                #expect(
                    SgemmKernel.withForced { Bf16Conv.applies(inputs.x, inputs.w, inputs.b, params) }
                        == Bf16GemmKernel.available)
            }
            for (index, label) in ["out", "gx", "gw", "gb"].enumerated() {
                guard let t = torch[index] else { continue }
                let o = try #require(ours[index], "\(name) \(label)")
                #expect(o.dtype == .bfloat16 && o.sizes == t.sizes, "\(name) \(label): \(o.dtype)\(o.sizes)")
                guard o.sizes == t.sizes else { continue }
                let (ov, tv) = (o.toArray(Double.self), t.toArray(Double.self))
                let (ev, mv) = (exact[index]!.toArray(Double.self), magnitude[index]!.toArray(Double.self))
                var worst = -1
                for i in ev.indices {
                    let e = ev[i]
                    let ulp = e == 0 ? 0x1p-24 : Double(sign: .plus, exponent: e.exponent - 7, significand: 1)
                    if !(abs(ov[i] - e) <= max(abs(tv[i] - e), ulp) + 0x1p-16 * mv[i]), worst < 0 { worst = i }
                }
                let w = max(worst, 0)
                #expect(
                    worst < 0, "\(name) \(label) forced \(forced) [\(w)]: ours \(ov[w]), torch \(tv[w]), exact \(ev[w])"
                )
            }
        }
    }
}
