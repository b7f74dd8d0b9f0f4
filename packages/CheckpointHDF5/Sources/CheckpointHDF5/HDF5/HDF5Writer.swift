import CHDF5
import Foundation
import TensorCore

/// Writes a `StateValue` into an HDF5 file with the layout of README.md: dicts are groups (keys in
/// order in a `__keys__` attribute), tensors are datasets, numbers/bools/strings/None are attributes,
/// lists/tuples/int-keyed dicts are groups marked by `__type__`.
struct HDF5Writer {
    let file: String

    func write(root value: StateValue, to path: String) throws(CheckpointError) {
        guard case .dict(let dict) = value else {
            throw .unsupported(
                file: file, key: nil, what: "an HDF5 checkpoint's top level must be a dict, not \(value)")
        }
        let fcpl = H5ID(H5Pcreate(swt_h5p_file_create()), H5Pclose)
        defer { withExtendedLifetime(fcpl) {} }
        H5Pset_link_creation_order(fcpl.id, 3)  // tracked + indexed: keep insertion order
        H5Pset_attr_creation_order(fcpl.id, 3)
        let handle = try h5(H5Fcreate(path, swt_h5f_acc_trunc(), fcpl.id, h5PDefault), file, nil, "create the file")
        let f = H5ID(handle, H5Fclose)
        defer { withExtendedLifetime(f) {} }
        try writeDict(dict, into: f.id, path: "")
        guard H5Fflush(f.id, H5F_SCOPE_GLOBAL) >= 0 else {
            throw .io(file: file, operation: "write", reason: "HDF5 could not flush the file")
        }
    }

