import Foundation
import TensorCore

/// `torchvision.datasets.MNIST` (and, through `MNISTVariant`, FashionMNIST and KMNIST): the IDX files in
/// `root/<Name>/raw/`, read uncompressed or straight from the `.gz`; `download` fetches torchvision's
/// mirrors with their MD5s. Samples are `(image tensor, label)`.
public struct MNIST: Dataset, @unchecked Sendable {
    /// Which IDX data set: MNIST, FashionMNIST or KMNIST
    /// (PyTorch: the classes `torchvision.datasets.MNIST`, `FashionMNIST` and `KMNIST`).
    public enum Variant: String, Sendable {
        /// Each raw value is the data set's folder under `root`, torchvision's class name.
        case mnist = "MNIST", fashionMNIST = "FashionMNIST", kmnist = "KMNIST"

        var mirrors: [String] {
            switch self {
            case .mnist: ["https://ossci-datasets.s3.amazonaws.com/mnist/", "http://yann.lecun.com/exdb/mnist/"]
            case .fashionMNIST: ["http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"]
            case .kmnist: ["http://codh.rois.ac.jp/kmnist/dataset/kmnist/"]
            }
        }

        var resources: [(String, String)] {
            switch self {
            case .mnist:
                [
                    ("train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873"),
                    ("train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432"),
                    ("t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3"),
                    ("t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c"),
                ]
            case .fashionMNIST:
                [
                    ("train-images-idx3-ubyte.gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d"),
                    ("train-labels-idx1-ubyte.gz", "25c81989df183df01b3e8a0aad5dffbe"),
                    ("t10k-images-idx3-ubyte.gz", "bef4ecab320f06d8554ea6380940ec79"),
                    ("t10k-labels-idx1-ubyte.gz", "bb300cfdad3c16e7a12a480ee83cd310"),
                ]
            case .kmnist:
                [
                    ("train-images-idx3-ubyte.gz", "bdb82020997e1d708af4cf47b453dcf7"),
                    ("train-labels-idx1-ubyte.gz", "e144d726b3acfaa3e44228e80efcd344"),
                    ("t10k-images-idx3-ubyte.gz", "5c965bf0a639b31b8f53240b1b52f4d7"),
                    ("t10k-labels-idx1-ubyte.gz", "7320c461ea6c1c855c0b718fb2a4b134"),
                ]
            }
        }

        /// The class names, indexed by label (PyTorch: `torchvision.datasets.MNIST.classes` and its subclasses').
        public var classes: [String] {
            switch self {
            case .mnist:
                [
                    "0 - zero", "1 - one", "2 - two", "3 - three", "4 - four", "5 - five", "6 - six", "7 - seven",
                    "8 - eight", "9 - nine",
                ]
            case .fashionMNIST:
                [
                    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
                    "Ankle boot",
                ]
            case .kmnist: ["o", "ki", "su", "tsu", "na", "ha", "ma", "ya", "re", "wo"]
            }
        }
    }

    /// Which of the three data sets this is (No PyTorch counterpart: torchvision's subclass says it).
    public let variant: Variant
    /// The folder holding `<Name>/raw` (PyTorch: `torchvision.datasets.MNIST.root`).
    public let root: String
    /// Whether this is the 60,000-image training split rather than the 10,000-image test split
    /// (PyTorch: `torchvision.datasets.MNIST.train`).
    public let train: Bool
    /// Applied to each image (PyTorch: `torchvision.datasets.MNIST.transform`).
    public let transform: (any Transform)?
    /// Applied to each label (PyTorch: `torchvision.datasets.MNIST.target_transform`).
    public let targetTransform: TargetTransform?
    /// uint8 [N, 28, 28] (`dataset.data`).
    /// PyTorch: `torchvision.datasets.MNIST.data`.
    public let data: Tensor
    /// int64 [N] (`dataset.targets`).
    /// PyTorch: `torchvision.datasets.MNIST.targets`.
    public let targets: Tensor
    /// The variant's class names (PyTorch: `torchvision.datasets.MNIST.classes`).
    public var classes: [String] { variant.classes }
    private let labels: [Int]

    /// `root/<Name>/raw`, like torchvision's `raw_folder`.
    public var rawFolder: String { joinPath(root, variant.rawValue, "raw") }

