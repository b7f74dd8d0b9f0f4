import CBLAS
import CVectorKernels
import Foundation
import Testing
@testable import TensorCore

/// On an AVX-512 CPU, GEMMs run OpenBLAS's AVX-512 (SkylakeX) kernels even where Debian's OpenBLAS would
/// pick its AVX2 ones (ProcessSetup.swift), and they still compute the right products.
@Suite struct OpenBLASCoreTests {
    @Test func avx512MachinesUseAnAVX512Core() throws {
        _ = Tensor.zeros(1)  // the first storage runs the process setup
        let core = String(cString: try #require(openblas_get_corename())).lowercased()
        if cvk_avx512_available() != 0 && ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil {
            #expect(!["haswell", "zen"].contains(core), "OpenBLAS core \(core) on an AVX-512 CPU")
        }
        manualSeed(0)
        let a = Tensor.randn([67, 129]).double(), b = Tensor.randn([129, 45]).double()
        let product = a.float().mm(b.float()).double()
        var expected = [Double](repeating: 0, count: 67 * 45)
        let av: [Double] = a.toArray(), bv: [Double] = b.toArray()
        for i in 0..<67 { for k in 0..<129 { for j in 0..<45 { expected[i * 45 + j] += av[i * 129 + k] * bv[k * 45 + j] } } }
        let got: [Double] = product.toArray()
        #expect(zip(got, expected).allSatisfy { abs($0 - $1) < 1e-4 * (1 + abs($1)) })
    }
}
