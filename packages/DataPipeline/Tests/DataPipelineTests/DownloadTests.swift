import Foundation
import Testing
import TorchTestSupport

@testable import DataPipeline

/// `download` against a local server: a good file, a corrupt one, a connection cut mid-file.
@Suite(.serialized) struct DownloadTests {
    func leftovers(_ folder: String, suffix: String? = nil) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter {
            suffix.map($0.hasSuffix) ?? $0.contains(".part")
        }
    }

    @Test func md5OfKnownInputs() throws {
        #expect(MD5.hex([]) == "d41d8cd98f00b204e9800998ecf8427e")
        #expect(MD5.hex(Array("abc".utf8)) == "900150983cd24fb0d6963f7d28e17f72")
        #expect(MD5.hex(Array(repeating: 0x61, count: 1000)) == "cabe45dcc9ae5b66ba86600cca6b8ba8")
        // A published MNIST file and torchvision's checksum for it.
        #expect(
            MD5.hex(try readFile(repoPath("data/MNIST/raw/t10k-labels-idx1-ubyte.gz")))
                == "ec29112dd5afa0611ce80d1b7f02629c")
    }

    @Test func sha256OfKnownInputs() {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            SHA256.hex(Array(repeating: 0x61, count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func progressBarAsTqdmWritesIt() throws {
        #expect(DownloadProgress.size(999) == "999" && DownloadProgress.size(46_831_616) == "44.7M")
        #expect(DownloadProgress.size(1_048_064) == "1.00M" && DownloadProgress.size(2_000) == "1.95k")
        #expect(DownloadProgress.size(5) == "5.00" && DownloadProgress.size(300_000) == "293k")
        #expect(DownloadProgress.clock(75.4) == "01:15")
        // A download with the bar on: drawn to standard error, same file.
        let body = Array(repeating: UInt8(7), count: 300_000)
        let server = try TestHTTPServer(routes: ["/bar.bin": .init(body: body)])
        defer { server.stop() }
        let folder = temporaryFolder()
        try downloadURL(
            server.baseURL + "bar.bin", to: folder + "/bar.bin", checksum: .md5(MD5.hex(body)), progress: true)
        #expect(try readFile(folder + "/bar.bin") == body)
    }

    @Test func goodCorruptAndCutDownloads() throws {
        let body = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let md5 = MD5.hex(body)
        var corrupt = body
        corrupt[1234] ^= 1
        let server = try TestHTTPServer(routes: [
            "/good.bin": .init(body: body),
            "/corrupt.bin": .init(body: corrupt),
            "/cut.bin": .init(body: body, cutAfter: 70_000),
        ])
        defer { server.stop() }
        let folder = temporaryFolder()
        // Foundation's download task left a /tmp/<UUID>.tmp behind for each failed download.
        func foundationSpools() -> Set<String> { Set(leftovers(NSTemporaryDirectory(), suffix: ".tmp")) }
        let spoolsBefore = foundationSpools()

        try downloadURL(server.baseURL + "good.bin", to: folder + "/good.bin", md5: md5)
        #expect(try readFile(folder + "/good.bin") == body)

        #expect {
            try downloadURL(server.baseURL + "corrupt.bin", to: folder + "/corrupt.bin", md5: md5)
        } throws: { error in
            guard case DataError.checksum(_, let expected, _) = error else { return false }
            return expected == md5
        }
        #expect(!fileExists(folder + "/corrupt.bin"))

        #expect {
            try downloadURL(server.baseURL + "cut.bin", to: folder + "/cut.bin", md5: md5)
        } throws: { error in
            guard case DataError.download(let url, _) = error else { return false }
            return url.hasSuffix("cut.bin")
        }
        #expect(!fileExists(folder + "/cut.bin"))

        #expect(throws: DataError.self) {
            try downloadURL(server.baseURL + "missing.bin", to: folder + "/missing.bin", md5: nil)
        }
        #expect(!fileExists(folder + "/missing.bin"))
        #expect(leftovers(folder).isEmpty)
        #expect(foundationSpools().subtracting(spoolsBefore).isEmpty)

        // torch.hub's check: the SHA-256 must start with the given hex.
        let sha = SHA256.hex(body)
        try downloadURL(
            server.baseURL + "good.bin", to: folder + "/hub.bin", checksum: .sha256Prefix(String(sha.prefix(10))))
        #expect(try readFile(folder + "/hub.bin") == body)
        #expect(
            throws: DataError.hashPrefix(
                path: server.baseURL + "corrupt.bin", expected: String(sha.prefix(8)), got: SHA256.hex(corrupt))
        ) {
            try downloadURL(
                server.baseURL + "corrupt.bin", to: folder + "/hub2.bin", checksum: .sha256Prefix(String(sha.prefix(8)))
            )
        }
        #expect(!fileExists(folder + "/hub2.bin") && leftovers(folder).isEmpty)
    }

    @Test func mnistDownloadVerifiesAndExtracts() throws {
        // Three of the four .gz files are byte-identical to the published ones; the training images were
        // recompressed, so torchvision's MD5 rejects them: the download must fail naming that file and
        // leave nothing under its name.
        var routes: [String: TestHTTPServer.Route] = [:]
        for name in [
            "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
            "t10k-labels-idx1-ubyte.gz",
        ] {
            routes["/mnist/" + name] = .init(body: try readFile(repoPath("data/MNIST/raw/" + name)))
        }
        let server = try TestHTTPServer(routes: routes)
        defer { server.stop() }
        let root = temporaryFolder()
        #expect {
            try MNIST(root: root, train: false, download: true, mirrors: [server.baseURL + "mnist/"])
        } throws: { error in
            "\(error)".contains("train-images-idx3-ubyte.gz") && "\(error)".contains("MD5")
        }
        let raw = root + "/MNIST/raw"
        #expect(!fileExists(raw + "/train-images-idx3-ubyte.gz") && !fileExists(raw + "/train-images-idx3-ubyte"))
        #expect(leftovers(raw).isEmpty)
        // With the training images supplied, the other three download, verify and are extracted.
        try FileManager.default.copyItem(
            atPath: repoPath("data/MNIST/raw/train-images-idx3-ubyte.gz"), toPath: raw + "/train-images-idx3-ubyte.gz")
        let test = try MNIST(root: root, train: false, download: true, mirrors: [server.baseURL + "mnist/"])
        #expect(test.count == 10_000)
        #expect(fileExists(raw + "/t10k-images-idx3-ubyte") && fileExists(raw + "/t10k-labels-idx1-ubyte.gz"))
        #expect(try readFile(raw + "/t10k-labels-idx1-ubyte").count == 10_008)
    }

    @Test func tarArchiveExtraction() throws {
        let archive = try readFile(fixturesPath("small.tar.gz"))
        let server = try TestHTTPServer(routes: ["/x/small.tar.gz": .init(body: archive)])
        defer { server.stop() }
        let folder = temporaryFolder()
        try downloadAndExtract(
            mirrors: [server.baseURL + "x/"], file: "small.tar.gz", md5: "80af4ca833af896800f175d832bd9696",
            folder: folder)
        #expect(try readFile(folder + "/archive-root/a.bin") == Array("hello records".utf8))
        #expect(try readFile(folder + "/archive-root/sub/dir/b.txt") == Array(repeating: UInt8(ascii: "x"), count: 700))
        #expect(
            try readFile(folder + "/archive-root/" + String(repeating: "long", count: 30) + ".bin")
                == Array("long name".utf8))
        // A bad first mirror falls through to the next one.
        let other = temporaryFolder()
        try downloadAndExtract(
            mirrors: [server.baseURL + "nowhere/", server.baseURL + "x/"], file: "small.tar.gz",
            md5: "80af4ca833af896800f175d832bd9696", folder: other)
        #expect(fileExists(other + "/archive-root/a.bin"))
    }
}

