import CVectorKernels

extension ConvGeometry {
    /// im2col (same values as `im2col` for grid rows rowStart..<rowStart+rowCount) written straight into
    /// the sgemm kernel's packed-B layout (cvk_sgemm.h): K = `rows`, N = rowCount·smallW, so the GEMM
    /// reads it without a second copy. `out` holds cvk_sgemm_packed_b_count(rows, N) floats. The copy is
    /// in C with AVX-512 masked loads (CVectorKernels/im2col_packed.c).
    func im2colPacked(_ image: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, rowStart: Int, rowCount: Int) {
        var shape = cShape
        cvk_im2col_packed(image, &shape, rowStart, rowCount, out)
    }

    /// The geometry as the C kernels take it.
    var cShape: cvk_conv_geometry {
        cvk_conv_geometry(
            channels: channels, big_h: bigH, big_w: bigW, small_h: smallH, small_w: smallW, k_h: kH, k_w: kW,
            s_h: sH, s_w: sW, p_h: pH, p_w: pW, d_h: dH, d_w: dW)
    }
}
