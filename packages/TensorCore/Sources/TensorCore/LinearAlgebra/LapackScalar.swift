import CLAPACKE

/// The LAPACKE routines linalg uses, for Float and Double. Every call passes column-major buffers:
/// the kernels copy each input matrix transposed-contiguous (`mT().clone()`), which is exactly LAPACK's
/// layout, and hand results back as `mT` views — the Fortran-ordered strides torch's linalg returns too.
protocol LapackScalar: BlasScalar {
    static func getrf(
        _ m: Int, _ n: Int, _ a: UnsafeMutablePointer<Self>, _ lda: Int, _ ipiv: UnsafeMutablePointer<Int32>
    ) -> Int
    static func getri(_ n: Int, _ a: UnsafeMutablePointer<Self>, _ lda: Int, _ ipiv: UnsafePointer<Int32>) -> Int
    static func getrs(
        _ n: Int, _ nrhs: Int, _ a: UnsafePointer<Self>, _ lda: Int, _ ipiv: UnsafePointer<Int32>,
        _ b: UnsafeMutablePointer<Self>, _ ldb: Int
    ) -> Int
    static func potrf(_ uplo: CChar, _ n: Int, _ a: UnsafeMutablePointer<Self>, _ lda: Int) -> Int
    static func geqrf(
        _ m: Int, _ n: Int, _ a: UnsafeMutablePointer<Self>, _ lda: Int, _ tau: UnsafeMutablePointer<Self>
    ) -> Int
    static func orgqr(
        _ m: Int, _ n: Int, _ k: Int, _ a: UnsafeMutablePointer<Self>, _ lda: Int, _ tau: UnsafePointer<Self>
    ) -> Int
    static func gesdd(
        _ jobz: CChar, _ m: Int, _ n: Int, _ a: UnsafeMutablePointer<Self>, _ lda: Int, _ s: UnsafeMutablePointer<Self>,
        _ u: UnsafeMutablePointer<Self>?, _ ldu: Int, _ vt: UnsafeMutablePointer<Self>?, _ ldvt: Int
    ) -> Int
    static func syevd(
        _ jobz: CChar, _ uplo: CChar, _ n: Int, _ a: UnsafeMutablePointer<Self>, _ lda: Int,
        _ w: UnsafeMutablePointer<Self>
    ) -> Int
    static func gelsy(
        _ m: Int, _ n: Int, _ nrhs: Int, _ a: UnsafeMutablePointer<Self>, _ lda: Int, _ b: UnsafeMutablePointer<Self>,
        _ ldb: Int, _ jpvt: UnsafeMutablePointer<Int32>, _ rcond: Self, _ rank: UnsafeMutablePointer<Int32>
    ) -> Int
}

private let colMajor = Int32(LAPACK_COL_MAJOR)
@inline(__always) private func li(_ x: Int) -> Int32 { Int32(x) }

extension Float: LapackScalar {
    static func getrf(
        _ m: Int, _ n: Int, _ a: UnsafeMutablePointer<Float>, _ lda: Int, _ ipiv: UnsafeMutablePointer<Int32>
    ) -> Int {
        Int(LAPACKE_sgetrf(colMajor, li(m), li(n), a, li(lda), ipiv))
    }
    static func getri(_ n: Int, _ a: UnsafeMutablePointer<Float>, _ lda: Int, _ ipiv: UnsafePointer<Int32>) -> Int {
        Int(LAPACKE_sgetri(colMajor, li(n), a, li(lda), ipiv))
    }
    static func getrs(
        _ n: Int, _ nrhs: Int, _ a: UnsafePointer<Float>, _ lda: Int, _ ipiv: UnsafePointer<Int32>,
        _ b: UnsafeMutablePointer<Float>, _ ldb: Int
    ) -> Int {
        Int(LAPACKE_sgetrs(colMajor, CChar(UInt8(ascii: "N")), li(n), li(nrhs), a, li(lda), ipiv, b, li(ldb)))
    }
    static func potrf(_ uplo: CChar, _ n: Int, _ a: UnsafeMutablePointer<Float>, _ lda: Int) -> Int {
        Int(LAPACKE_spotrf(colMajor, uplo, li(n), a, li(lda)))
    }
    static func geqrf(
        _ m: Int, _ n: Int, _ a: UnsafeMutablePointer<Float>, _ lda: Int, _ tau: UnsafeMutablePointer<Float>
    ) -> Int {
        Int(LAPACKE_sgeqrf(colMajor, li(m), li(n), a, li(lda), tau))
    }
    static func orgqr(
        _ m: Int, _ n: Int, _ k: Int, _ a: UnsafeMutablePointer<Float>, _ lda: Int, _ tau: UnsafePointer<Float>
    ) -> Int {
        Int(LAPACKE_sorgqr(colMajor, li(m), li(n), li(k), a, li(lda), tau))
    }
    static func gesdd(
        _ jobz: CChar, _ m: Int, _ n: Int, _ a: UnsafeMutablePointer<Float>, _ lda: Int,
        _ s: UnsafeMutablePointer<Float>,
        _ u: UnsafeMutablePointer<Float>?, _ ldu: Int, _ vt: UnsafeMutablePointer<Float>?, _ ldvt: Int
    ) -> Int {
        Int(LAPACKE_sgesdd(colMajor, jobz, li(m), li(n), a, li(lda), s, u, li(ldu), vt, li(ldvt)))
    }
    static func syevd(
        _ jobz: CChar, _ uplo: CChar, _ n: Int, _ a: UnsafeMutablePointer<Float>, _ lda: Int,
        _ w: UnsafeMutablePointer<Float>
    ) -> Int {
        Int(LAPACKE_ssyevd(colMajor, jobz, uplo, li(n), a, li(lda), w))
    }
    static func gelsy(
        _ m: Int, _ n: Int, _ nrhs: Int, _ a: UnsafeMutablePointer<Float>, _ lda: Int, _ b: UnsafeMutablePointer<Float>,
        _ ldb: Int, _ jpvt: UnsafeMutablePointer<Int32>, _ rcond: Float, _ rank: UnsafeMutablePointer<Int32>
    ) -> Int {
        Int(LAPACKE_sgelsy(colMajor, li(m), li(n), li(nrhs), a, li(lda), b, li(ldb), jpvt, rcond, rank))
    }
}