@Suite struct CIFARDownloadTests {
    @Test func officialLayoutArchive() throws {
        let archive = try readFile(fixturesPath("cifar-test-only.tar.gz"))
        var corrupt = archive
        corrupt[archive.count / 2] ^= 0x40
        let server = try TestHTTPServer(routes: [
            "/kriz/cifar-10-binary.tar.gz": .init(body: archive), "/bad/cifar-10-binary.tar.gz": .init(body: corrupt),
        ])
        defer { server.stop() }
        let md5 = MD5.hex(archive)
        let root = temporaryFolder()
        #expect(
            throws: DataError.checksum(
                path: server.baseURL + "bad/cifar-10-binary.tar.gz", expected: md5, got: MD5.hex(corrupt))
        ) {
            try CIFAR(
                root: root, train: false, download: true, url: server.baseURL + "bad/cifar-10-binary.tar.gz", md5: md5)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).isEmpty)
        let ds = try CIFAR(
            root: root, train: false, download: true, url: server.baseURL + "kriz/cifar-10-binary.tar.gz", md5: md5)
        #expect(
            ds.count == 10_000 && ds.targets.toArray(Int64.self).prefix(12) == [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1])
        let (img, label) = try ds.image(at: 1234)
        #expect(label == 4 && img.pixels.allSatisfy { $0 == UInt8(1234 % 251) })
        #expect(fileExists(root + "/cifar-10-binary.tar.gz"))
        // The training split is not in this archive: a clear error, not a silent subset.
        #expect(throws: DataError.self) { try CIFAR10(root: root, train: true) }
    }
}
