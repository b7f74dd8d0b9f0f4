import CBLAS
import Foundation
import Testing

@testable import TensorCore

/// TensorCore leaves OpenBLAS's core selection alone (ProcessSetup.swift): a core named by
/// OPENBLAS_CORETYPE is the one that runs, and its products are right.
@Suite struct OpenBLASCoreTests {
    @Test func theEnvironmentsCoreRunsAndComputesRightProducts() throws {
        _ = Tensor.zeros(1)  // the first storage runs the process setup
        let core = String(cString: try #require(openblas_get_corename())).lowercased()
        if let pinned = ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] {
            #expect(core == pinned.lowercased(), "OPENBLAS_CORETYPE=\(pinned) but OpenBLAS runs \(core)")
        }
        manualSeed(0)
        let a = Tensor.randn([67, 129]).double(), b = Tensor.randn([129, 45]).double()
        let product = a.mm(b)  // float64: OpenBLAS's dgemm whatever the float32 routing
        var expected = [Double](repeating: 0, count: 67 * 45)
        let av: [Double] = a.toArray(), bv: [Double] = b.toArray()
        for i in 0..<67 {
            for k in 0..<129 { for j in 0..<45 { expected[i * 45 + j] += av[i * 129 + k] * bv[k * 45 + j] } }
        }
        let got: [Double] = product.toArray()
        #expect(zip(got, expected).allSatisfy { abs($0 - $1) < 1e-12 * (1 + abs($1)) })
    }
}
