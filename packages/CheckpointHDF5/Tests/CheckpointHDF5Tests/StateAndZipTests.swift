import Foundation
import Testing

@testable import CheckpointHDF5
@testable import TensorCore

@Suite(.serialized) struct StateAndZipTests {
    @Test func stateDictKeepsInsertionOrder() {
        var d: StateDict = ["b": 1, "a": 2, 0: "zero"]
        #expect(d.keys == ["b", "a", .int(0)])
        d["b"] = 3  // replacing keeps the position, as in Python
        #expect(d.keys == ["b", "a", .int(0)] && d["b"]?.int == 3)
        d["a"] = nil
        #expect(d.keys == ["b", .int(0)] && d[.int(0)]?.string == "zero")
        d["c"] = .list([1.5, nil, .tuple([true])])
        #expect(d.description == "{'b': 3, 0: 'zero', 'c': [1.5, None, (True,)]}")
    }

    @Test func unorderedDictionariesSaveSorted() throws {
        let path = try Fixtures.temporaryFolder() + "/d.pt"
        try Checkpoint.save(["z": Tensor([1.0]), "a": Tensor([2.0])], to: path)
        #expect(try Checkpoint.load(from: path).dict?.keys == ["a", "z"])
    }

    /// zip64 records (files over 4 GB) written on a small file by lowering the threshold; read back
    /// by our reader and, when a Python is around, by Python's zipfile.
    @Test func zip64RecordsRoundTrip() throws {
        let path = try Fixtures.temporaryFolder() + "/z64.pt"
        let value = try TorchFormat.load(from: Fixtures.path("every_dtype.pt"))
        ZipWriter.zip64Threshold = 0
        defer { ZipWriter.zip64Threshold = 0xFFFF_FFFF }
        try TorchFormat.save(value, to: path)
        #expect(stateDifferences(try TorchFormat.load(from: path), value).isEmpty)
        if let python = ["python3", "/usr/bin/python3"].first(where: {
            (try? Python.run($0, ["-c", "pass"]))?.status == 0
        }) {
            let check = try Python.run(
                python,
                [
                    "-c",
                    "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print(len(z.namelist()))",
                    path,
                ])
            #expect(check.status == 0, "\(check.error)")
        }
    }
}
