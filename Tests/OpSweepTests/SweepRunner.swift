import Foundation
import TensorCore
import TorchTestSupport

/// The child side of the sweep: runs cases from `start` in order, announcing each on stderr before it runs
/// (`SWEEP-CASE <index>`), so a trap — torch's error turned into ours, or a crash — names its case; reports
/// each mismatch (`SWEEP-FAIL <index> <why>`) and, after the last case, `SWEEP-DONE`.
enum SweepRunner {
    static func run(from start: Int) {
        let cases: [SweepCase]
        do { cases = try SweepCase.all() } catch { say("SWEEP-FAIL -1 cannot load op_sweep.json: \(error)"); exit(2) }
        for index in start..<cases.count {
            let c = cases[index]
            say("SWEEP-CASE \(index)")
            if let problem = check(c) { say("SWEEP-FAIL \(index) \(problem)") }
        }
        say("SWEEP-DONE")
        exit(3)  // the parent expects a failure exit: a case that traps ends the child the same way
    }

    static func say(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }

    /// Why `c` differs from torch, or nil.
    static func check(_ c: SweepCase) -> String? {
        guard let op = SweepOps.table[c.op] else { return "no Swift entry for op \(c.op)" }
        guard let outputs = op(c) else { return "no Swift form for these arguments" }
        if let error = c.error { return "torch raises \"\(error)\" but we returned \(outputs.map { "\($0.dtype)\($0.shape)" })" }
        let expected = c.expected ?? []
        guard outputs.count == expected.count else { return "\(outputs.count) outputs, torch \(expected.count)" }
        for (i, (ours, theirs)) in zip(outputs, expected).enumerated() {
            guard case .tensor(let torch) = theirs else { return "output \(i): torch returned a number" }
            if let problem = difference(ours, torch, id: c.id) { return "output \(i): \(problem)" }
        }
        return nil
    }

    static func defaultTolerance(_ dtype: DType) -> (Double, Double) {
        switch dtype {
        case .float16: (1e-3, 1e-5)
        case .bfloat16: (1.6e-2, 1e-5)
        case .float32: (1.3e-6, 1e-5)
        case .float64: (1e-7, 1e-7)
        default: (0, 0)
        }
    }

    /// Cases where torch's kernel is farther from the exact value than assert_close's default allows and
    /// ours is correctly rounded (checked against float64): (rtol, atol).
    static let exceptions: [String: (Double, Double)] = [
        // torch's float16 logit is 2 units in the last place off at x = 0.5557 (0.22388 for 0.22358).
        "logit[float16,matrix]": (2.5e-3, 1e-5),
    ]

    /// torch.testing.assert_close's rule: dtype and shape equal, values within the dtype's default
    /// tolerances (exact for integers and bools), NaN equal to NaN.
    static func difference(_ ours: Tensor, _ torch: Tensor, id: String) -> String? {
        if ours.dtype != torch.dtype { return "dtype \(ours.dtype), torch \(torch.dtype)" }
        if ours.shape != torch.shape { return "shape \(ours.shape), torch \(torch.shape)" }
        let (rtol, atol) = exceptions[id] ?? defaultTolerance(torch.dtype)
        let a = ours.contiguous().toArray(Double.self), e = torch.contiguous().toArray(Double.self)
        for i in a.indices {
            let (x, y) = (a[i], e[i])
            if (x.isNaN && y.isNaN) || x == y || abs(x - y) <= atol + rtol * abs(y) { continue }
            return "element \(i): \(x), torch \(y)"
        }
        return nil
    }
}
