import Foundation
import Testing

@testable import CheckpointHDF5
@testable import TensorCore

/// h5py, the client HDF5 users have, reads what we write and writes what we read. Skipped (with the
/// reason printed) when no Python with h5py is found; CI installs h5py so it runs there.
@Suite struct H5pyInteropTests {
    /// Describes every dataset (numpy dtype, shape, CRC-32 of its bytes) and attribute of a file.
    static let describeScript = """
        import h5py, json, sys, zlib, numpy as np
        out = {}
        def val(v):
            if isinstance(v, h5py.Empty): return None
            if isinstance(v, bytes): return v.decode()
            if isinstance(v, np.ndarray): return [val(x) for x in v.tolist()]
            if isinstance(v, (bool, np.bool_)): return "bool:%s" % bool(v)
            if isinstance(v, np.integer): return int(v)
            if isinstance(v, np.floating): return float(v)
            return v
        def visit(g, path):
            for k, v in g.attrs.items(): out["attr:" + path + "/" + k] = val(v)
            for k, v in g.items():
                if isinstance(v, h5py.Dataset):
                    a = np.ascontiguousarray(np.asarray(v[()]))
                    out["data:" + path + "/" + k] = [str(a.dtype), list(a.shape), zlib.crc32(a.tobytes())]
                    for ak, av in v.attrs.items(): out["attr:" + path + "/" + k + "/" + ak] = val(av)
                else:
                    visit(v, path + "/" + k)
        visit(h5py.File(sys.argv[1], "r"), "")
        print(json.dumps(out))
        """

    static func numpyName(_ dtype: DType) -> String {
        switch dtype {
        case .bfloat16: return "uint16"
        default: return dtype.name
        }
    }

    /// What h5py should report for a value written with our layout (user data only).
    static func expectedEntries(_ value: StateValue, _ path: String, into out: inout [String: Any]) {
        func visit(_ key: String, _ item: StateValue) {
            let child = path + "/" + HDF5Names.encode(key)
            switch item {
            case .tensor(let t):
                out["data:" + child] = [numpyName(t.dtype), t.shape.dims, Int(crcOf(t))] as [Any]
                if t.dtype == .bfloat16 { out["attr:" + child + "/__dtype__"] = "bfloat16" }
            case .dict, .list, .tuple: expectedEntries(item, child, into: &out)
            case .int(let i): out["attr:" + child] = Int(i)
            case .double(let d): out["attr:" + child] = d
            case .bool(let b): out["attr:" + child] = b ? "bool:True" : "bool:False"
            case .string(let s): out["attr:" + child] = s
            case .none: out["attr:" + child] = NSNull()
            }
        }
        switch value {
        case .dict(let d): for (k, v) in d { visit(k.text, v) }
        case .list(let items), .tuple(let items): for (i, v) in items.enumerated() { visit(String(i), v) }
        default: break
        }
    }

