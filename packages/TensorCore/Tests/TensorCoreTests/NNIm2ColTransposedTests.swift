import CVectorKernels
import Testing

@testable import TensorCore

/// The weight gradient's transposed im2col (cvk_im2col_packed_transposed) against the Swift im2col, read
/// back through the packed-B layout (K blocks of cvk_sgemm_kc, 32-column panels, columns past N zero).
@Suite struct NNIm2ColTransposedTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let channels, height, width, kernel, padding, dilation, strideH, rowStart, rowCount: Int
        var testDescription: String {
            "\(channels)×\(height)×\(width) k\(kernel) p\(padding) d\(dilation) sH\(strideH) rows \(rowStart)+\(rowCount)"
        }
        var geometry: ConvGeometry {
            let smallH = (height + 2 * padding - dilation * (kernel - 1) - 1) / strideH + 1
            let smallW = width + 2 * padding - dilation * (kernel - 1)
            return ConvGeometry(
                channels: channels, bigH: height, bigW: width, smallH: smallH, smallW: smallW, kH: kernel, kW: kernel,
                sH: strideH, sW: 1, pH: padding, pW: padding, dH: dilation, dW: dilation)
        }
    }

    static let cases = [
        Case(
            channels: 3, height: 32, width: 32, kernel: 3, padding: 1, dilation: 1, strideH: 1, rowStart: 0,
            rowCount: 32),
        Case(
            channels: 5, height: 16, width: 16, kernel: 3, padding: 1, dilation: 1, strideH: 1, rowStart: 3, rowCount: 9
        ),
        Case(
            channels: 4, height: 40, width: 8, kernel: 3, padding: 1, dilation: 1, strideH: 1, rowStart: 0, rowCount: 37
        ),
        Case(
            channels: 2, height: 9, width: 8, kernel: 3, padding: 1, dilation: 1, strideH: 2, rowStart: 1, rowCount: 3),
        Case(
            channels: 3, height: 12, width: 48, kernel: 5, padding: 2, dilation: 1, strideH: 1, rowStart: 2, rowCount: 7
        ),
        Case(
            channels: 2, height: 10, width: 20, kernel: 3, padding: 0, dilation: 2, strideH: 1, rowStart: 0, rowCount: 6
        ),
        Case(
            channels: 7, height: 6, width: 14, kernel: 3, padding: 3, dilation: 2, strideH: 1, rowStart: 1, rowCount: 4),
    ]

    @Test(.enabled(if: SgemmKernel.available), arguments: cases)
    func matchesSwiftIm2col(_ c: Case) throws {
        let g = c.geometry
        var shape = g.cShape
        try #require(cvk_im2col_packed_transposed_supported(&shape) != 0, "geometry must be on the C path")
        let image = (0..<(c.channels * c.height * c.width)).map { Float($0 % 251) - 125 }
        let k = c.rowCount * g.smallW, n = g.rows, np = (n + 31) / 32 * 32, kc = cvk_sgemm_kc(k)
        var columns = [Float](repeating: .nan, count: n * k)
        g.im2col(image, &columns, rowStart: c.rowStart, rowCount: c.rowCount)
        var packed = [Float](repeating: .nan, count: Int(cvk_sgemm_packed_b_count(k, n)))
        cvk_im2col_packed_transposed(image, &shape, c.rowStart, c.rowCount, &packed)
        var mismatches = 0
        for p in 0..<k {
            let pc = p / kc * kc, kb = Swift.min(kc, k - pc)
            for j in 0..<np {
                let got = packed[pc * np + (j / 32) * 32 * kb + (p - pc) * 32 + j % 32]
                let want: Float = j < n ? columns[j * k + p] : 0
                if got.bitPattern != want.bitPattern { mismatches += 1 }
            }
        }
        #expect(mismatches == 0)
    }
}
