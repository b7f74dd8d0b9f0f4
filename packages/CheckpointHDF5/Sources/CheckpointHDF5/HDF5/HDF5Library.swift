import CHDF5
import Foundation
import TensorCore

/// Every use of libhdf5 goes through this lock (tests run in parallel), closing ids included: Debian's
/// build is thread-safe per call, but a load or save is a sequence of calls that must not interleave
/// with another thread's, and other builds are not thread-safe at all. Recursive, because ids are often
/// released inside a locked region on the same thread.
///
/// No region leaves errors on the thread's HDF5 error stack: each entry holds a reference to HDF5's
/// error class and messages, libhdf5 only drops them when that thread next enters the library (a
/// thread's stack is freed at thread exit without dropping them), and its atexit shutdown cannot
/// release referenced error ids — it gives up with "HDF5: infinite loop closing library".
enum HDF5Library {
    private static let lock = NSRecursiveLock()

    static func locked<R>(_ body: () throws(CheckpointError) -> R) throws(CheckpointError) -> R {
        lock.lock()
        defer {
            H5Eclear2(h5EDefault)  // `h5()` has already turned any failure into the thrown error
            lock.unlock()
        }
        swt_h5_quiet()  // per thread when libhdf5 is built thread-safe, so on every entry
        return try body()
    }

    /// Closes an id under the lock (an H5ID can be released on any thread, at any time).
    static func close(_ id: hid_t, _ close: (hid_t) -> herr_t) {
        lock.lock()
        defer { lock.unlock() }
        if close(id) < 0 { H5Eclear2(h5EDefault) }
    }
}

/// Closes an HDF5 id when released. Swift may release a local right after its last use, which can
/// be before the C call using `.id` has run, so every local H5ID is pinned with
/// `defer { withExtendedLifetime(x) {} }`.
final class H5ID {
    let id: hid_t
    private let close: (hid_t) -> herr_t
    init(_ id: hid_t, _ close: @escaping (hid_t) -> herr_t) {
        self.id = id
        self.close = close
    }
    deinit { HDF5Library.close(id, close) }
}

/// Checks an HDF5 return value; negative means failure, reported with libhdf5's deepest message.
@discardableResult
func h5(_ value: hid_t, _ file: String, _ key: String?, _ what: @autoclosure () -> String) throws(CheckpointError)
    -> hid_t
{
    guard value >= 0 else { throw .malformed(file: file, key: key, reason: "HDF5 could not \(what())\(hdf5Cause())") }
    return value
}

@discardableResult
func h5(_ value: herr_t, _ file: String, _ key: String?, _ what: @autoclosure () -> String) throws(CheckpointError)
    -> herr_t
{
    guard value >= 0 else { throw .malformed(file: file, key: key, reason: "HDF5 could not \(what())\(hdf5Cause())") }
    return value
}

/// The innermost description on this thread's HDF5 error stack (e.g. "truncated file: eof = 600, ...").
private func hdf5Cause() -> String {
    var deepest = ""
    withUnsafeMutablePointer(to: &deepest) { pointer in
        _ = H5Ewalk2(
            h5EDefault, H5E_WALK_DOWNWARD,
            { _, error, data in
                if let description = error?.pointee.desc, let data {
                    data.assumingMemoryBound(to: String.self).pointee = String(cString: description)
                }
                return 0
            }, pointer)
    }
    return deepest.isEmpty ? "" : ": " + deepest
}

/// The HDF5 types the layout uses, h5py-compatible.
enum HDF5Types {
    /// IEEE half precision as h5py builds it (reads back as numpy float16).
    static func float16() -> H5ID {
        let t = H5Tcopy(swt_h5_type(8))
        H5Tset_fields(t, 15, 10, 5, 0, 10)
        H5Tset_size(t, 2)
        H5Tset_ebias(t, 15)
        return H5ID(t, H5Tclose)
    }

    /// h5py's bool: an int8 enum {FALSE = 0, TRUE = 1}.
    static func bool() -> H5ID {
        let t = H5Tenum_create(swt_h5_type(2))
        var no: Int8 = 0
        var yes: Int8 = 1
        H5Tenum_insert(t, "FALSE", &no)
        H5Tenum_insert(t, "TRUE", &yes)
        return H5ID(t, H5Tclose)
    }

    static func utf8String() -> H5ID {
        let t = H5Tcopy(swt_h5_c_s1())
        H5Tset_size(t, swt_h5t_variable())
        H5Tset_cset(t, H5T_CSET_UTF8)
        return H5ID(t, H5Tclose)
    }

    /// The file/memory type for a dtype (bfloat16 travels as uint16 plus a marker attribute).
    static func type(for dtype: DType) -> H5ID {
        let fixed: Int32
        switch dtype {
        case .bool: return bool()
        case .float16: return float16()
        case .uint8: fixed = 1
        case .int8: fixed = 2
        case .int16: fixed = 3
        case .int32: fixed = 4
        case .int64: fixed = 5
        case .bfloat16: fixed = 10
        case .float32: fixed = 8
        case .float64: fixed = 9
        }
        return H5ID(swt_h5_type(fixed)) { _ in 0 }  // predefined types are never closed
    }

    /// The dtype of a stored dataset/attribute type, nil when no dtype matches.
    static func dtype(of type: hid_t, bfloat16Marker: Bool) -> DType? {
        let size = H5Tget_size(type)
        switch H5Tget_class(type) {
        case H5T_INTEGER:
            let signed = H5Tget_sign(type) == H5T_SGN_2
            switch (size, signed) {
            case (1, false): return .uint8
            case (1, true): return .int8
            case (2, true): return .int16
            case (2, false): return bfloat16Marker ? .bfloat16 : nil
            case (4, true): return .int32
            case (8, true): return .int64
            default: return nil
            }
        case H5T_FLOAT:
            switch size {
            case 2: return .float16
            case 4: return .float32
            case 8: return .float64
            default: return nil
            }
        case H5T_ENUM:
            return size == 1 && H5Tget_nmembers(type) == 2 ? .bool : nil
        default:
            return nil
        }
    }

    /// A description of a type for error messages.
    static func describe(_ type: hid_t) -> String {
        let size = H5Tget_size(type)
        switch H5Tget_class(type) {
        case H5T_INTEGER: return "\(H5Tget_sign(type) == H5T_SGN_2 ? "int" : "uint")\(size * 8)"
        case H5T_FLOAT: return "float\(size * 8)"
        case H5T_STRING: return "string"
        case H5T_COMPOUND: return "compound"
        case H5T_ENUM: return "enum"
        default: return "HDF5 class \(H5Tget_class(type).rawValue)"
        }
    }
}

/// `H5P_DEFAULT` / `H5S_ALL` / `H5E_DEFAULT` (plain 0) typed as ids; the macros import as Int32 or not at all.
let h5PDefault: hid_t = 0
let h5SAll: hid_t = 0
let h5EDefault: hid_t = 0
