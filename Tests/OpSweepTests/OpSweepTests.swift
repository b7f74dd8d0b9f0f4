import Foundation
import TensorCore
import Testing
import TorchTestSupport

/// The differential sweep against torch (Tests/Fixtures/op_sweep.json, generate/op_sweep.py): every case in
/// child processes. A child runs the cases in order until one traps; the trap is judged (torch raised the
/// same message there: a pass; otherwise a failure naming the case) and a new child goes on after it.
@Suite(.serialized) struct OpSweepTests {
    @Test func everyCaseMatchesTorch() async throws {
        let cases = try SweepCase.all()
        try #require(cases.count > 2000)
        // Each child ends at a trap: torch's errors, the listed gaps, and any new trap of ours (a few at most).
        let expectedTraps = cases.filter { $0.error != nil }.count + SweepKnownGaps.reasons.count
        var start = 0, children = 0
        while start < cases.count {
            children += 1
            try #require(children <= expectedTraps + 20, "more children than traps expected: is every case trapping?")
            let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                [first = start as Int] in
                SweepRunner.run(from: first)
            }
            let lines = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
                .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for line in lines where line.hasPrefix("SWEEP-FAIL ") {
                let parts = line.split(separator: " ", maxSplits: 2).map(String.init)
                let index = Int(parts[1]) ?? -1
                Issue.record("\(index >= 0 ? cases[index].id : "sweep"): \(parts.count > 2 ? parts[2] : "")")
            }
            if lines.contains("SWEEP-DONE") { break }
            // The last announced case trapped: torch's error there, or a failure of ours.
            guard let last = lines.last(where: { $0.hasPrefix("SWEEP-CASE ") }), let index = Int(last.dropFirst(11))
            else {
                Issue.record("a child died before its first case: \(lines.suffix(5).joined(separator: " | "))")
                break
            }
            let after = lines.drop { $0 != last }.joined(separator: "\n")
            let c = cases[index]
            if SweepKnownGaps.reasons[c.id] != nil {
                // A listed gap: its trap is the known difference.
            } else if let error = c.error {
                #expect(
                    after.contains(error), "\(c.id): torch raises \"\(error)\"; we stopped with: \(Self.fatal(after))")
            } else {
                Issue.record("\(c.id) traps where torch computes: \(Self.fatal(after))")
            }
            start = index + 1
        }
    }

    /// The fatal-error line a trap printed.
    static func fatal(_ output: String) -> String {
        output.split(separator: "\n").first { $0.contains("Fatal error") }.map(String.init)
            ?? String(output.suffix(300))
    }

    /// Every listed gap names a case of the fixture.
    @Test func knownGapsNameCases() throws {
        let ids = Set(try SweepCase.all().map(\.id))
        #expect(Set(SweepKnownGaps.reasons.keys).subtracting(ids).isEmpty)
    }

    /// Every op the fixture holds has a Swift entry, and every entry a fixture op.
    @Test func tableAndFixtureAgree() throws {
        let names = Set(try SweepCase.opNames())
        #expect(names.count > 100)
        #expect(
            names.subtracting(SweepOps.table.keys).isEmpty,
            "ops without a Swift entry: \(names.subtracting(SweepOps.table.keys).sorted())")
        #expect(
            Set(SweepOps.table.keys).subtracting(names).isEmpty,
            "entries without cases: \(Set(SweepOps.table.keys).subtracting(names).sorted())")
    }
}

/// A public function of TensorCore or F is either swept, or named in `SweepBacklog` (not yet swept, or not
/// an op) — so a new op without a sweep entry fails here until it gets one.
@Suite struct OpCoverageTests {
    @Test func everyPublicFunctionIsSweptOrListed() throws {
        let names = try OpCoverage.publicNames()
        #expect(names.count > 300, "the source scan found only \(names.count) names")
        let swept = Set(SweepOps.table.keys.map(OpCoverage.swiftName))
        let unlisted = names.subtracting(swept).subtracting(SweepBacklog.names).subtracting(SweepBacklog.notOps)
        #expect(
            unlisted.isEmpty,
            "public functions with no sweep entry: \(unlisted.sorted()) — add them to the sweep (Tests/Fixtures/generate/op_sweep.py and SweepOps)"
        )
        let stale = SweepBacklog.names.union(SweepBacklog.notOps).intersection(swept)
        #expect(stale.isEmpty, "swept now, remove from SweepBacklog: \(stale.sorted())")
        let gone = SweepBacklog.names.subtracting(names)
        #expect(gone.isEmpty, "no longer public, remove from SweepBacklog.names: \(gone.sorted())")
    }
}
