import Foundation
import TensorCore
import TorchTestSupport

/// The child side of the sweep: runs cases from `start` in order, announcing each on stderr before it runs
/// (`SWEEP-CASE <index>`), so a trap — torch's error turned into ours, or a crash — names its case; reports
/// each mismatch (`SWEEP-FAIL <index> <why>`) and, after the last case, `SWEEP-DONE`.
enum SweepRunner {
    static func run(from start: Int) {
        let cases: [SweepCase]
        do { cases = try SweepCase.all() } catch {
            say("SWEEP-FAIL -1 cannot load op_sweep.json: \(error)")
            exit(2)
        }
        for index in start..<cases.count {
            let c = cases[index]
            say("SWEEP-CASE \(index)")
            let problem = check(c)
            if SweepKnownGaps.reasons[c.id] != nil {
                if problem == nil {
                    say("SWEEP-FAIL \(index) listed in SweepKnownGaps but matches torch now: remove it")
                }
            } else if let problem {
                say("SWEEP-FAIL \(index) \(problem)")
            }
        }
        say("SWEEP-DONE")
        exit(3)  // the parent expects a failure exit: a case that traps ends the child the same way
    }

    static func say(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }

    /// Why `c` differs from torch, or nil.
    static func check(_ c: SweepCase) -> String? {
        guard let op = SweepOps.table[c.op] else { return "no Swift entry for op \(c.op)" }
        guard let outputs = op(c) else { return "no Swift form for these arguments" }
        if let error = c.error {
            return "torch raises \"\(error)\" but we returned \(outputs.map { "\($0.dtype)\($0.shape)" })"
        }
        let expected = c.expected ?? []
        guard outputs.count == expected.count else { return "\(outputs.count) outputs, torch \(expected.count)" }
        for (i, (ours, theirs)) in zip(outputs, expected).enumerated() {
            guard case .tensor(let torch) = theirs else { return "output \(i): torch returned a number" }
            let exact = c.exact.flatMap { i < $0.count ? $0[i] : nil }.flatMap {
                if case .tensor(let t) = $0 { t } else { nil }
            }
            if let exact, torch.dtype == .float16 || torch.dtype == .bfloat16 {
                if let problem = inaccuracy(ours, torch, exact) { return "output \(i): \(problem)" }
            } else if let problem = difference(ours, torch) {
                return "output \(i): \(problem)"
            }
        }
        return nil
    }

    /// Reduced precision: torch's kernels round intermediates in places ours do not (and the other way), so
    /// ours must be within one unit in the last place of the float64 result, or no farther from it than
    /// torch's — as good as torch at least, elementwise. dtype and shape must be torch's.
    static func inaccuracy(_ ours: Tensor, _ torch: Tensor, _ exact: Tensor) -> String? {
        if ours.dtype != torch.dtype { return "dtype \(ours.dtype), torch \(torch.dtype)" }
        if ours.shape != torch.shape { return "shape \(ours.shape), torch \(torch.shape)" }
        let mantissa = torch.dtype == .float16 ? 10 : 7
        let (o, t, e) = (
            ours.contiguous().toArray(Double.self), torch.contiguous().toArray(Double.self),
            exact.contiguous().toArray(Double.self)
        )
        for i in e.indices {
            if (o[i].isNaN && t[i].isNaN) || o[i] == t[i] { continue }
            let ulp =
                e[i] == 0 || !e[i].isFinite
                ? 0x1p-24 : Double(sign: .plus, exponent: e[i].exponent - mantissa, significand: 1)
            if abs(o[i] - e[i]) <= max(abs(t[i] - e[i]), ulp) * (1 + 1e-9) { continue }
            return "element \(i): \(o[i]), torch \(t[i]), exact \(e[i])"
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

    /// torch.testing.assert_close's rule: dtype and shape equal, values within the dtype's default
    /// tolerances (exact for integers and bools), NaN equal to NaN.
    static func difference(_ ours: Tensor, _ torch: Tensor) -> String? {
        if ours.dtype != torch.dtype { return "dtype \(ours.dtype), torch \(torch.dtype)" }
        if ours.shape != torch.shape { return "shape \(ours.shape), torch \(torch.shape)" }
        let (rtol, atol) = defaultTolerance(torch.dtype)
        let a = ours.contiguous().toArray(Double.self), e = torch.contiguous().toArray(Double.self)
        for i in a.indices {
            let (x, y) = (a[i], e[i])
            if (x.isNaN && y.isNaN) || x == y || abs(x - y) <= atol + rtol * abs(y) { continue }
            return "element \(i): \(x), torch \(y)"
        }
        return nil
    }
}