    @Test(arguments: ["checkpoint_ep50", "every_dtype", "cnn_small_state_dict"])
    func h5pyReadsWhatWeWrite(_ name: String) throws {
        guard let python = Python.withH5py else {
            print("skipping h5py interop: no python with h5py (pip install h5py, or set CHECKPOINT_PYTHON)")
            return
        }
        let value = try TorchFormat.load(from: Fixtures.path(name + ".pt"))
        let path = try Fixtures.temporaryFolder() + "/\(name).h5"
        try HDF5File.save(value, to: path)
        let result = try Python.run(python, ["-c", Self.describeScript, path])
        #expect(result.status == 0, "\(result.error)")
        let reported = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        var expected: [String: Any] = [:]
        Self.expectedEntries(value, "", into: &expected)
        for (key, want) in expected {
            guard let got = reported[key] else {
                Issue.record("h5py does not see \(key)")
                continue
            }
            let same =
                String(describing: got) == String(describing: want)
                || (got as? NSNumber)?.doubleValue == (want as? Double)
            #expect(
                same,
                "\(key): h5py reports \(got), expected \(want)")
        }
        let userKeys = reported.keys.filter { !$0.contains("/__") }
        #expect(
            Set(userKeys).isSubset(of: Set(expected.keys)), "extra entries: \(Set(userKeys).subtracting(expected.keys))"
        )
    }

    /// Both superblock and object-header generations h5py writes: its default (superblock 0, version-1
    /// headers, symbol-table groups) and `libver='latest'` (superblock 3, version-2 headers, dense link
    /// and attribute storage past 8 entries); the object-header check must pass every one of them.
    @Test(arguments: [("earliest", 0), ("latest", 3)])
    func weReadWhatH5pyWrites(libver: String, superblockVersion: UInt8) throws {
        guard let python = Python.withH5py else {
            print("skipping h5py interop: no python with h5py (pip install h5py, or set CHECKPOINT_PYTHON)")
            return
        }
        let folder = try Fixtures.temporaryFolder()
        let path = folder + "/from_h5py.h5", committedPath = folder + "/committed_type.h5"
        let script = """
            import h5py, numpy as np, sys
            with h5py.File(sys.argv[3], "w", libver=sys.argv[2]) as f:
                f["float32"] = np.dtype("<f4")  # a committed datatype, shared by the dataset's header
                f.create_dataset("w", data=np.arange(3, dtype="<f4"), dtype=f["float32"])
            with h5py.File(sys.argv[1], "w", libver=sys.argv[2]) as f:
                many = f.create_group("many")
                for i in range(40):
                    many["d%02d" % i] = np.arange(i + 1, dtype=np.int32)
                    many.attrs["a%02d" % i] = i
                f["weight"] = np.arange(12, dtype=np.float32).reshape(3, 4) / 7
                f["half"] = np.array([1.5, -2.25, np.inf], dtype=np.float16)
                f["flags"] = np.array([True, False, True])
                f["counts"] = np.array([1, -2, 3], dtype=np.int16)
                f["bytes"] = np.arange(5, dtype=np.uint8)
                f["big_endian"] = np.array([1.25, 2.5], dtype=">f8")
                f["scalar"] = np.float64(3.5)
                f["empty"] = np.zeros((0, 2), dtype=np.int32)
                f.create_dataset("compressed", data=np.linspace(0, 1, 1000, dtype=np.float32), compression="gzip", chunks=(100,))
                f.create_dataset("unwritten", shape=(4,), dtype=np.float32, fillvalue=1.5)  # no storage: fill values
                f.attrs["epoch"] = 7
                f.attrs["loss"] = 0.125
                f.attrs["name"] = "mlp"
                f.attrs["ok"] = True
                f.attrs["betas"] = [0.9, 0.999]
                g = f.create_group("model_state_dict")
                g["layer.0.weight"] = np.ones((2, 2), dtype=np.float64)
                g.attrs["fixed"] = np.bytes_(b"abc")
            """
        let result = try Python.run(python, ["-c", script, path, libver, committedPath])
        try #require(result.status == 0, "\(result.error)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path))[8] == superblockVersion)
        let value = try HDF5File.load(from: path)
        #expect(value["many"]?["d39"]?.tensor?.toArray(Int32.self) == Array(0..<40))
        #expect(value["many"]?["a39"]?.int == 39)
        #expect(try HDF5File.loadTensor(from: committedPath, at: ["w"]).toArray(Float.self) == [0, 1, 2])
        let weight = try #require(value["weight"]?.tensor)
        #expect(weight.dtype == .float32 && weight.shape == [3, 4])
        #expect(weight.toArray(Float.self) == (0..<12).map { Float($0) / 7 })
        #expect(value["half"]?.tensor?.toArray(Float16.self) == [1.5, -2.25, .infinity])
        #expect(value["flags"]?.tensor?.toArray(Bool.self) == [true, false, true])
        #expect(value["counts"]?.tensor?.toArray(Int16.self) == [1, -2, 3])
        #expect(value["bytes"]?.tensor?.toArray(UInt8.self) == [0, 1, 2, 3, 4])
        #expect(value["big_endian"]?.tensor?.toArray(Double.self) == [1.25, 2.5])
        #expect(value["scalar"]?.tensor?.shape == [] && value["scalar"]?.tensor?.item(Double.self) == 3.5)
        #expect(value["empty"]?.tensor?.shape == [0, 2] && value["empty"]?.tensor?.dtype == .int32)
        #expect(value["compressed"]?.tensor?.toArray(Float.self).last == 1)
        #expect(value["unwritten"]?.tensor?.toArray(Float.self) == [1.5, 1.5, 1.5, 1.5])
        #expect(value["epoch"]?.int == 7)
        #expect(value["loss"]?.double == 0.125)
        #expect(value["name"]?.string == "mlp")
        #expect(value["ok"]?.bool == true)
        #expect(value["betas"]?.items?.map(\.double) == [0.9, 0.999])
        #expect(value["model_state_dict"]?["layer.0.weight"]?.tensor?.toArray(Double.self) == [1, 1, 1, 1])
        #expect(value["model_state_dict"]?["fixed"]?.string == "abc")
    }
}
