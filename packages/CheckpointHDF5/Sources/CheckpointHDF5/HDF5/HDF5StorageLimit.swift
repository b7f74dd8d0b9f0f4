import CHDF5

/// A dataset's size must be backed by the file before the reader allocates its tensor: libhdf5 only
/// notices a contiguous dataset larger than its storage when it reads, after the allocation (fuzz-hdf5:
/// a 12-byte dataset whose dataspace claimed 2.3 GB). Contiguous and compact data, once written, is
/// exactly its size; chunked data may be compressed (deflate, the filter libhdf5 ships, packs at most
/// 1032:1) or not yet written (fill values), so it gets that ratio plus a fixed allowance. A compact
/// dataset's bytes live in its header and must all be there (fuzz-hdf5: an empty one made H5Dread
/// memcpy from a null buffer).
enum HDF5StorageLimit {
    static let deflateRatio = 1032
    static let unwrittenAllowance = 64 << 20

    static func check(_ dataset: hid_t, bytes: Int, file: String, key: String) throws(CheckpointError) {
        let plist = H5ID(
            try h5(H5Dget_create_plist(dataset), file, key, "read the dataset's creation properties"), H5Pclose)
        defer { withExtendedLifetime(plist) {} }
        let layout = H5Pget_layout(plist.id)
        let stored = Int(clamping: H5Dget_storage_size(dataset))
        switch layout {
        case H5D_CONTIGUOUS, H5D_COMPACT:  // compact data is never unwritten: libhdf5 copies from its buffer (SEGV when empty)
            guard stored == bytes || (stored == 0 && layout == H5D_CONTIGUOUS) else {
                throw .sizeMismatch(file: file, key: key, expectedBytes: bytes, actualBytes: stored)
            }
        case H5D_CHUNKED: break
        default:
            throw .unsupported(
                file: file, key: key, what: "dataset layout \(layout.rawValue) (virtual datasets read other files)")
        }
        let (limit, overflow) = stored.multipliedReportingOverflow(by: deflateRatio)
        guard overflow || bytes <= limit + unwrittenAllowance else {
            throw .malformed(
                file: file, key: key, reason: "dataset needs \(bytes) bytes but the file stores \(stored) for it")
        }
    }
}
