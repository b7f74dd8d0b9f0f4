import CHDF5
import Foundation
import TensorCore

/// Reads the layout `HDF5Writer` writes, and plain h5py files: a group without `__keys__` lists its
/// links (creation order when tracked, else by name) and then its attributes.
struct HDF5Reader {
    let file: String
    let dtype: DType?
    private let heap: HDF5GlobalHeap
    /// Every object header is checked from the raw bytes before libhdf5 opens it.
    private let headers: HDF5ObjectHeaderCheck

    init(path: String, dtype: DType?) {
        file = path
        self.dtype = dtype
        heap = HDF5GlobalHeap(file: path)
        headers = HDF5ObjectHeaderCheck(file: path)
    }

    func read() throws(CheckpointError) -> StateValue {
        let path = file
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw .io(file: file, operation: "open", reason: String(cString: strerror(errno)))
        }
        guard H5Fis_hdf5(path) > 0 else { throw .badMagic(file: file, expected: "an HDF5 file (no HDF5 signature)") }
        try headers.checkFile()
        let handle = try h5(H5Fopen(path, swt_h5f_acc_rdonly(), h5PDefault), file, nil, "open the file")
        let f = H5ID(handle, H5Fclose)
        defer { withExtendedLifetime(f) {} }
        let root = H5ID(try h5(H5Gopen2(f.id, "/", h5PDefault), file, nil, "open the root group"), H5Gclose)
        defer { withExtendedLifetime(root) {} }
        return try readGroup(root.id, path: "", depth: 0)
    }

    /// One tensor by its key path (`["model_state_dict", "network.1.weight"]`), nothing else read.
    func readTensor(at keys: [String]) throws(CheckpointError) -> Tensor {
        let path = file
        guard let last = keys.last else { throw .invalidArgument("\(file): empty key path") }
        guard H5Fis_hdf5(path) > 0 else { throw .badMagic(file: file, expected: "an HDF5 file (no HDF5 signature)") }
        try headers.checkFile()
        let f = H5ID(try h5(H5Fopen(path, swt_h5f_acc_rdonly(), h5PDefault), file, nil, "open the file"), H5Fclose)
        defer { withExtendedLifetime(f) {} }
        var groups = [H5ID(try h5(H5Gopen2(f.id, "/", h5PDefault), file, nil, "open the root group"), H5Gclose)]
        defer { withExtendedLifetime(groups) {} }
        let dotted = keys.joined(separator: ".")
        for key in keys.dropLast() {
            let name = HDF5Names.encode(key)
            guard H5Lexists(groups.last!.id, name, h5PDefault) > 0 else {
                throw .missingEntry(file: file, entry: dotted)
            }
            try headers.checkLink(name, in: groups.last!.id, key: dotted)
            groups.append(
                H5ID(try h5(H5Gopen2(groups.last!.id, name, h5PDefault), file, dotted, "open a group"), H5Gclose))
        }
        let name = HDF5Names.encode(last)
        guard H5Lexists(groups.last!.id, name, h5PDefault) > 0 else { throw .missingEntry(file: file, entry: dotted) }
        try headers.checkLink(name, in: groups.last!.id, key: dotted)
        let d = H5ID(try h5(H5Dopen2(groups.last!.id, name, h5PDefault), file, dotted, "open a dataset"), H5Dclose)
        defer { withExtendedLifetime(d) {} }
        return try readDataset(d.id, path: dotted)
    }

    private func childPath(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

    private func readGroup(_ group: hid_t, path: String, depth: Int) throws(CheckpointError) -> StateValue {
        guard depth < 256 else { throw .malformed(file: file, key: path, reason: "groups nested too deeply") }
        let attributes = try attributeNames(group, path: path)
        var kind = "dict"
        if attributes.contains(HDF5Names.typeAttribute) {
            kind = try readAttribute(HDF5Names.typeAttribute, on: group, path: path).string ?? "?"
        }
        let names: [String]
        if attributes.contains(HDF5Names.keysAttribute) {
            let keys = try readAttribute(HDF5Names.keysAttribute, on: group, path: path)
            guard let items = keys.items else {
                throw .malformed(file: file, key: path, reason: "__keys__ is not a string array")
            }
            names = try items.map { (v) throws(CheckpointError) -> String in
                guard let s = v.string else {
                    throw .malformed(file: file, key: path, reason: "__keys__ holds a non-string")
                }
                return HDF5Names.encode(s)
            }
        } else {
            names = try linkNames(group, path: path) + attributes.filter { !HDF5Names.isReserved($0) }
        }
        var intFlags: [Bool] = []
        if kind == "dict_mixed_keys" {
            let flags = try readAttribute(HDF5Names.intKeysAttribute, on: group, path: path).items ?? []
            intFlags = flags.map { $0.bool ?? false }
            guard intFlags.count == names.count else {
                throw .malformed(file: file, key: path, reason: "__int_keys__ and __keys__ differ in length")
            }
        }
        switch kind {
        case "dict", "dict_int_keys", "dict_mixed_keys":
            var dict = StateDict()
            for (position, name) in names.enumerated() {
                let text = HDF5Names.decode(name)
                let key: StateKey
                if kind == "dict_int_keys" || (kind == "dict_mixed_keys" && intFlags[position]) {
                    guard let i = Int64(text) else {
                        throw .malformed(
                            file: file, key: childPath(path, text), reason: "key of an int-keyed dict is not an integer"
                        )
                    }
                    key = .int(i)
                } else {
                    key = .string(text)
                }
                guard !dict.contains(key) else { throw .duplicateKey(file: file, key: childPath(path, text)) }
                dict[key] = try readMember(name, in: group, path: childPath(path, text), depth: depth)
            }
            return .dict(dict)
        case "list", "tuple":
            var byIndex: [Int: String] = [:]
            for name in names {
                guard let i = Int(name), i >= 0, i < names.count, byIndex[i] == nil else {
                    throw .malformed(
                        file: file, key: childPath(path, name), reason: "list items must be named 0..<count")
                }
                byIndex[i] = name
            }
            var items: [StateValue] = []
            for i in 0..<names.count {
                guard let name = byIndex[i] else {
                    throw .malformed(file: file, key: childPath(path, String(i)), reason: "list item missing")
                }
                items.append(try readMember(name, in: group, path: childPath(path, String(i)), depth: depth))
            }
            return kind == "list" ? .list(items) : .tuple(items)
        default:
            throw .unsupported(file: file, key: path, what: "group __type__ '\(kind)'")
        }
    }

    private func readMember(_ name: String, in group: hid_t, path: String, depth: Int) throws(CheckpointError)
        -> StateValue
    {
        if H5Lexists(group, name, h5PDefault) > 0 {
            try headers.checkLink(name, in: group, key: path)
            let object = H5ID(try h5(H5Oopen(group, name, h5PDefault), file, path, "open an object"), H5Oclose)
            defer { withExtendedLifetime(object) {} }
            switch H5Iget_type(object.id) {
            case H5I_GROUP: return try readGroup(object.id, path: path, depth: depth + 1)
            case H5I_DATASET: return .tensor(try readDataset(object.id, path: path))
            default:
                throw .unsupported(file: file, key: path, what: "an HDF5 object that is neither a group nor a dataset")
            }
        }
        if H5Aexists(group, name) > 0 { return try readAttribute(name, on: group, path: path) }
        throw .missingEntry(file: file, entry: path)
    }

    private func linkNames(_ group: hid_t, path: String) throws(CheckpointError) -> [String] {
        var info = H5G_info_t()
        try h5(H5Gget_info(group, &info), file, path, "read group info")
        var names: [String] = []
        var index = H5_INDEX_CRT_ORDER
        for i in 0..<info.nlinks {
            var length = H5Lget_name_by_idx(group, ".", index, H5_ITER_INC, i, nil, 0, h5PDefault)
            if length < 0 && i == 0 && index == H5_INDEX_CRT_ORDER {
                index = H5_INDEX_NAME  // creation order not tracked (plain h5py files)
                length = H5Lget_name_by_idx(group, ".", index, H5_ITER_INC, i, nil, 0, h5PDefault)
            }
            guard length >= 0 else { throw .malformed(file: file, key: path, reason: "HDF5 could not list the group") }
            var buffer = [CChar](repeating: 0, count: Int(length) + 1)
            H5Lget_name_by_idx(group, ".", index, H5_ITER_INC, i, &buffer, buffer.count, h5PDefault)
            names.append(String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return names
    }

    private func attributeNames(_ object: hid_t, path: String) throws(CheckpointError) -> [String] {
        let count = H5Aget_num_attrs(object)
        guard count >= 0 else { throw .malformed(file: file, key: path, reason: "HDF5 could not count attributes") }
        var names: [String] = []
        var index = H5_INDEX_CRT_ORDER
        for i in 0..<hsize_t(count) {
            var length = H5Aget_name_by_idx(object, ".", index, H5_ITER_INC, i, nil, 0, h5PDefault)
            if length < 0 && i == 0 && index == H5_INDEX_CRT_ORDER {
                index = H5_INDEX_NAME
                length = H5Aget_name_by_idx(object, ".", index, H5_ITER_INC, i, nil, 0, h5PDefault)
            }
            guard length >= 0 else { throw .malformed(file: file, key: path, reason: "HDF5 could not list attributes") }
            var buffer = [CChar](repeating: 0, count: Int(length) + 1)
            H5Aget_name_by_idx(object, ".", index, H5_ITER_INC, i, &buffer, buffer.count, h5PDefault)
            names.append(String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return names
    }

    private func shape(of space: hid_t, path: String) throws(CheckpointError) -> [Int]? {
        switch H5Sget_simple_extent_type(space) {
        case H5S_NULL: return nil
        case H5S_SCALAR: return []
        default:
            let rank = H5Sget_simple_extent_ndims(space)
            guard rank >= 0, rank <= 32 else { throw .malformed(file: file, key: path, reason: "bad dataspace rank") }
            var dims = [hsize_t](repeating: 0, count: Int(rank))
            H5Sget_simple_extent_dims(space, &dims, nil)
            guard dims.allSatisfy({ $0 <= hsize_t(Int.max) }) else {
                throw .malformed(file: file, key: path, reason: "dimension too large")
            }
            let shape = dims.map { Int($0) }
            guard checkedElementCount(shape) != nil else {
                throw .malformed(file: file, key: path, reason: "shape \(shape) overflows")
            }
            return shape
        }
    }

    private func readDataset(_ dataset: hid_t, path: String) throws(CheckpointError) -> Tensor {
        let fileType = H5ID(try h5(H5Dget_type(dataset), file, path, "read the dataset type"), H5Tclose)
        defer { withExtendedLifetime(fileType) {} }
        var marker = false
        if H5Aexists(dataset, HDF5Names.dtypeAttribute) > 0 {
            let name = try readAttribute(HDF5Names.dtypeAttribute, on: dataset, path: path).string
            guard name == "bfloat16" else {
                throw .unsupported(file: file, key: path, what: "__dtype__ '\(name ?? "?")'")
            }
            marker = true
        }
        guard let dtype = HDF5Types.dtype(of: fileType.id, bfloat16Marker: marker) else {
            throw .unsupported(
                file: file, key: path, what: "dataset type \(HDF5Types.describe(fileType.id)) has no tensor dtype")
        }
        let space = H5ID(try h5(H5Dget_space(dataset), file, path, "read the dataspace"), H5Sclose)
        defer { withExtendedLifetime(space) {} }
        guard let shape = try shape(of: space.id, path: path) else {
            throw .unsupported(file: file, key: path, what: "a dataset with a null dataspace")
        }
        let bytes = shape.reduce(1, *).multipliedReportingOverflow(by: dtype.itemSize)
        guard !bytes.overflow, UInt64(bytes.partialValue) <= ProcessInfo.processInfo.physicalMemory else {
            throw .malformed(
                file: file, key: path, reason: "dataset of shape \(shape) is larger than this machine's memory")
        }
        try HDF5StorageLimit.check(dataset, bytes: bytes.partialValue, file: file, key: path)
        let tensor = Tensor(uninitializedShape: shape, dtype: dtype)
        if tensor.numel > 0 {
            let memoryType = HDF5Types.type(for: dtype)
            defer { withExtendedLifetime(memoryType) {} }
            try h5(
                H5Dread(dataset, memoryType.id, h5SAll, h5SAll, h5PDefault, tensor.rawPointer), file, path,
                "read the dataset")
        }
        if let target = self.dtype, dtype.isFloatingPoint, target != dtype { return tensor.to(target) }
        return tensor
    }

    private func readAttribute(_ name: String, on object: hid_t, path: String) throws(CheckpointError) -> StateValue {
        let a = H5ID(try h5(H5Aopen(object, name, h5PDefault), file, path, "open an attribute"), H5Aclose)
        defer { withExtendedLifetime(a) {} }
        let type = H5ID(try h5(H5Aget_type(a.id), file, path, "read an attribute type"), H5Tclose)
        defer { withExtendedLifetime(type) {} }
        let space = H5ID(try h5(H5Aget_space(a.id), file, path, "read an attribute dataspace"), H5Sclose)
        defer { withExtendedLifetime(space) {} }
        guard let shape = try shape(of: space.id, path: path) else { return .none }
        guard shape.count <= 1 else {
            throw .unsupported(file: file, key: path, what: "an attribute with \(shape.count) dimensions")
        }
        let count = shape.first ?? 1
        guard count <= 1 << 24 else {
            throw .unsupported(file: file, key: path, what: "an attribute with \(count) elements")
        }
        var values: [StateValue] = []
        switch H5Tget_class(type.id) {
        case H5T_STRING:
            if H5Tis_variable_str(type.id) > 0 {
                values = try heap.strings(of: a.id, count: count, key: path).map(StateValue.string)
            } else {
                let size = H5Tget_size(type.id)
                guard size > 0, size <= 1 << 20 else {
                    throw .unsupported(file: file, key: path, what: "string attribute of size \(size)")
                }
                var buffer = [UInt8](repeating: 0, count: size * count)
                try h5(H5Aread(a.id, type.id, &buffer), file, path, "read a string attribute")
                for i in 0..<count {
                    let chunk = buffer[(i * size)..<((i + 1) * size)]
                    values.append(StateValue.string(String(decoding: chunk.prefix { $0 != 0 }, as: UTF8.self)))
                }
            }
        case H5T_INTEGER:
            guard !(H5Tget_sign(type.id) == H5T_SGN_NONE && H5Tget_size(type.id) == 8) else {
                throw .unsupported(file: file, key: path, what: "a uint64 attribute")
            }
            var buffer = [Int64](repeating: 0, count: count)
            try h5(H5Aread(a.id, HDF5Types.type(for: .int64).id, &buffer), file, path, "read an integer attribute")
            values = buffer.map { StateValue.int($0) }
        case H5T_FLOAT:
            var buffer = [Double](repeating: 0, count: count)
            try h5(H5Aread(a.id, HDF5Types.type(for: .float64).id, &buffer), file, path, "read a float attribute")
            values = buffer.map { StateValue.double($0) }
        case H5T_ENUM where H5Tget_size(type.id) == 1 && H5Tget_nmembers(type.id) == 2:
            var buffer = [Int8](repeating: 0, count: count)
            let boolType = HDF5Types.bool()
            defer { withExtendedLifetime(boolType) {} }
            try h5(H5Aread(a.id, boolType.id, &buffer), file, path, "read a bool attribute")
            values = buffer.map { StateValue.bool($0 != 0) }
        default:
            throw .unsupported(file: file, key: path, what: "attribute of type \(HDF5Types.describe(type.id))")
        }
        return shape.isEmpty ? values[0] : .list(values)
    }
}
