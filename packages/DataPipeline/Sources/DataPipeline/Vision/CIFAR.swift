import Foundation
import TensorCore

/// CIFAR-10 / CIFAR-100 from the official binary version: records of label byte(s) + 3,072 pixel bytes
/// (1,024 R, 1,024 G, 1,024 B, row-major 32×32).
///
/// `CIFAR10(root:train:)` reads `root/cifar-10-batches-bin/` and insists on the official files (5 × 10,000
/// training records or 10,000 test records), so a subset can't pass for the real thing;
/// `CIFAR10(recordsFiles:)` reads any whole number of records from explicit files.
/// PyTorch: `torchvision.datasets.CIFAR10` and `CIFAR100`, which read the Python (pickle) version instead.
public struct CIFAR: Dataset, @unchecked Sendable {
    /// CIFAR-10 or CIFAR-100 (PyTorch: the classes `torchvision.datasets.CIFAR10` and `CIFAR100`).
    public enum Variant: Sendable {
        /// CIFAR-10: 10 classes; CIFAR-100: 100 fine classes in 20 coarse ones.
        case cifar10, cifar100
        var labelBytes: Int { self == .cifar10 ? 1 : 2 }
        var recordSize: Int { labelBytes + 3072 }
        var url: String {
            self == .cifar10
                ? "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"
                : "https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz"
        }
        var md5: String { self == .cifar10 ? "c32a1d4ab5d03f1284b67883e8d87530" : "03b5dce01913d631647c71ecec9e9cb8" }
        var folder: String { self == .cifar10 ? "cifar-10-batches-bin" : "cifar-100-binary" }
        func files(train: Bool) -> [(String, Int)] {
            switch (self, train) {
            case (.cifar10, true): (1...5).map { ("data_batch_\($0).bin", 10_000) }
            case (.cifar10, false): [("test_batch.bin", 10_000)]
            case (.cifar100, true): [("train.bin", 50_000)]
            case (.cifar100, false): [("test.bin", 10_000)]
            }
        }
    }

    /// CIFAR-10's class names, indexed by label (PyTorch: `torchvision.datasets.CIFAR10.classes`).
    public static let cifar10Classes = [
        "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck",
    ]

    /// Which data set this is (No PyTorch counterpart: torchvision's subclass says it).
    public let variant: Variant
    /// Applied to each image (PyTorch: `torchvision.datasets.CIFAR10.transform`).
    public let transform: (any Transform)?
    /// Applied to each label (PyTorch: `torchvision.datasets.CIFAR10.target_transform`).
    public let targetTransform: TargetTransform?
    /// uint8 [N, 3, 32, 32] as stored (planar).
    /// PyTorch: `torchvision.datasets.CIFAR10.data`, a NumPy `(N, 32, 32, 3)` array there.
    public let data: Tensor
    /// int64 [N] (`dataset.targets`; CIFAR-100: the fine label).
    /// PyTorch: `torchvision.datasets.CIFAR10.targets`, a list there.
    public let targets: Tensor
    /// CIFAR-100's coarse (superclass) labels; empty for CIFAR-10.
    /// No PyTorch counterpart: torchvision's `CIFAR100` reads only the fine labels.
    public let coarseTargets: [Int]
    private let labels: [Int]

    /// The official files under `root` (downloaded first if `download` and missing). `url` and `md5` replace
    /// the official archive's (a mirror; torchvision lets a subclass override them the same way).
    public init(
        root: String, train: Bool = true, transform: (any Transform)? = nil, targetTransform: TargetTransform? = nil,
        download: Bool = false, variant: Variant = .cifar10, url: String? = nil, md5: String? = nil
    ) throws {
        let folder = joinPath(root, variant.folder)
        let files = variant.files(train: train)
        if download && !files.allSatisfy({ fileExists(joinPath(folder, $0.0)) }) {
            let source = url ?? variant.url
            guard let slash = source.lastIndex(of: "/") else {
                throw DataError.download(url: source, message: "invalid URL")
            }
            try downloadAndExtract(
                mirrors: [String(source[...slash])], file: String(source[source.index(after: slash)...]),
                md5: md5 ?? variant.md5, folder: root)
        }
        var paths: [String] = []
        for (file, records) in files {
            let path = joinPath(folder, file)
            guard fileExists(path) else {
                throw DataError.fileNotFound(
                    path: path + ": Dataset not found or corrupted. You can use download=True to download it")
            }
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? -1
            guard size == records * variant.recordSize else {
                throw DataError.badFormat(
                    path: path,
                    message:
                        "not the official file: expected \(records) records (\(records * variant.recordSize) bytes), found \(size) bytes"
                )
            }
            paths.append(path)
        }
        try self.init(recordsFiles: paths, variant: variant, transform: transform, targetTransform: targetTransform)
    }