    private func childPath(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

    private func writeDict(_ dict: StateDict, into group: hid_t, path: String) throws(CheckpointError) {
        var allInt = !dict.isEmpty
        var anyInt = false
        for key in dict.keys {
            if case .int = key { anyInt = true } else { allInt = false }
        }
        if allInt { try writeStringAttribute(HDF5Names.typeAttribute, "dict_int_keys", on: group, path: path) }
        if anyInt && !allInt {
            // Mixed keys: __int_keys__ marks, position by position, which __keys__ entries are ints.
            try writeStringAttribute(HDF5Names.typeAttribute, "dict_mixed_keys", on: group, path: path)
            let flags = dict.keys.map { key -> Int8 in if case .int = key { return 1 } else { return 0 } }
            try writeArrayAttribute(HDF5Names.intKeysAttribute, flags, HDF5Types.bool(), on: group, path: path)
        }
        if !dict.isEmpty {
            try writeStringArrayAttribute(HDF5Names.keysAttribute, dict.keys.map(\.text), on: group, path: path)
        }
        for (key, value) in dict {
            try writeValue(value, named: HDF5Names.encode(key.text), in: group, path: childPath(path, key.text))
        }
    }

    private func newGroup(_ name: String, in parent: hid_t, path: String) throws(CheckpointError) -> H5ID {
        let gcpl = H5ID(H5Pcreate(swt_h5p_group_create()), H5Pclose)
        defer { withExtendedLifetime(gcpl) {} }
        H5Pset_link_creation_order(gcpl.id, 3)
        H5Pset_attr_creation_order(gcpl.id, 3)
        let g = try h5(H5Gcreate2(parent, name, h5PDefault, gcpl.id, h5PDefault), file, path, "create a group")
        return H5ID(g, H5Gclose)
    }

    private func writeValue(_ value: StateValue, named name: String, in group: hid_t, path: String)
        throws(CheckpointError)
    {
        switch value {
        case .tensor(let t): try writeTensor(t, named: name, in: group, path: path)
        case .dict(let d):
            let g = try newGroup(name, in: group, path: path)
            try writeDict(d, into: g.id, path: path)
        case .list(let items), .tuple(let items):
            let g = try newGroup(name, in: group, path: path)
            if case .list = value {
                try writeStringAttribute(HDF5Names.typeAttribute, "list", on: g.id, path: path)
            } else {
                try writeStringAttribute(HDF5Names.typeAttribute, "tuple", on: g.id, path: path)
            }
            for (i, item) in items.enumerated() {
                try writeValue(item, named: String(i), in: g.id, path: childPath(path, String(i)))
            }
        case .int(var v):
            try writeScalarAttribute(name, HDF5Types.type(for: .int64).id, &v, on: group, path: path)
        case .double(var v):
            try writeScalarAttribute(name, HDF5Types.type(for: .float64).id, &v, on: group, path: path)
        case .bool(let b):
            var v: Int8 = b ? 1 : 0
            let boolType = HDF5Types.bool()
            defer { withExtendedLifetime(boolType) {} }
            try writeScalarAttribute(name, boolType.id, &v, on: group, path: path)
        case .string(let s): try writeStringAttribute(name, s, on: group, path: path)
        case .none:
            // h5py reads an attribute with a null dataspace as h5py.Empty: Python's None here.
            let space = H5ID(H5Screate(H5S_NULL), H5Sclose)
            defer { withExtendedLifetime(space) {} }
            let a = try h5(
                H5Acreate2(group, name, HDF5Types.type(for: .uint8).id, space.id, h5PDefault, h5PDefault), file, path,
                "create an attribute")
            H5Aclose(a)
        }
    }

    private func writeTensor(_ tensor: Tensor, named name: String, in group: hid_t, path: String)
        throws(CheckpointError)
    {
        let t = tensor.contiguous()
        let dims = t.shape.dims.map { hsize_t($0) }
        let space = H5ID(t.ndim == 0 ? H5Screate(H5S_SCALAR) : H5Screate_simple(Int32(dims.count), dims, nil), H5Sclose)
        defer { withExtendedLifetime(space) {} }
        let type = HDF5Types.type(for: t.dtype)
        defer { withExtendedLifetime(type) {} }
        let d = try h5(
            H5Dcreate2(group, name, type.id, space.id, h5PDefault, h5PDefault, h5PDefault), file, path,
            "create a dataset")
        let dataset = H5ID(d, H5Dclose)
        defer { withExtendedLifetime(dataset) {} }
        if t.numel > 0 {
            let status = H5Dwrite(dataset.id, type.id, h5SAll, h5SAll, h5PDefault, t.rawPointer)
            withExtendedLifetime(t) {}
            try h5(status, file, path, "write the dataset")
        }
        if t.dtype == .bfloat16 {
            try writeStringAttribute(HDF5Names.dtypeAttribute, "bfloat16", on: dataset.id, path: path)
        }
        AtomicFile.afterChunkHook?()
    }

    private func writeScalarAttribute(
        _ name: String, _ type: hid_t, _ value: UnsafeRawPointer, on object: hid_t, path: String
    ) throws(CheckpointError) {
        let space = H5ID(H5Screate(H5S_SCALAR), H5Sclose)
        defer { withExtendedLifetime(space) {} }
        let a = H5ID(
            try h5(H5Acreate2(object, name, type, space.id, h5PDefault, h5PDefault), file, path, "create an attribute"),
            H5Aclose)
        defer { withExtendedLifetime(a) {} }
        try h5(H5Awrite(a.id, type, value), file, path, "write an attribute")
    }

    private func writeStringAttribute(_ name: String, _ value: String, on object: hid_t, path: String)
        throws(CheckpointError)
    {
        let type = HDF5Types.utf8String()
        defer { withExtendedLifetime(type) {} }
        try value.withCString { chars in
            var pointer: UnsafePointer<CChar>? = chars
            return Result { () throws(CheckpointError) in
                try writeScalarAttribute(name, type.id, &pointer, on: object, path: path)
            }
        }.get()
    }

    private func writeArrayAttribute(_ name: String, _ values: [Int8], _ type: H5ID, on object: hid_t, path: String)
        throws(CheckpointError)
    {
        var dims = [hsize_t(values.count)]
        let space = H5ID(H5Screate_simple(1, &dims, nil), H5Sclose)
        defer { withExtendedLifetime(space) {} }
        let a = H5ID(
            try h5(
                H5Acreate2(object, name, type.id, space.id, h5PDefault, h5PDefault), file, path, "create an attribute"),
            H5Aclose)
        defer { withExtendedLifetime(a) {} }
        try h5(H5Awrite(a.id, type.id, values), file, path, "write an attribute")
        withExtendedLifetime(type) {}
    }

    private func writeStringArrayAttribute(_ name: String, _ values: [String], on object: hid_t, path: String)
        throws(CheckpointError)
    {
        let type = HDF5Types.utf8String()
        defer { withExtendedLifetime(type) {} }
        var dims = [hsize_t(values.count)]
        let space = H5ID(H5Screate_simple(1, &dims, nil), H5Sclose)
        defer { withExtendedLifetime(space) {} }
        let a = H5ID(
            try h5(
                H5Acreate2(object, name, type.id, space.id, h5PDefault, h5PDefault), file, path, "create an attribute"),
            H5Aclose)
        defer { withExtendedLifetime(a) {} }
        var pointers: [UnsafeMutablePointer<CChar>?] = values.map { strdup($0) }
        defer { pointers.forEach { free($0) } }
        try h5(H5Awrite(a.id, type.id, &pointers), file, path, "write an attribute")
    }
}
