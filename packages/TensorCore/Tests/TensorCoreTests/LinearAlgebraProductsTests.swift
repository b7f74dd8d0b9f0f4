import Testing

@testable import TensorCore

/// Fixture's default `filePath` is evaluated at the call site and assumes a caller one folder down
/// (Support/); tests at the TensorCoreTests root pass a path of that depth.
func linalgFixture(_ name: String, filePath: String = #filePath) throws -> Fixture {
    let folder = filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
    return try Fixture(name, filePath: folder + "/Support/Fixtures.swift")
}

/// Parity of the matmul family and einsum with real torch (Fixtures/linalg_products.json).
@Suite struct LinearAlgebraProductsTests {
    /// Rebuilds a fixture operand: the exact view (transposed, sliced, broadcast) torch used.
    static func operand(_ any: Any) throws -> Tensor {
        let record = try #require(any as? [String: Any])
        let base = try Fixture.decodeTensor(try #require(record["base"]))
        let size = try #require(record["size"] as? [Int])
        let stride = try #require(record["stride"] as? [Int])
        let offset = try #require(record["offset"] as? Int)
        return base.asStrided(size, stride, offset: offset)
    }

    static func scalar(_ any: Any?) -> Scalar {
        if let i = any as? Int, !(any is Double && "\(any!)".contains(".")) { return .int(Int64(i)) }
        if let d = any as? Double { return d == d.rounded() && !"\(d)".contains("e") ? .int(Int64(d)) : .double(d) }
        return 1
    }

    @Test func everyProductMatchesTorch() throws {
        let fixture = try linalgFixture("linalg_products")
        var checked = 0
        for (name, value) in fixture.cases.sorted(by: { $0.key < $1.key }) {
            let record = try #require(value as? [String: Any])
            let op = try #require(record["op"] as? String)
            let args = try (try #require(record["args"] as? [Any])).map(Self.operand)
            let expected = try Fixture.decodeTensor(try #require(record["out"]))
            let beta = Self.scalar(record["beta"]), alpha = Self.scalar(record["alpha"])
            let actual: Tensor
            switch op {
            case "matmul": actual = args[0].matmul(args[1])
            case "mm": actual = args[0].mm(args[1])
            case "bmm": actual = args[0].bmm(args[1])
            case "mv": actual = args[0].mv(args[1])
            case "dot": actual = args[0].dot(args[1])
            case "vdot": actual = args[0].vdot(args[1])
            case "outer": actual = args[0].outer(args[1])
            case "addmm": actual = Tensor.addmm(args[0], args[1], args[2], beta: beta, alpha: alpha)
            case "addmv": actual = Tensor.addmv(args[0], args[1], args[2], beta: beta, alpha: alpha)
            case "baddbmm": actual = Tensor.baddbmm(args[0], args[1], args[2], beta: beta, alpha: alpha)
            case "einsum": actual = Tensor.einsum(try #require(record["equation"] as? String), args)
            default:
                Issue.record("unknown op \(op)")
                continue
            }
            // GEMMs sum in a different order than MKL: allow float rounding of a k-term sum.
            let (rtol, atol): (Double?, Double?) =
                switch expected.dtype {
                case .float32: (1e-5, 1e-5)
                case .float16: (2e-3, 2e-3)
                case .bfloat16: (1.6e-2, 1e-2)
                default: (nil, nil)
                }
            expectClose(actual, expected, rtol: rtol, atol: atol, name)
            checked += 1
        }
        #expect(checked > 100)
    }

    @Test func guideExample() {
        let a = Tensor([[1.0, 2.0], [3.0, 4.0]]), b = Tensor([[5.0, 6.0], [7.0, 8.0]])
        #expect(a.matmul(b).toArray(Float.self) == [19, 22, 43, 50])
        #expect(a.mm(b).toArray(Float.self) == [19, 22, 43, 50])
    }

    /// Big batched GEMMs take the serial path (OpenBLAS threads inside each GEMM), small ones the
    /// parallel-over-batch path; both must equal one mm per batch element, transposed views included.
    @Test func batchedPathsAgreeWithPerMatrixProducts() {
        for (m, k, n) in [(70, 65, 66), (5, 6, 7)] {
            let a = Tensor(copying: (0..<(3 * m * k)).map { Float(($0 * 7919) % 13) - 6 }, shape: [3, m, k])
            let bt = Tensor(copying: (0..<(3 * n * k)).map { Double(($0 * 104729) % 11) - 5 }, shape: [3, n, k]).float()
            let b = bt.laMT()
            let batched = a.bmm(b)
            for i in 0..<3 {
                let ai = a.asStrided([m, k], [k, 1], offset: i * m * k)
                let bi = b.asStrided([k, n], [1, k], offset: i * n * k)
                expectEqual(batched.asStrided([m, n], [n, 1], offset: i * m * n).contiguous(), ai.mm(bi))
            }
        }
    }
}