    /// Any files of whole records (e.g. the CIFAR-10 sample); a partial record is an error.
    /// No PyTorch counterpart: torchvision reads only the official files.
    public init(
        recordsFiles: [String], variant: Variant = .cifar10, transform: (any Transform)? = nil,
        targetTransform: TargetTransform? = nil
    ) throws {
        self.variant = variant
        self.transform = transform
        self.targetTransform = targetTransform
        var pixels: [UInt8] = []
        var labels: [Int] = []
        var coarse: [Int] = []
        let record = variant.recordSize
        for path in recordsFiles {
            let bytes = try readFile(path)
            guard bytes.count % record == 0, !bytes.isEmpty else {
                throw DataError.truncated(
                    path: path, expectedBytes: (bytes.count / record + 1) * record, actualBytes: bytes.count)
            }
            pixels.reserveCapacity(pixels.count + bytes.count / record * 3072)
            for r in 0..<(bytes.count / record) {
                let base = r * record
                let label = Int(bytes[base + variant.labelBytes - 1])
                guard label < (variant == .cifar10 ? 10 : 100) else {
                    throw DataError.badFormat(
                        path: path, message: "record \(r) has label \(label), outside the classes")
                }
                if variant == .cifar100 { coarse.append(Int(bytes[base])) }
                labels.append(label)
                pixels.append(contentsOf: bytes[(base + variant.labelBytes)..<(base + record)])
            }
        }
        self.labels = labels
        self.coarseTargets = coarse
        self.data = pixels.withUnsafeBytes { Tensor(bytes: $0, shape: [labels.count, 3, 32, 32], dtype: .uint8) }
        self.targets = Tensor(copying: labels.map { Int64($0) }, shape: [labels.count])
    }

    /// The number of records (PyTorch: `torchvision.datasets.CIFAR10.__len__`).
    public var count: Int { labels.count }

    /// The undecorated sample: a 32×32 RGB image and its label.
    /// No PyTorch counterpart: torchvision builds this PIL image inside `__getitem__` (`Image.fromarray(img)`).
    public func image(at index: Int) throws -> (Image, Int) {
        let i = try checkedIndex(index)
        let p = data.pointer(UInt8.self) + i * 3072
        var hwc = [UInt8](repeating: 0, count: 3072)
        for k in 0..<1024 {
            hwc[3 * k] = p[k]
            hwc[3 * k + 1] = p[1024 + k]
            hwc[3 * k + 2] = p[2048 + k]
        }
        return (Image(width: 32, height: 32, mode: .RGB, pixels: hwc), labels[i])
    }

    /// The transformed image and the (transformed) label (PyTorch: `torchvision.datasets.CIFAR10.__getitem__`).
    public subscript(index: Int) -> (Tensor, Int) {
        get throws {
            let (img, target) = try image(at: index)
            return try finishSample(img, target, transform: transform, targetTransform: targetTransform)
        }
    }
}

/// `torchvision.datasets.CIFAR10(root, train, transform, target_transform, download)` (binary version).
public func CIFAR10(
    root: String, train: Bool = true, transform: (any Transform)? = nil, targetTransform: TargetTransform? = nil,
    download: Bool = false
) throws -> CIFAR {
    try CIFAR(
        root: root, train: train, transform: transform, targetTransform: targetTransform, download: download,
        variant: .cifar10)
}

/// `torchvision.datasets.CIFAR100(...)` (binary version; targets are the fine labels).
public func CIFAR100(
    root: String, train: Bool = true, transform: (any Transform)? = nil, targetTransform: TargetTransform? = nil,
    download: Bool = false
) throws -> CIFAR {
    try CIFAR(
        root: root, train: train, transform: transform, targetTransform: targetTransform, download: download,
        variant: .cifar100)
}
