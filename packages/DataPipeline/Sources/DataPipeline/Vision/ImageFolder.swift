import Foundation
import TensorCore

/// `torchvision.datasets.ImageFolder(root)`: `root/<class>/**/<file>`, classes sorted by name, files in
/// `sorted(os.walk)` order, images opened and converted to RGB (PNG and JPEG are decoded).
public struct ImageFolder: Dataset, @unchecked Sendable {
    /// The file extensions loaded, matched case-insensitively (PyTorch: `torchvision.datasets.folder.IMG_EXTENSIONS`).
    public static let imageExtensions = [".jpg", ".jpeg", ".png", ".ppm", ".bmp", ".pgm", ".tif", ".tiff", ".webp"]

    /// The folder of class folders (PyTorch: `torchvision.datasets.ImageFolder.root`).
    public let root: String
    /// The class folder names, sorted (PyTorch: `torchvision.datasets.ImageFolder.classes`).
    public let classes: [String]
    /// Each class name's label (PyTorch: `torchvision.datasets.ImageFolder.class_to_idx`).
    public let classToIndex: [String: Int]
    /// (path, class index) per sample (`dataset.samples`).
    /// PyTorch: `torchvision.datasets.ImageFolder.samples`.
    public let samples: [(String, Int)]
    /// Applied to each image (PyTorch: `torchvision.datasets.ImageFolder.transform`).
    public let transform: (any Transform)?
    /// Applied to each label (PyTorch: `torchvision.datasets.ImageFolder.target_transform`).
    public let targetTransform: TargetTransform?

    /// Scans `root`; throws when there is no class folder or a class has no image file
    /// (PyTorch: `torchvision.datasets.ImageFolder(root, transform=None, target_transform=None)`).
    public init(root: String, transform: (any Transform)? = nil, targetTransform: TargetTransform? = nil) throws {
        let fm = FileManager.default
        guard let entries = try? fm.contentsOfDirectory(atPath: root) else {
            throw DataError.fileNotFound(path: root)
        }
        let classes = entries.filter { name in
            var isDir: ObjCBool = false
            return fm.fileExists(atPath: joinPath(root, name), isDirectory: &isDir) && isDir.boolValue
        }.sorted()
        guard !classes.isEmpty else {
            throw DataError.badFormat(path: root, message: "Couldn't find any class folder in \(root).")
        }
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
                message:
                    "Found no valid file for the classes \(empty.joined(separator: ", ")). Supported extensions are: \(ImageFolder.imageExtensions.joined(separator: ", "))"
            )
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

    /// The number of image files (PyTorch: `torchvision.datasets.ImageFolder.__len__`).
    public var count: Int { samples.count }
    /// Every sample's label, in sample order (PyTorch: `torchvision.datasets.ImageFolder.targets`).
    public var targets: [Int] { samples.map { $0.1 } }

    /// The undecorated sample: the file opened and converted to RGB, and its label
    /// (PyTorch: `torchvision.datasets.folder.pil_loader`, which `__getitem__` calls).
    public func image(at index: Int) throws -> (Image, Int) {
        let (path, target) = samples[try checkedIndex(index)]
        return (try Image.open(path).convert(.RGB), target)
    }

    /// The transformed image and the (transformed) label (PyTorch: `torchvision.datasets.ImageFolder.__getitem__`).
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
/// No PyTorch counterpart in the library: PyTorch's data tutorial writes this `Dataset` subclass by hand.
public struct CSVImageDataset: Dataset, @unchecked Sendable {
    /// The annotations file (No PyTorch counterpart: the tutorial's `annotations_file`).
    public let csvFile: String
    /// The folder the file names are relative to (No PyTorch counterpart: the tutorial's `img_dir`).
    public let imgDir: String
    /// Each row's file name, label and CSV line number
    /// (No PyTorch counterpart: the tutorial's `img_labels` data frame).
    public let annotations: [(file: String, label: Int, line: Int)]
    /// Applied to each image (No PyTorch counterpart: the tutorial's `transform`).
    public let transform: (any Transform)?
    /// Applied to each label (No PyTorch counterpart: the tutorial's `target_transform`).
    public let targetTransform: TargetTransform?

    /// Reads and checks the CSV; the images are read only with their samples
    /// (No PyTorch counterpart: the tutorial's `__init__`).
    public init(
        csvFile: String, imgDir: String, transform: (any Transform)? = nil, targetTransform: TargetTransform? = nil
    ) throws {
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
                throw DataError.csvRow(
                    path: csvFile, row: lineNumber, message: "expected 'file,label', got \(fields.count) field(s)")
            }
            guard let label = Int(fields[1].trimmingCharacters(in: .whitespaces)) else {
                throw DataError.csvRow(
                    path: csvFile, row: lineNumber, message: "label '\(fields[1])' is not an integer")
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
                    if chars.first == "\"" {
                        current.append("\"")
                        chars.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(ch)
                }
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

    /// The number of rows (No PyTorch counterpart: the tutorial's `__len__`).
    public var count: Int { annotations.count }

    /// Row `index`'s image, converted to RGB, and its label; a missing or corrupt file throws naming the CSV line
    /// (No PyTorch counterpart: the tutorial reads with `torchvision.io.read_image`).
    public func image(at index: Int) throws -> (Image, Int) {
        let row = annotations[try checkedIndex(index)]
        let path = joinPath(imgDir, row.file)
        do {
            return (try Image.open(path).convert(.RGB), row.label)
        } catch let error as DataError {
            throw DataError.csvRow(path: csvFile, row: row.line, message: error.description)
        }
    }

    /// The transformed image and the (transformed) label (No PyTorch counterpart: the tutorial's `__getitem__`).
    public subscript(index: Int) -> (Tensor, Int) {
        get throws {
            let (img, target) = try image(at: index)
            return try finishSample(img, target, transform: transform, targetTransform: targetTransform)
        }
    }
}
