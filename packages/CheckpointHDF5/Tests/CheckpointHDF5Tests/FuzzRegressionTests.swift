import CheckpointHDF5
import Foundation
import Testing

/// The inputs that crashed the libFuzzer harnesses in Fuzz/ (in Fixtures/fuzz-regressions/, the format from
/// the extension): each must now be a thrown `CheckpointError`, read through the harness's public entry.
@Suite struct FuzzRegressionTests {
    static let folder = Fixtures.directory.appendingPathComponent("fuzz-regressions")

    static var crashers: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    @Test(arguments: crashers) func crasherThrows(_ name: String) throws {
        let path = Self.folder.appendingPathComponent(name).path
        #expect(throws: CheckpointError.self, "\(name)") { try Checkpoint.load(from: path) }
    }

    /// Shape [0, 2^40, 2^40]: no element, but its contiguous strides overflow (was a trap in TensorCore's
    /// contiguousStrides) — in a safetensors header and in an HDF5 dataspace.
    @Test(arguments: [
        "safetensors-empty-shape-overflowing-strides.safetensors", "hdf5-empty-shape-overflowing-strides.h5",
    ])
    func emptyTensorWithOverflowingStridesIsMalformed(_ name: String) throws {
        let path = Self.folder.appendingPathComponent(name).path
        #expect {
            try Checkpoint.load(from: path)
        } throws: { error in
            guard case CheckpointError.malformed(let file, _, let reason) = error else { return false }
            return file == path && reason == "shape [0, 1099511627776, 1099511627776] overflows"
        }
    }

    /// A dataset's enum datatype whose base integer claims 169 bytes: libhdf5 1.10 copied its 2 × 169 value
    /// bytes out of the 40-byte message (ASan: heap over-read in H5Oopen). Our header check refuses it first.
    @Test func enumValuesPastTheirMessageAreRefusedBeforeLibhdf5() throws {
        let path = Self.folder.appendingPathComponent("hdf5-libhdf5-object-header-overread.h5").path
        #expect {
            try Checkpoint.load(from: path)
        } throws: { error in
            guard case CheckpointError.malformed(let file, let key, let reason) = error else { return false }
            return file == path && key == "tensors.empty_bool"
                && reason
                    == "object header at 12512: message 1 (datatype, 40 bytes): 2 enum values of 169 bytes (338 bytes) runs past the message, 4 bytes left"
        }
    }

    /// A contiguous 12-byte dataset whose dataspace claims 2.3 GB: the reader allocated the tensor (an
    /// out-of-memory finding) before libhdf5's read failed; its storage is now compared first.
    @Test func datasetLargerThanItsStorageIsRefusedBeforeAllocating() throws {
        let path = Self.folder.appendingPathComponent("hdf5-dataset-larger-than-its-storage.h5").path
        #expect(
            throws: CheckpointError.sizeMismatch(
                file: path, key: "tensors.int8", expectedBytes: 2_365_587_468, actualBytes: 12)
        ) {
            try Checkpoint.load(from: path)
        }
    }

    /// A layout rewritten as a version-1 compact layout holding 0 bytes for a 20-byte dataset: H5Dread
    /// copied from the empty compact buffer (SEGV in libhdf5). Compact data must now be all there.
    @Test func emptyCompactDatasetIsRefusedBeforeLibhdf5Reads() throws {
        let path = Self.folder.appendingPathComponent("hdf5-libhdf5-empty-compact-dataset.h5").path
        #expect(
            throws: CheckpointError.sizeMismatch(
                file: path, key: "optimizer_state_dict.state.1.exp_avg_sq", expectedBytes: 20, actualBytes: 0)
        ) {
            try Checkpoint.load(from: path)
        }
    }
}
