import Foundation
import TensorCore
import Testing

@testable import DataPipeline

/// Bad files throw typed errors that name the file/row/index and what was expected.
@Suite struct BadInputTests {
    func mnistRoot(images: [UInt8], labels: [UInt8]) -> String {
        let root = temporaryFolder()
        write(images, root + "/MNIST/raw/t10k-images-idx3-ubyte")
        write(labels, root + "/MNIST/raw/t10k-labels-idx1-ubyte")
        return root
    }

    func idx(magic: UInt32, dims: [UInt32], payload: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        for word in [magic] + dims { bytes += withUnsafeBytes(of: word.bigEndian) { Array($0) } }
        return bytes + [UInt8](repeating: 7, count: payload)
    }

    @Test func idxWrongMagicAndTruncation() throws {
        let good = idx(magic: 2051, dims: [2, 28, 28], payload: 2 * 784)
        let labels = idx(magic: 2049, dims: [2], payload: 2)
        #expect(try MNIST(root: mnistRoot(images: good, labels: labels), train: false).count == 2)

        let swapped = mnistRoot(images: labels, labels: labels)
        #expect(
            throws: DataError.badMagic(path: swapped + "/MNIST/raw/t10k-images-idx3-ubyte", expected: 2051, got: 2049)
        ) {
            try MNIST(root: swapped, train: false)
        }
        let short = mnistRoot(images: Array(good.dropLast(100)), labels: labels)
        #expect(
            throws: DataError.truncated(
                path: short + "/MNIST/raw/t10k-images-idx3-ubyte", expectedBytes: 16 + 1568, actualBytes: 1484)
        ) {
            try MNIST(root: short, train: false)
        }
        let mismatch = mnistRoot(images: good, labels: idx(magic: 2049, dims: [3], payload: 3))
        #expect(throws: DataError.self) { try MNIST(root: mismatch, train: false) }
        #expect(throws: DataError.self) { try MNIST(root: temporaryFolder(), train: false) }
    }

    /// A 16-byte file whose header multiplies out past Int.max: an error naming the file, not a trap.
    @Test func idxHeaderWithHugeDimensions() throws {
        let huge = idx(magic: 2051, dims: [0xFFFF_FFFF, 0xFFFF_FFFF, 0xFFFF_FFFF], payload: 0)
        let root = mnistRoot(images: huge, labels: idx(magic: 2049, dims: [2], payload: 2))
        let path = root + "/MNIST/raw/t10k-images-idx3-ubyte"
        #expect(
            throws: DataError.badFormat(
                path: path,
                message: "header declares 4294967295×4294967295×4294967295 items, more than any file can hold")
        ) {
            try MNIST(root: root, train: false)
        }
        let big = mnistRoot(
            images: idx(magic: 2051, dims: [0xFFFF_FFFF, 28, 28], payload: 0),
            labels: idx(magic: 2049, dims: [2], payload: 2))
        #expect(
            throws: DataError.truncated(
                path: big + "/MNIST/raw/t10k-images-idx3-ubyte", expectedBytes: 16 + 0xFFFF_FFFF * 784, actualBytes: 16)
        ) {
            try MNIST(root: big, train: false)
        }
    }

    /// torchvision's MNIST has classes 0...9; label 200 would stop training mid-epoch, so loading refuses it.
    @Test func mnistLabelOutsideTheClasses() throws {
        var labels = idx(magic: 2049, dims: [3], payload: 3)
        labels[8 + 1] = 200
        let root = mnistRoot(images: idx(magic: 2051, dims: [3, 28, 28], payload: 3 * 784), labels: labels)
        let error = #expect(throws: DataError.self) { try MNIST(root: root, train: false) }
        #expect(
            error
                == .badFormat(
                    path: root + "/MNIST/raw/t10k-labels-idx1-ubyte",
                    message: "item 1 has label 200, outside the classes 0...9"))
        #expect("\(error!)".contains("t10k-labels-idx1-ubyte: item 1 has label 200"))
    }

    /// IDX files of another image size are valid IDX but not MNIST: refused at load, before any training.
    @Test func mnistImagesOfAnotherSize() throws {
        let root = mnistRoot(
            images: idx(magic: 2051, dims: [2, 14, 14], payload: 2 * 196),
            labels: idx(magic: 2049, dims: [2], payload: 2))
        let error = #expect(throws: DataError.self) { try MNIST(root: root, train: false) }
        #expect(
            error
                == .badFormat(
                    path: root + "/MNIST/raw/t10k-images-idx3-ubyte",
                    message: "images are 14×14; MNIST images are 28×28"))
        #expect("\(error!)".hasPrefix(root + "/MNIST/raw/t10k-images-idx3-ubyte: images are 14×14"))
    }

    @Test func truncatedGzip() throws {
        let root = temporaryFolder()
        let gz = try readFile(repoPath("data/MNIST/raw/t10k-labels-idx1-ubyte.gz"))
        write(Array(gz.prefix(gz.count / 2)), root + "/MNIST/raw/t10k-labels-idx1-ubyte.gz")
        write(
            try readFile(repoPath("data/MNIST/raw/t10k-images-idx3-ubyte.gz")),
            root + "/MNIST/raw/t10k-images-idx3-ubyte.gz")
        #expect {
            try MNIST(root: root, train: false)
        } throws: { error in
            guard case DataError.decode(let path, let message) = error else { return false }
            return path.hasSuffix("t10k-labels-idx1-ubyte.gz") && message.contains("truncated")
        }
    }

    @Test func cifarPartialRecord() throws {
        let sample = try readFile(repoPath("data/cifar10-sample/test_batch_first1000.bin"))
        let path = temporaryFolder() + "/partial.bin"
        write(Array(sample.prefix(3073 * 2 + 100)), path)
        #expect(throws: DataError.truncated(path: path, expectedBytes: 3073 * 3, actualBytes: 3073 * 2 + 100)) {
            try CIFAR(recordsFiles: [path])
        }
        var badLabel = Array(sample.prefix(3073))
        badLabel[0] = 42
        write(badLabel, path)
        #expect(throws: DataError.self) { try CIFAR(recordsFiles: [path]) }
    }

    @Test func corruptImages() throws {
        let png = try readFile(fixturesPath("png/rgb.png"))
        var flipped = png
        flipped[png.count / 2] ^= 0xFF
        #expect {
            try Image.decode(Data(flipped), path: "flipped.png")
        } throws: { error in
            guard case DataError.decode(let path, let message) = error else { return false }
            return path == "flipped.png" && message.hasPrefix("PNG")
        }
        #expect(throws: DataError.self) { try Image.decode(Data(png.prefix(60)), path: "short.png") }
        let jpeg = try readFile(fixturesPath("cifar10-jpeg/cat/0000.jpg"))
        #expect {
            try Image.decode(Data(jpeg.prefix(jpeg.count / 2)), path: "short.jpg")
        } throws: { error in
            guard case DataError.decode(let path, let message) = error else { return false }
            return path == "short.jpg" && message.hasPrefix("JPEG")
        }
        var header = jpeg
        for i in 2..<40 { header[i] = 0x11 }
        #expect(throws: DataError.self) { try Image.decode(Data(header), path: "header.jpg") }
        #expect(throws: DataError.self) { try Image.decode(Data("hello".utf8), path: "text.png") }
        #expect(throws: DataError.fileNotFound(path: "/nonexistent.png")) { try Image.open("/nonexistent.png") }
    }

    @Test func csvImageDataset() throws {
        let dir = temporaryFolder()
        let images = fixturesPath("cifar10-jpeg/cat")
        let csv = dir + "/labels.csv"
        write(Array("image,label\n0000.jpg,3\n\"0001.jpg\",5\nmissing.jpg,1\n0002.jpg,0\n".utf8), csv)
        let ds = try CSVImageDataset(csvFile: csv, imgDir: images, transform: ToTensor())
        #expect(ds.count == 4)
        let (x, y) = try ds[1]
        #expect(x.shape == [3, 32, 32] && y == 5)
        #expect {
            try ds[2]
        } throws: { error in
            guard case DataError.csvRow(let path, let row, let message) = error else { return false }
            return path == csv && row == 4 && message.contains("missing.jpg")
        }
        // Through a loader with workers the row and the sample index both come back.
        #expect {
            try DataLoader(ds, batchSize: 2, numWorkers: 2).iterate { _ in }
        } throws: { error in
            guard case DataError.sample(let indices, _, let message) = error else { return false }
            return indices == [2] && message.contains("row 4")
        }
        // CRLF line ends (what Windows tools write) give the same rows and line numbers.
        write(Array("image,label\r\n0000.jpg,3\r\n\"0001.jpg\",5\r\n\r\nmissing.jpg,1\r\n".utf8), csv)
        let crlf = try CSVImageDataset(csvFile: csv, imgDir: images)
        #expect(crlf.annotations.map(\.file) == ["0000.jpg", "0001.jpg", "missing.jpg"])
        #expect(crlf.annotations.map(\.label) == [3, 5, 1] && crlf.annotations.map(\.line) == [2, 3, 5])
        write(Array("image,label\n0000.jpg,cat\n".utf8), csv)
        #expect(throws: DataError.csvRow(path: csv, row: 2, message: "label 'cat' is not an integer")) {
            try CSVImageDataset(csvFile: csv, imgDir: images)
        }
    }

    @Test func imageFolderErrors() throws {
        #expect(throws: DataError.self) { try ImageFolder(root: "/nonexistent-folder") }
        let root = temporaryFolder()
        try FileManager.default.createDirectory(atPath: root + "/empty", withIntermediateDirectories: true)
        #expect(throws: DataError.self) { try ImageFolder(root: root) }
        write(Array("not an image".utf8), root + "/empty/broken.jpg")
        let ds = try ImageFolder(root: root)
        #expect {
            try ds[0]
        } throws: { error in "\(error)".contains("broken.jpg") }
    }
}