extension Double: LapackScalar {
    static func getrf(
        _ m: Int, _ n: Int, _ a: UnsafeMutablePointer<Double>, _ lda: Int, _ ipiv: UnsafeMutablePointer<Int32>
    ) -> Int {
        Int(LAPACKE_dgetrf(colMajor, li(m), li(n), a, li(lda), ipiv))
    }
    static func getri(_ n: Int, _ a: UnsafeMutablePointer<Double>, _ lda: Int, _ ipiv: UnsafePointer<Int32>) -> Int {
        Int(LAPACKE_dgetri(colMajor, li(n), a, li(lda), ipiv))
    }
    static func getrs(
        _ n: Int, _ nrhs: Int, _ a: UnsafePointer<Double>, _ lda: Int, _ ipiv: UnsafePointer<Int32>,
        _ b: UnsafeMutablePointer<Double>, _ ldb: Int
    ) -> Int {
        Int(LAPACKE_dgetrs(colMajor, CChar(UInt8(ascii: "N")), li(n), li(nrhs), a, li(lda), ipiv, b, li(ldb)))
    }
    static func potrf(_ uplo: CChar, _ n: Int, _ a: UnsafeMutablePointer<Double>, _ lda: Int) -> Int {
        Int(LAPACKE_dpotrf(colMajor, uplo, li(n), a, li(lda)))
    }
    static func geqrf(
        _ m: Int, _ n: Int, _ a: UnsafeMutablePointer<Double>, _ lda: Int, _ tau: UnsafeMutablePointer<Double>
    ) -> Int {
        Int(LAPACKE_dgeqrf(colMajor, li(m), li(n), a, li(lda), tau))
    }
    static func orgqr(
        _ m: Int, _ n: Int, _ k: Int, _ a: UnsafeMutablePointer<Double>, _ lda: Int, _ tau: UnsafePointer<Double>
    ) -> Int {
        Int(LAPACKE_dorgqr(colMajor, li(m), li(n), li(k), a, li(lda), tau))
    }
    static func gesdd(
        _ jobz: CChar, _ m: Int, _ n: Int, _ a: UnsafeMutablePointer<Double>, _ lda: Int,
        _ s: UnsafeMutablePointer<Double>,
        _ u: UnsafeMutablePointer<Double>?, _ ldu: Int, _ vt: UnsafeMutablePointer<Double>?, _ ldvt: Int
    ) -> Int {
        Int(LAPACKE_dgesdd(colMajor, jobz, li(m), li(n), a, li(lda), s, u, li(ldu), vt, li(ldvt)))
    }
    static func syevd(
        _ jobz: CChar, _ uplo: CChar, _ n: Int, _ a: UnsafeMutablePointer<Double>, _ lda: Int,
        _ w: UnsafeMutablePointer<Double>
    ) -> Int {
        Int(LAPACKE_dsyevd(colMajor, jobz, uplo, li(n), a, li(lda), w))
    }
    static func gelsy(
        _ m: Int, _ n: Int, _ nrhs: Int, _ a: UnsafeMutablePointer<Double>, _ lda: Int,
        _ b: UnsafeMutablePointer<Double>,
        _ ldb: Int, _ jpvt: UnsafeMutablePointer<Int32>, _ rcond: Double, _ rank: UnsafeMutablePointer<Int32>
    ) -> Int {
        Int(LAPACKE_dgelsy(colMajor, li(m), li(n), li(nrhs), a, li(lda), b, li(ldb), jpvt, rcond, rank))
    }
}

@inline(__always) func laChar(_ c: Character) -> CChar { CChar(bitPattern: c.asciiValue!) }
