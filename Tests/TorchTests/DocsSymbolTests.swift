import Foundation
import Testing

/// The docs name only Swift symbols that exist: a backticked Swift reference in CONTRIBUTING.md,
/// ARCHITECTURE.md or a README (`runUnary`, `Tensor.where`, `IntOrTuple.expand(_:_:)`) must have every
/// one of its names somewhere in the repository's Swift sources. Python and torch spellings (`index_select`,
/// `nn.Linear`, `torch.save`) are not Swift references and are left to the reader.
@Suite struct DocsSymbolTests {
    /// Every identifier written in the repository's Swift files.
    static let swiftIdentifiers: Set<String> = {
        var names = Set<String>()
        for path in DocsPathTests.tree where path.hasSuffix(".swift") && !path.hasSuffix("/DocsSymbolTests.swift") {
            guard let text = try? String(contentsOfFile: DocsPathTests.root.path + path, encoding: .utf8) else {
                continue
            }
            for match in text.matches(of: /[A-Za-z_][A-Za-z0-9_]*/) { names.insert(String(match.output)) }
        }
        return names
    }()

    static var documents: [String] {
        DocsPathTests.documents.filter {
            $0 == "/CONTRIBUTING.md" || $0 == "/ARCHITECTURE.md"
                || $0.hasSuffix("/README.md") && !$0.hasPrefix("/data/")
        }
    }

    /// Python's and torch's namespaces: a span starting with one of these is torch code, not ours.
    static let pythonRoots: Set<String> = [
        "torch", "nn", "np", "optim", "torchvision", "transforms", "datasets", "models", "onnx", "onnxruntime", "h5py",
        "self", "os", "math", "dist", "amp", "lr_scheduler", "functional", "utils", "jit", "hub", "tv", "ort", "TF",
    ]

    /// Spans that read as Swift but are not: Pillow's decompression-bomb error, a version placeholder (`vX.Y.Z`).
    static let notSwift: Set<String> = ["DecompressionBombError", "vX"]

    /// The Swift names a backticked span refers to: `Tensor.where` → [Tensor, where], `maskedFill_(_:_:)` →
    /// [maskedFill_]. A span with a snake_case name, an operator or spaces is not a Swift reference.
    static func referencedNames(_ span: String) -> [String]? {
        guard
            let match = span.wholeMatch(
                of: /([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)(\([A-Za-z0-9_:]*\))?/)
        else { return nil }
        let names = match.output.1.split(separator: ".").map(String.init)
        guard let first = names.first, !pythonRoots.contains(first) else { return nil }
        // A file's name (`ElementLoops.swift`) is a path, DocsPathTests' to check.
        if let last = names.last, names.count > 1, ["swift", "py", "c", "h", "md", "sh", "json"].contains(last) {
            return nil
        }
        if notSwift.contains(first) { return nil }
        // snake_case (an underscore inside a name) is Python's; a trailing underscore is an in-place op.
        if names.contains(where: { $0.dropLast().contains("_") || $0.hasPrefix("_") }) { return nil }
        // Only names that read as Swift identifiers: camelCase with an upper-case letter, or a type name.
        guard names.contains(where: { $0.first!.isUppercase || $0.contains(where: \.isUppercase) }) else { return nil }
        if names.allSatisfy({ $0.allSatisfy { $0.isUppercase || $0.isNumber } }) { return nil }  // ONNX, BF16, CPU
        return names.map { $0.hasSuffix("_") && !swiftIdentifiers.contains($0) ? String($0.dropLast()) : $0 }
    }

    @Test(arguments: documents)
    func everyNamedSymbolExists(_ document: String) throws {
        let text = try String(contentsOfFile: DocsPathTests.root.path + document, encoding: .utf8)
        var missing: [String] = []
        for match in text.matches(of: /`([^`\n]+)`/) {
            let span = String(match.output.1)
            guard let names = Self.referencedNames(span) else { continue }
            if names.contains(where: { !Self.swiftIdentifiers.contains($0) }) { missing.append(span) }
        }
        #expect(missing.isEmpty, "\(document) names Swift symbols that do not exist: \(missing)")
    }

    @Test func theCheckFindsAMissingSymbol() {
        #expect(Self.referencedNames("mapUnary") == ["mapUnary"])
        #expect(!Self.swiftIdentifiers.contains("mapUnary"))
        #expect(Self.referencedNames("Tensor.where") == ["Tensor", "where"])
        #expect(Self.referencedNames("index_select") == nil)
        #expect(Self.referencedNames("torch.nn.Linear") == nil)
        #expect(Self.referencedNames("a + b") == nil)
    }
}