/// The dataset variants that have no real files in the repo, on synthetic files in their layouts.
@Suite struct VariantTests {
    @Test func fashionAndKuzushijiFolders() throws {
        for (variant, name) in [(MNIST.Variant.fashionMNIST, "FashionMNIST"), (.kmnist, "KMNIST")] {
            let root = temporaryFolder()
            var images: [UInt8] = [0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 28, 0, 0, 0, 28]
            images += (0..<784).map { UInt8($0 % 251) }
            write(images, root + "/\(name)/raw/train-images-idx3-ubyte")
            write([0, 0, 8, 1, 0, 0, 0, 1, 9], root + "/\(name)/raw/train-labels-idx1-ubyte")
            let ds = variant == .fashionMNIST ? try FashionMNIST(root: root) : try KMNIST(root: root)
            #expect(ds.count == 1 && ds.classes.count == 10)
            let (x, y) = try ds[0]
            #expect(
                x.dtype == .uint8 && x.shape == [1, 28, 28]
                    && x.toArray(UInt8.self) == (0..<784).map { UInt8($0 % 251) } && y == 9)
        }
    }

    @Test func cifar100Records() throws {
        var bytes: [UInt8] = []
        for r in 0..<3 { bytes += [UInt8(r + 10), UInt8(r + 50)] + [UInt8](repeating: UInt8(r), count: 3072) }
        let path = temporaryFolder() + "/train.bin"
        write(bytes, path)
        let ds = try CIFAR(recordsFiles: [path], variant: .cifar100, transform: ToTensor(), targetTransform: { $0 + 1 })
        #expect(ds.count == 3 && ds.coarseTargets == [10, 11, 12])
        #expect(ds.targets.toArray(Int64.self) == [50, 51, 52])
        let (x, y) = try ds[2]
        #expect(y == 53 && x.shape == [3, 32, 32] && x.toArray(Float.self).allSatisfy { $0 == Float(2) / 255 })
        #expect(throws: DataError.self) { try CIFAR100(root: temporaryFolder()) }
    }
}
