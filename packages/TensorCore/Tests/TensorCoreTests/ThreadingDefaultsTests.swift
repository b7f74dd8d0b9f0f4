import CBLAS
import Testing

@testable import TensorCore

/// The default thread count comes from the environment as torch's `intraop_default_num_threads` reads it
/// (torch 2.15 checked: OMP_NUM_THREADS=1 → 1, MKL_NUM_THREADS=1 beats OMP_NUM_THREADS=2, "abc" ignored).
/// The end-to-end check, a real process started with OMP_NUM_THREADS=1, is in TorchTests/TrainMNISTTests.
@Suite struct ThreadingDefaultsTests {
    func resolve(_ environment: [String: String], cores: Int = 8) -> (threads: Int, warnings: [String]) {
        var warnings: [String] = []
        let threads = Threads.defaultCount(environment: environment, cores: cores) { warnings.append($0) }
        return (threads, warnings)
    }

    @Test func unsetMeansEveryCore() {
        #expect(resolve([:]) == (8, []))
        #expect(resolve(["OPENBLAS_NUM_THREADS": "1"]) == (8, []))  // OpenBLAS's own knob is not torch's
    }

    @Test func ompNumThreadsSetsTheDefault() {
        #expect(resolve(["OMP_NUM_THREADS": "1"]) == (1, []))
        #expect(resolve(["OMP_NUM_THREADS": "16"]) == (16, []))  // more than the cores: asked for, given
        #expect(resolve(["OMP_NUM_THREADS": " 3 "]) == (3, []))
        #expect(resolve(["OMP_NUM_THREADS": "+2"]) == (2, []))
        #expect(resolve(["OMP_NUM_THREADS": "2,4"]) == (2, []))  // OpenMP's per-level list: the first level
    }

    @Test func mklNumThreadsOverridesOmpNumThreads() {
        #expect(resolve(["OMP_NUM_THREADS": "2", "MKL_NUM_THREADS": "1"]) == (1, []))
        #expect(resolve(["MKL_NUM_THREADS": "3"]) == (3, []))
    }

    @Test func invalidValuesAreIgnoredWithAWarning() {
        for bad in ["", "abc", "0", "-2", "4abc", "1.5", "99999999999999999999999"] {
            let (threads, warnings) = resolve(["OMP_NUM_THREADS": bad])
            #expect(threads == 8, "OMP_NUM_THREADS=\(bad)")
            #expect(
                warnings == [
                    "Warning: Invalid OMP_NUM_THREADS variable value '\(bad)', expected a positive integer; ignoring it\n"
                ])
        }
        // An invalid override keeps the valid value before it, as torch's fallback chain does.
        let (threads, warnings) = resolve(["OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "x"])
        #expect(threads == 1 && warnings.count == 1 && warnings[0].contains("MKL_NUM_THREADS"))
    }

    /// OpenBLAS runs with the same count from the first use on (LAPACK calls never resync it). The count
    /// is not changed here: tests in this process run in parallel and some need 2 threads.
    @Test func openBLASFollowsTheCount() {
        setNumThreads(getNumThreads())  // torch's spellings
        #expect(getNumThreads() == Threads.get())
        #expect(openblas_get_num_threads() == Int32(Threads.get()))
    }
}
