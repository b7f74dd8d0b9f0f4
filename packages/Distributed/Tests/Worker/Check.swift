import Distributed
import TensorCore

/// Stops the job with `what` when `condition` fails (every rank exits non-zero: MPI_Abort).
func check(_ condition: Bool, _ what: @autoclosure () -> String) {
    if !condition { Dist.abort("check failed: \(what())") }
}

/// Exact equality of values and dtype.
func checkEqual(_ actual: Tensor, _ expected: Tensor, _ what: @autoclosure () -> String) {
    check(
        actual.dtype == expected.dtype && actual.shape == expected.shape && actual.equal(expected),
        "\(what()): got \(actual), expected \(expected)")
}
