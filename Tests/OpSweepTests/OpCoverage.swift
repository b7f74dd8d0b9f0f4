import Foundation

/// Which public functions of TensorCore and of F the sweep covers: a sweep op named `bitwise_and` covers
/// `bitwiseAnd` and its in-place `bitwiseAnd_`, `max_pool2d` covers `maxPool2dWithIndices`. Names are read from the sources (`public func`, `public
/// static func`), so a new public function shows up here by itself.
enum OpCoverage {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let scannedFolders = ["packages/TensorCore/Sources/TensorCore", "packages/Layers/Sources/Layers/Functional"]

    /// Every public function name in the scanned folders, in-place forms folded into their op.
    static func publicNames() throws -> Set<String> {
        let pattern = try NSRegularExpression(pattern: #"public (?:static )?func `?([A-Za-z_][A-Za-z0-9_]*)`?\s*[<(]"#)
        var names = Set<String>()
        for folder in scannedFolders {
            let root = repoRoot.appendingPathComponent(folder)
            guard let files = FileManager.default.enumerator(atPath: root.path) else { continue }
            for case let file as String in files where file.hasSuffix(".swift") {
                let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
                for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    let name = String(text[Range(match.range(at: 1), in: text)!])
                    names.insert(opName(name))
                }
            }
        }
        return names
    }

    /// The op a function belongs to: in-place `add_` is `add`'s, `maxPool2dWithIndices` is `maxPool2d`'s (torch's
    /// `return_indices=True`).
    static func opName(_ name: String) -> String {
        if name.hasSuffix("_") { return String(name.dropLast()) }
        if name.hasSuffix("WithIndices") { return String(name.dropLast("WithIndices".count)) }
        return name
    }

    /// The Swift name of a sweep op: torch's snake_case in camelCase.
    static func swiftName(_ torchName: String) -> String {
        let parts = torchName.split(separator: "_")
        return parts.enumerated().map {
            $0.offset == 0 ? String($0.element) : $0.element.prefix(1).uppercased() + $0.element.dropFirst()
        }
        .joined()
    }
}
