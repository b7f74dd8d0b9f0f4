import CVectorKernels
import Testing

@testable import TensorCore

/// float32 `sum`/`mean` over contiguous runs go through the C cascade sum (include/cvk_reduce.h). Its
/// AVX2 and plain C bodies must return the Swift `cascadeSum`'s bits (the float64/half path), for lengths
/// around the 8- and 32-lane edges and the 2048-element blocks, on values whose magnitudes span 2^±12 so
/// any change of summation order shows.
@Suite struct CascadeSumKernelTests {
    @Test(arguments: [0, 1, 7, 8, 9, 31, 32, 33, 100, 2047, 2048, 2049, 4133, 100_003])
    func cBodiesMatchTheSwiftSum(_ n: Int) {
        let p = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(n, 1))
        defer { p.deallocate() }
        var state = UInt64(n) &+ 12345
        for i in 0..<n {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let mantissa = Float(Int(state >> 40 & 0xFFFF) - 32768) / 32768
            p[i] = mantissa * Float(sign: .plus, exponent: Int(state >> 20 & 0x1F) - 12, significand: 1)
        }
        let swift = cascadeSum(UnsafePointer(p), n, skipNaN: false)
        let fast = cvk_cascade_sum_f32(p, n)
        cvk_reduce_set_portable(1)
        defer { cvk_reduce_set_portable(0) }
        let plain = cvk_cascade_sum_f32(p, n)
        #expect(fast.bitPattern == swift.bitPattern, "n=\(n): C \(fast) vs Swift \(swift)")
        #expect(plain.bitPattern == swift.bitPattern, "n=\(n): plain C \(plain) vs Swift \(swift)")
    }

    /// The route itself: a float32 tensor's sum and mean equal the Swift kernel's result.
    @Test func tensorSumTakesTheCKernel() {
        let values = (0..<5000).map { Float($0 % 97) * 0.01 - 0.3 }
        let t = Tensor(copying: values, shape: [5000])
        let swift = values.withUnsafeBufferPointer { cascadeSum($0.baseAddress!, 5000, skipNaN: false) }
        #expect(t.sum().item(Float.self).bitPattern == swift.bitPattern)
        #expect(t.mean().item(Float.self).bitPattern == (swift / 5000).bitPattern)
    }
}
