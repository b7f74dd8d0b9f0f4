import Foundation
import TensorCore

/// `torchvision.datasets.ImageFolder(root)`: `root/<class>/**/<file>`, classes sorted by name, files in
/// `sorted(os.walk)` order, images opened and converted to RGB (PNG and JPEG are decoded).
public struct ImageFolder: Dataset, @unchecked Sendable {
    public static let imageExtensions = [".jpg", ".jpeg", ".png", ".ppm", ".bmp", ".pgm", ".tif", ".tiff", ".webp"]

    public let root: String
    public let classes: [String]
    public let classToIndex: [String: Int]
    /// (path, class index) per sample (`dataset.samples`).
    public let samples: [(String, Int)]
    public let transform: (any Transform)?
    public let targetTransform: TargetTransform?

    public init(root: String, transform: (any Transform)? = nil, targetTransform: TargetTransform? = nil) throws {
        let fm = FileManager.default
        guard let entries = try? fm.contentsOfDirectory(atPath: root) else {
            throw DataError.fileNotFound(path: root)
        }
        let classes = entries.filter { name in
            var isDir: ObjCBool = false
            return fm.fileExists(atPath: joinPath(root, name), isDirectory: &isDir) && isDir.boolValue
        }.sorted()
        guard !classes.isEmpty else { throw DataError.badFormat(path: root, message: "Couldn't find any class folder in \(root).") }
        var samples: [(String, Int)] = []
        var empty: [String] = []
        for (index, cls) in classes.enumerated() {
            let files = ImageFolder.walk(joinPath(root, cls)).filter { path in
                ImageFolder.imageExtensions.contains { path.lowercased().hasSuffix($0) }
            }
            if files.isEmpty { empty.append(cls) }
            samples += files.map { ($0, index) }
        }
        guard empty.isEmpty else {
            throw DataError.badFormat(
                path: root,
                message: "Found no valid file for the classes \(empty.joined(separator: ", ")). Supported extensions are: \(ImageFolder.imageExtensions.joined(separator: ", "))")
        }
        self.root = root
        self.classes = classes
        self.classToIndex = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        self.samples = samples
        self.transform = transform
        self.targetTransform = targetTransform
    }

    /// Files under `dir` in `sorted(os.walk(dir))` order: this folder's files sorted, then subfolders.
    static func walk(_ dir: String) -> [String] {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: dir) else { return [] }
        var files: [String] = []
        var dirs: [String] = []
        for name in names.sorted() {
            var isDir: ObjCBool = false
            _ = fm.fileExists(atPath: joinPath(dir, name), isDirectory: &isDir)
            if isDir.boolValue { dirs.append(name) } else { files.append(joinPath(dir, name)) }
        }
        return files + dirs.flatMap { walk(joinPath(dir, $0)) }
    }

    public var count: Int { samples.count }
    public var targets: [Int] { samples.map { $0.1 } }

    public func image(at index: Int) throws -> (Image, Int) {
        let (path, target) = samples[try checkedIndex(index)]
        return (try Image.open(path).convert(.RGB), target)
    }

    public subscript(index: Int) -> (Tensor, Int) {
        get throws {
            let (img, target) = try image(at: index)
            return try finishSample(img, target, transform: transform, targetTransform: targetTransform)
        }
    }
}

/// The guide's `CustomImageDataset(csv_file, img_dir, transform)`: a CSV with a header row, then rows of
/// `file name, integer label`; images are read from `imgDir` and converted to RGB. A malformed row
/// fails at construction, a row naming a missing or corrupt file when that sample is read — both name
/// the CSV's line number.
public struct CSVImageDataset: Dataset, @unchecked Sendable {
    public let csvFile: String
    public let imgDir: String
    public let annotations: [(file: String, label: Int, line: Int)]
    public let transform: (any Transform)?
    public let targetTransform: TargetTransform?

    public init(csvFile: String, imgDir: String, transform: (any Transform)? = nil, targetTransform: TargetTransform? = nil) throws {
        let text = String(decoding: try readFile(csvFile), as: UTF8.self)
        var rows: [(String, Int, Int)] = []
        // "\r\n" is one Character in Swift, so splitting on "\n" alone read a Windows-written CSV as one line.
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        for (offset, line) in lines.enumerated() {
            let lineNumber = offset + 1
            let trimmed = line.hasSuffix("\r") ? line.dropLast() : line
            if lineNumber == 1 || trimmed.isEmpty { continue }  // header row, blank lines
            let fields = CSVImageDataset.fields(String(trimmed))
            guard fields.count >= 2 else {
                throw DataError.csvRow(path: csvFile, row: lineNumber, message: "expected 'file,label', got \(fields.count) field(s)")
            }
            guard let label = Int(fields[1].trimmingCharacters(in: .whitespaces)) else {
                throw DataError.csvRow(path: csvFile, row: lineNumber, message: "label '\(fields[1])' is not an integer")
            }
            rows.append((fields[0], label, lineNumber))
        }
        self.csvFile = csvFile
        self.imgDir = imgDir
        self.annotations = rows.map { (file: $0.0, label: $0.1, line: $0.2) }
        self.transform = transform
        self.targetTransform = targetTransform
    }

    /// Splits one CSV line, honouring double quotes ("" inside quotes is a quote).
    static func fields(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var chars = Array(line)[...]
        while let ch = chars.popFirst() {
            if quoted {
                if ch == "\"" {
                    if chars.first == "\"" { current.append("\""); chars.removeFirst() } else { quoted = false }
                } else { current.append(ch) }
            } else if ch == "\"" {
                quoted = true
            } else if ch == "," {
                fields.append(current)
                current = ""
            } else {
                current.append(ch)
            }
        }
        fields.append(current)
        return fields
    }

    public var count: Int { annotations.count }

    public func image(at index: Int) throws -> (Image, Int) {
        let row = annotations[try checkedIndex(index)]
        let path = joinPath(imgDir, row.file)
        do {
            return (try Image.open(path).convert(.RGB), row.label)
        } catch let error as DataError {
            throw DataError.csvRow(path: csvFile, row: row.line, message: error.description)
        }
    }

    public subscript(index: Int) -> (Tensor, Int) {
        get throws {
            let (img, target) = try image(at: index)
            return try finishSample(img, target, transform: transform, targetTransform: targetTransform)
        }
    }
}
