import Foundation
import Testing
import TorchTestSupport

@testable import TensorCore

/// bfloat16 and float16 GEMMs and conversions against reduced_gemm.json (generate/reduced_gemm.py).
///
/// GEMMs: each product runs twice, on the float32 fallback (debug builds route there by default) and with
/// `SgemmKernel.withForced` (bf16 on the AVX512_BF16 kernel when the CPU has it; release builds use it in
/// both runs, and `ATEN_CPU_CAPABILITY=avx2` sends both to the fallback). The tolerance: every element within
/// one unit in the last place of the reduced dtype from the exact (float64) product of the same inputs, or
/// no farther from it than torch's own result, plus 2^-16·Σ|alpha·a·b| + |beta·c| for float32 accumulation
/// in another order. vdpbf16ps products are exact and their sums round to float32, so the kernel stays
/// within the same bound as the fallback (it flushes bf16 denormals, as torch's oneDNN kernels do; the
/// fixture has none).
///
/// Conversions: float32 → bfloat16/float16 bit for bit as torch, at the ties, NaN, inf and denormals, in a
/// vector loop's body and its tails, contiguous (torch's vectorized copy) and strided (its scalar one).
@Suite struct ReducedGemmTests {
    static func cases() throws -> [String: Any] { try Fixture("reduced_gemm").cases }

    /// The generator's inputs: ((i·7919 + seed·104729) mod 2003) / 1001 − 1 in float32, rounded to `dtype`.
    static func values(_ shape: [Int], seed: Int, _ dtype: DType) -> Tensor {
        let count = shape.reduce(1, *)
        return Tensor(
            copying: (0..<count).map { i in Float((i * 7919 + seed * 104729) % 2003) / 1001 - 1 }, shape: shape
        )
        .to(dtype)
    }

    /// The case's op; addmm and baddbmm take their coefficients from `coefficients` (the magnitude uses |·|).
    static func run(_ op: String, _ t: [String: Tensor], coefficients: (beta: Double, alpha: Double)? = nil) -> Tensor {
        let a = t["a"]!, b = t["b"]!
        switch op {
        case "mm_at": return a.t().mm(b)
        case "mm_bt": return a.mm(b.t())
        case "mm_atbt": return a.t().mm(b.t())
        case "linear": return a.matmul(b.t())
        case "bmm": return a.bmm(b)
        case "matmul_broadcast": return a.matmul(b)
        case "addmm":
            let (beta, alpha) = coefficients ?? (2.0, 0.5)
            return t["c"]!.addmm(a, b, beta: .double(beta), alpha: .double(alpha))
        case "baddbmm":
            let (beta, alpha) = coefficients ?? (-1.5, 0.25)
            return t["c"]!.baddbmm(a, b, beta: .double(beta), alpha: .double(alpha))
        default: return a.mm(b)
        }
    }

    static let seeds = ["a": 1, "b": 2, "c": 3]

    @Test(arguments: ["bfloat16", "float16"])
    func gemmsWithinTolerance(_ dtypeName: String) throws {
        let dtype = try #require(DType(name: dtypeName))
        let prefix = "gemm_\(dtypeName)_"
        var seen = 0, equalToTorch = 0, total = 0
        for (name, value) in try Self.cases() where name.hasPrefix(prefix) {
            let record = try #require(value as? [String: Any])
            let shapes = try #require(record["shapes"] as? [String: [Int]])
            let torch = try Fixture.decodeTensor(try #require(record["out"]))
            let op = String(name.dropFirst(prefix.count))
            let inputs = shapes.reduce(into: [String: Tensor]()) {
                $0[$1.key] = Self.values($1.value, seed: Self.seeds[$1.key]!, dtype)
            }
            let exact = Self.run(op, inputs.mapValues { $0.to(.float64) }).toArray(Double.self)
            let magnitude = Self.run(
                op, inputs.mapValues { $0.to(.float64).abs() },
                coefficients: op == "addmm" ? (2.0, 0.5) : op == "baddbmm" ? (1.5, 0.25) : nil
            ).toArray(Double.self)
            let t = torch.toArray(Double.self)
            let mantissa = dtype == .bfloat16 ? 7 : 10
            for forced in [false, true] {
                let ours = forced ? SgemmKernel.withForced { Self.run(op, inputs) } : Self.run(op, inputs)
                #expect(ours.dtype == dtype && ours.shape == torch.shape, "\(name): \(ours.dtype)\(ours.shape)")
                guard ours.shape == torch.shape else { continue }
                let o = ours.toArray(Double.self)
                var worst = -1
                for i in exact.indices {
                    let e = exact[i]
                    let ulp = e == 0 ? 0x1p-24 : Double(sign: .plus, exponent: e.exponent - mantissa, significand: 1)
                    let bound = max(abs(t[i] - e), ulp) + 0x1p-16 * magnitude[i]
                    if !(abs(o[i] - e) <= bound), worst < 0 { worst = i }
                    if forced {
                        total += 1
                        if o[i] == t[i] { equalToTorch += 1 }
                    }
                }
                #expect(
                    worst < 0,
                    "\(name) forced \(forced) [\(max(worst, 0))]: ours \(o[max(worst, 0)]), torch \(t[max(worst, 0)]), exact \(exact[max(worst, 0)])"
                )
            }
            seen += 1
        }
        #expect(seen == 15)
        print(
            "\(dtypeName) GEMMs (\(Bf16GemmKernel.available && dtype == .bfloat16 ? "AVX512_BF16 kernel" : "float32 path") when forced): \(equalToTorch) of \(total) elements equal to torch's"
        )
    }

    @Test(arguments: ["bfloat16", "float16"])
    func conversionsBitExact(_ dtypeName: String) throws {
        let dtype = try #require(DType(name: dtypeName))
        let record = try #require(try Self.cases()["convert_\(dtypeName)"] as? [String: Any])
        func tensor(_ key: String) throws -> Tensor { try Fixture.decodeTensor(try #require(record[key])) }
        func bits(_ t: Tensor) -> [Int16] { t.contiguous().view(dtype: .int16).toArray(Int16.self) }
        let x = try tensor("x"), y = try tensor("y")
        let n = x.numel
        #expect(bits(x.to(dtype)) == bits(y), "contiguous .to(\(dtypeName))")
        // Tails shorter than a vector (and a vector plus a tail) start where the ties are.
        for length in [1, 7, 15, 17, 21] {
            let start = n - 21
            #expect(
                bits(x.narrow(dim: 0, start: start, length: length).to(dtype))
                    == bits(y.narrow(dim: 0, start: start, length: length)), "tail of \(length)")
        }
        let wide = Tensor.zeros([n, 2])
        wide.select(dim: 1, index: 0).copy_(x)
        #expect(
            bits(wide.select(dim: 1, index: 0).to(dtype)) == bits(try tensor("y_strided")), "strided .to(\(dtypeName))")
        let back = y.to(.float32).view(dtype: .int32).toArray(Int32.self)
        #expect(back == (try tensor("back")).view(dtype: .int32).toArray(Int32.self), ".to(float32)")
    }
}
