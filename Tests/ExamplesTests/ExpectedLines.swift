import Foundation
import Testing

/// Compares an example's output with what its PyTorch twin printed (Expected/<name>.txt), line by line.
struct ExpectedLines {
    let ours: [String]
    let torch: [String]

    /// Runs `name` (checking it exits with status 0) and loads torch's lines for it.
    init(_ name: String, _ arguments: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try ExampleRunner.run(name, arguments)
        #expect(result.status == 0, "\(name) failed, stderr: \(result.err)", sourceLocation: sourceLocation)
        ours = result.lines
        torch = try ExampleRunner.expected(name)
    }

    /// Every line equal, except the lines `tolerant` picks: their text must be equal and their numbers within
    /// `tolerance · (1 + |torch's number|)`; lines `skip` picks are left to the caller.
    func expectMatch(
        tolerance: Double = 0, tolerant: (String) -> Bool = { _ in false }, skip: (String) -> Bool = { _ in false },
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(
            ours.count == torch.count, "\(ours.count) lines, torch printed \(torch.count)",
            sourceLocation: sourceLocation)
        for (i, (line, expected)) in zip(ours, torch).enumerated() where !skip(expected) {
            if tolerant(expected) {
                #expect(
                    Self.close(line, expected, tolerance), "line \(i + 1): \(line)\n torch: \(expected)",
                    sourceLocation: sourceLocation)
            } else {
                #expect(line == expected, "line \(i + 1)", sourceLocation: sourceLocation)
            }
        }
    }

    /// The numbers on our line that starts with `prefix`.
    func numbers(onLineStartingWith prefix: String) -> [Double]? {
        ours.first { $0.hasPrefix(prefix) }.map { Self.split($0).numbers }
    }

    /// The same text with numbers close enough.
    static func close(_ line: String, _ expected: String, _ tolerance: Double) -> Bool {
        let a = split(line), e = split(expected)
        return a.text == e.text && a.numbers.count == e.numbers.count
            && zip(a.numbers, e.numbers).allSatisfy { abs($0 - $1) <= tolerance * (1 + abs($1)) }
    }

    /// A line's text with each number replaced by `#`, and the numbers.
    static func split(_ line: String) -> (text: String, numbers: [Double]) {
        let pattern = /-?[0-9]+(\.[0-9]+)?(e[-+]?[0-9]+)?/
        var text = "", numbers: [Double] = [], rest = line[...]
        while let match = rest.firstMatch(of: pattern) {
            text += rest[..<match.range.lowerBound] + "#"
            numbers.append(Double(match.output.0)!)
            rest = rest[match.range.upperBound...]
        }
        return (text + rest, numbers)
    }
}