    /// Reads the split, fetching missing files first when `download`; `variant` picks the data set and `mirrors`
    /// replaces torchvision's
    /// (PyTorch: `torchvision.datasets.MNIST(root, train, transform, target_transform, download=False)`).
    public init(
        root: String, train: Bool = true, transform: (any Transform)? = nil,
        targetTransform: TargetTransform? = nil, download: Bool = false, variant: Variant = .mnist,
        mirrors: [String]? = nil
    ) throws {
        self.variant = variant
        self.root = root
        self.train = train
        self.transform = transform
        self.targetTransform = targetTransform
        let raw = joinPath(root, variant.rawValue, "raw")
        let prefix = train ? "train" : "t10k"
        if download {
            for (file, md5) in variant.resources {
                let plain = joinPath(raw, String(file.dropLast(3)))
                if fileExists(plain) || fileExists(joinPath(raw, file)) { continue }
                try downloadAndExtract(mirrors: mirrors ?? variant.mirrors, file: file, md5: md5, folder: raw)
            }
        }
        let images = try MNIST.readIDX(folder: raw, name: "\(prefix)-images-idx3-ubyte", magic: 2051)
        let labelData = try MNIST.readIDX(folder: raw, name: "\(prefix)-labels-idx1-ubyte", magic: 2049)
        // Every variant is 28×28 with 10 classes; anything else would only fail later, mid-training.
        guard images.dims[1] == 28, images.dims[2] == 28 else {
            throw DataError.badFormat(
                path: images.path,
                message: "images are \(images.dims[1])×\(images.dims[2]); \(variant.rawValue) images are 28×28")
        }
        guard images.dims[0] == labelData.dims[0] else {
            throw DataError.badFormat(
                path: labelData.path,
                message: "\(labelData.dims[0]) labels for \(images.dims[0]) images in \(images.path)")
        }
        let classCount = variant.classes.count
        if let bad = labelData.bytes.firstIndex(where: { Int($0) >= classCount }) {
            throw DataError.badFormat(
                path: labelData.path,
                message: "item \(bad) has label \(labelData.bytes[bad]), outside the classes 0...\(classCount - 1)")
        }
        self.data = images.bytes.withUnsafeBytes { Tensor(bytes: $0, shape: images.dims, dtype: .uint8) }
        self.labels = labelData.bytes.map { Int($0) }
        self.targets = Tensor(copying: labels.map { Int64($0) }, shape: [labels.count])
    }

    /// Reads `name` or `name.gz` from `folder`: big-endian magic, dims, then the bytes.
    static func readIDX(folder: String, name: String, magic: UInt32) throws -> (
        dims: [Int], bytes: [UInt8], path: String
    ) {
        let plain = joinPath(folder, name)
        var path = plain
        var bytes: [UInt8]
        if fileExists(plain) {
            bytes = try readFile(plain)
        } else if fileExists(plain + ".gz") {
            path = plain + ".gz"
            bytes = try gunzip(readFile(path), path: path)
        } else {
            throw DataError.fileNotFound(
                path: plain + " (nor .gz): Dataset not found. You can use download=True to download it")
        }
        func word(_ at: Int) -> UInt32 {
            (UInt32(bytes[at]) << 24) | (UInt32(bytes[at + 1]) << 16) | (UInt32(bytes[at + 2]) << 8)
                | UInt32(bytes[at + 3])
        }
        guard bytes.count >= 4 else {
            throw DataError.truncated(path: path, expectedBytes: 4, actualBytes: bytes.count)
        }
        let found = word(0)
        guard found == magic else { throw DataError.badMagic(path: path, expected: magic, got: found) }
        let ndim = Int(magic & 0xFF)
        let header = 4 + 4 * ndim
        guard bytes.count >= header else {
            throw DataError.truncated(path: path, expectedBytes: header, actualBytes: bytes.count)
        }
        let dims = (0..<ndim).map { Int(word(4 + 4 * $0)) }
        // Each dimension fits 32 bits but their product need not fit 64: a header alone must not trap.
        var count = 1
        for d in dims {
            let (product, overflow) = count.multipliedReportingOverflow(by: d)
            guard !overflow, product <= Int.max - header else {
                throw DataError.badFormat(
                    path: path,
                    message:
                        "header declares \(dims.map(String.init).joined(separator: "×")) items, more than any file can hold"
                )
            }
            count = product
        }
        let expected = header + count
        guard bytes.count == expected else {
            throw DataError.truncated(path: path, expectedBytes: expected, actualBytes: bytes.count)
        }
        return (dims, Array(bytes[header...]), path)
    }

    /// The number of images in the split (PyTorch: `torchvision.datasets.MNIST.__len__`).
    public var count: Int { labels.count }

    /// The undecorated sample: a 28×28 L image and its label.
    /// No PyTorch counterpart: torchvision builds this PIL image inside `__getitem__`
    /// (`Image.fromarray(img.numpy(), mode="L")`).
    public func image(at index: Int) throws -> (Image, Int) {
        let i = try checkedIndex(index)
        let h = data.size(1), w = data.size(2)
        let p = data.pointer(UInt8.self) + i * h * w
        return (
            Image(width: w, height: h, mode: .L, pixels: Array(UnsafeBufferPointer(start: p, count: h * w))), labels[i]
        )
    }

    /// The transformed image and the (transformed) label (PyTorch: `torchvision.datasets.MNIST.__getitem__`).
    public subscript(index: Int) -> (Tensor, Int) {
        get throws {
            let (img, target) = try image(at: index)
            return try finishSample(img, target, transform: transform, targetTransform: targetTransform)
        }
    }
}

/// `torchvision.datasets.FashionMNIST`.
public func FashionMNIST(
    root: String, train: Bool = true, transform: (any Transform)? = nil, targetTransform: TargetTransform? = nil,
    download: Bool = false
) throws -> MNIST {
    try MNIST(
        root: root, train: train, transform: transform, targetTransform: targetTransform, download: download,
        variant: .fashionMNIST)
}

/// `torchvision.datasets.KMNIST`.
public func KMNIST(
    root: String, train: Bool = true, transform: (any Transform)? = nil, targetTransform: TargetTransform? = nil,
    download: Bool = false
) throws -> MNIST {
    try MNIST(
        root: root, train: train, transform: transform, targetTransform: targetTransform, download: download,
        variant: .kmnist)
}
