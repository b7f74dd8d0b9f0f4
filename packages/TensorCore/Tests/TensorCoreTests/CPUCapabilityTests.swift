import CVectorKernels
import Foundation
import Testing

@testable import TensorCore

/// ATEN_CPU_CAPABILITY lowers the instruction set every kernel family uses, never above the CPU's own.
@Suite struct CPUCapabilityTests {
    static func expected(for value: String?) -> CPUCapability {
        let requested = value.flatMap { ["default": CPUCapability.default, "avx2": .avx2, "avx512": .avx512][$0] }
        return min(requested ?? CPUCapability.hardware, CPUCapability.hardware)
    }

    /// This process: whatever the environment asks (CI runs the suite as the machine is and with avx2).
    @Test func followsTheEnvironment() {
        let value = ProcessInfo.processInfo.environment["ATEN_CPU_CAPABILITY"]
        let current = CPUCapability.current
        #expect(current == Self.expected(for: value))
        #expect(VectorKernels.avx2 == (current >= .avx2))
        #expect(SgemmKernel.available == (current >= .avx512))
    }

    /// A child process started with each value uses that level (capped by the CPU); a bad value warns
    /// and keeps the CPU's level. The variable is read once, so each case needs its own process.
    @Test(arguments: ["default", "avx2", "avx512", "sse9"])
    func eachValueInAFreshProcess(_ value: String) async {
        let previous = ProcessInfo.processInfo.environment["ATEN_CPU_CAPABILITY"]
        setenv("ATEN_CPU_CAPABILITY", value, 1)
        defer {
            if let previous { setenv("ATEN_CPU_CAPABILITY", previous, 1) } else { unsetenv("ATEN_CPU_CAPABILITY") }
        }
        let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) {
            let value = ProcessInfo.processInfo.environment["ATEN_CPU_CAPABILITY"]
            let current = CPUCapability.current
            guard current == CPUCapabilityTests.expected(for: value), VectorKernels.avx2 == (current >= .avx2),
                SgemmKernel.available == (current >= .avx512)
            else { exit(1) }
        }
        let stderr = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(stderr.contains("ignoring invalid value for ATEN_CPU_CAPABILITY: sse9") == (value == "sse9"))
    }
}
