// libhdf5 (serial) and zlib for CheckpointHDF5. HDF5's predefined type and property-list ids are
// macros over globals that Swift can't import, so tiny inline functions hand them over.
#pragma once
#include <hdf5.h>
#include <zlib.h>

/// Little-endian standard types by code: 1 u8, 2 i8, 3 i16, 4 i32, 5 i64, 8 f32, 9 f64, 10 u16,
/// 11 u32, 12 u64; 0 for anything else (float16 and bool are built in Swift from these).
static inline hid_t swt_h5_type(int code) {
    switch (code) {
    case 1:
        return H5T_STD_U8LE;
    case 2:
        return H5T_STD_I8LE;
    case 3:
        return H5T_STD_I16LE;
    case 4:
        return H5T_STD_I32LE;
    case 5:
        return H5T_STD_I64LE;
    case 8:
        return H5T_IEEE_F32LE;
    case 9:
        return H5T_IEEE_F64LE;
    case 10:
        return H5T_STD_U16LE;
    case 11:
        return H5T_STD_U32LE;
    case 12:
        return H5T_STD_U64LE;
    default:
        return 0;
    }
}
static inline hid_t swt_h5_c_s1(void) { return H5T_C_S1; }
static inline hid_t swt_h5p_file_access(void) { return H5P_FILE_ACCESS; }
static inline hid_t swt_h5p_file_create(void) { return H5P_FILE_CREATE; }
static inline hid_t swt_h5p_group_create(void) { return H5P_GROUP_CREATE; }
static inline hid_t swt_h5p_dataset_create(void) { return H5P_DATASET_CREATE; }
static inline unsigned swt_h5f_acc_trunc(void) { return H5F_ACC_TRUNC; }
static inline unsigned swt_h5f_acc_excl(void) { return H5F_ACC_EXCL; }
static inline unsigned swt_h5f_acc_rdonly(void) { return H5F_ACC_RDONLY; }
static inline size_t swt_h5t_variable(void) { return H5T_VARIABLE; }
static inline hsize_t swt_h5s_unlimited(void) { return H5S_UNLIMITED; }
/// zlib's crc32_combine under one name whatever zlib's large-file macros select.
static inline unsigned long swt_crc32_combine(unsigned long a, unsigned long b, long long length) {
    return crc32_combine(a, b, (z_off_t)length);
}
/// Silences HDF5's automatic error-stack printing: failures become thrown Swift errors instead.
static inline void swt_h5_quiet(void) { H5Eset_auto2(H5E_DEFAULT, NULL, NULL); }
