import Foundation
import Testing

/// The written guides stay true to the tree: every local link and every file path a Markdown document names in
/// backticks exists. Paths are written relative to whatever the sentence is about (`NN/Convolution.swift`
/// inside TensorCore's README, `Tests/Fixtures/generate/models.py` in VisionModels'), so a path counts as
/// present when some file or folder in the repository ends with it.
@Suite struct DocsPathTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Every file and folder of the repository as "/relative/path", build products and virtualenvs left out.
    static let tree: [String] = {
        var paths: [String] = []
        let skip: Set<String> = [".git", ".build", ".build-release", ".venv-tensorboard", ".venv-onnx", ".swiftpm"]
        let enumerator = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: nil, options: [],
            errorHandler: { _, _ in true })
        while let url = enumerator?.nextObject() as? URL {
            if skip.contains(url.lastPathComponent) || url.lastPathComponent.hasPrefix(".build") {
                enumerator?.skipDescendants()
                continue
            }
            paths.append(String(url.path.dropFirst(root.path.count)))
        }
        return paths
    }()

    static var documents: [String] {
        tree.filter { $0.hasSuffix(".md") && !$0.contains("/Fixtures/") }.sorted()
    }

    /// Paths the docs name in a user's own project (README's "use it in your project").
    static let outsideTheRepository: Set<String> = ["Sources/my-app/main.swift"]

    /// `a/b.swift`, `Sources/X/`, `weights_catalog.py`: a backticked span that is one path — with a slash and a
    /// file extension or a trailing slash, or a source file's bare name — and not a command, a URL, a home or
    /// build folder, or a placeholder. Files programs write (`model.pt`) have no slash and no source extension.
    static func namedPaths(_ text: String) -> [String] {
        let withSlash = ["swift", "c", "h", "py", "sh", "md", "json", "pth", "pt", "txt", "modulemap"]
        let bare = ["swift", "c", "h", "py", "sh"]
        var found: [String] = []
        for match in text.matches(of: /`([^`\n]+)`/) {
            let span = String(match.output.1)
            guard !span.contains(where: { " <>*(){}[]=,:$~\"'|@".contains($0) }), !span.hasPrefix("-"),
                !span.hasPrefix("/"), !span.hasPrefix(".build"), !span.contains("/.build"), !span.contains("..."),
                !outsideTheRepository.contains(span)
            else { continue }
            let first = span.split(separator: "/").first.map(String.init) ?? ""
            if first.contains("."), span.contains("/"), first != ".", first != ".." { continue }  // a host name
            let ext =
                span.contains(".")
                ? String(span.split(separator: ".", omittingEmptySubsequences: false).last ?? "") : ""
            let isPath = span.contains("/") ? span.hasSuffix("/") || withSlash.contains(ext) : bare.contains(ext)
            if isPath { found.append(span) }
        }
        for match in text.matches(of: /\]\(([^)#\s]+)(#[^)]*)?\)/) {
            let link = String(match.output.1)
            if !link.contains("://"), !link.hasPrefix("mailto:") { found.append(link) }
        }
        return found
    }

    /// Whether the repository has `path` (a document's link relative to the document, or any suffix match).
    static func exists(_ path: String, from document: String) -> Bool {
        let folder = (document as NSString).deletingLastPathComponent
        let resolved = ((folder + "/" + path) as NSString).standardizingPath
        if tree.contains(resolved) || FileManager.default.fileExists(atPath: root.path + resolved) { return true }
        let suffix =
            "/"
            + (path.hasPrefix("./") ? String(path.dropFirst(2)) : path).trimmingCharacters(
                in: CharacterSet(charactersIn: "/"))
        return tree.contains { $0.hasSuffix(suffix) }
    }

    @Test(arguments: documents)
    func everyNamedPathExists(_ document: String) throws {
        let text = try String(contentsOfFile: Self.root.path + document, encoding: .utf8)
        let missing = Self.namedPaths(text).filter { !Self.exists($0, from: document) }
        #expect(missing.isEmpty, "\(document) names paths that do not exist: \(missing)")
    }

    @Test func theCheckFindsAMissingPath() {
        #expect(
            Self.namedPaths("see `NN/NoSuchFile.swift` and [x](nowhere.md)") == ["NN/NoSuchFile.swift", "nowhere.md"])
        #expect(Self.namedPaths("`.` and `..` and `x.` are no paths").isEmpty)
        #expect(!Self.exists("NN/NoSuchFile.swift", from: "/README.md"))
        #expect(Self.exists("NN/Convolution.swift", from: "/packages/TensorCore/README.md"))
        #expect(Self.exists("packages/VisionModels/README.md", from: "/README.md"))
    }
}
