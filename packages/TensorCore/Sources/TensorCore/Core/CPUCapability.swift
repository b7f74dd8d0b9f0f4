import CVectorKernels

/// The instruction-set level TensorCore's kernels run at — `torch.backends.cpu.get_cpu_capability()`.
/// It is the CPU's best, lowered by the `ATEN_CPU_CAPABILITY` environment variable (torch's own switch:
/// `default`, `avx2`, `avx512`), read once at the first kernel call. OpenBLAS chooses its kernels
/// separately, when the library loads: pin it with `OPENBLAS_CORETYPE` (e.g. `Haswell` for AVX2).
public enum CPUCapability: String, Sendable, Comparable {
    /// Portable code: Swift's SIMD paths and the plain-C twins of the C kernels.
    case `default` = "DEFAULT"
    /// AVX2 and FMA: the elementwise, softmax, RNN-gate and optimizer C kernels; GEMM on OpenBLAS.
    case avx2 = "AVX2"
    /// AVX-512 (F, BW, VL, DQ): also TensorCore's own sgemm, Winograd and implicit-GEMM convolutions.
    case avx512 = "AVX512"

    /// The level in use (torch's spelling through `rawValue`: "AVX512").
    public static var current: CPUCapability { level(cvk_cpu_capability()) }

    /// The CPU's own best level, whatever `ATEN_CPU_CAPABILITY` says.
    /// No PyTorch counterpart: `torch.backends.cpu.get_cpu_capability()` reports only the level in use.
    public static var hardware: CPUCapability { level(cvk_cpu_hardware_capability()) }

    private static func level(_ value: Int32) -> CPUCapability {
        switch value {
        case Int32(CVK_CPU_AVX512): return .avx512
        case Int32(CVK_CPU_AVX2): return .avx2
        default: return .default
        }
    }

    private var rank: Int {
        switch self {
        case .default: return 0
        case .avx2: return 1
        case .avx512: return 2
        }
    }

    /// Orders levels by width, default < avx2 < avx512, as ATen compares its `CPUCapability` enum (PyTorch: C++ only).
    public static func < (lhs: CPUCapability, rhs: CPUCapability) -> Bool { lhs.rank < rhs.rank }
}
