/// torch.isclose / allclose / equal: comparisons that answer "same values?" rather than compute, so they
/// read untracked views of their inputs (nothing to differentiate, no graph to build).

extension Tensor {
    /// `torch.isclose`: |self - other| <= atol + rtol·|other| elementwise (broadcast), equal values
    /// (including same-signed infinities) are close, NaNs only with `equalNan`.
    public func isclose(_ other: Tensor, rtol: Double = 1e-5, atol: Double = 1e-8, equalNan: Bool = false) -> Tensor {
        torchCheck(dtype == other.dtype, "\(dtype.scalarTypeName) did not match \(other.dtype.scalarTypeName)")
        torchCheck(rtol >= 0, "rtol must be greater than or equal to zero, but got \(cppDoubleString(rtol))")
        torchCheck(atol >= 0, "atol must be greater than or equal to zero, but got \(cppDoubleString(atol))")
        let a = untrackedView(), b = other.untrackedView()
        var close = a.eq(b)
        if equalNan && dtype.isFloatingPoint { close = close.logicalOr(a.isnan().logicalAnd(b.isnan())) }
        if rtol == 0 && atol == 0 { return close }
        // Integers and bools measure their error in the default float dtype, so unsigned differences cannot wrap.
        let compute = dtype.isFloatingPoint ? dtype : DType.defaultFloatingPoint
        let x = a.to(compute), y = b.to(compute)
        let allowed = (y * Scalar.double(rtol)).abs() + Scalar.double(atol)
        let actual = (x - y).abs()
        return close.logicalOr(actual.isfinite().logicalAnd(actual.le(allowed)))
    }

    /// `torch.allclose`: every element of `isclose` holds.
    public func allclose(_ other: Tensor, rtol: Double = 1e-5, atol: Double = 1e-8, equalNan: Bool = false) -> Bool {
        isclose(other, rtol: rtol, atol: atol, equalNan: equalNan).all().item(Bool.self)
    }

    /// `torch.equal`: same shape and equal values (compared after type promotion; NaN is never equal).
    public func equal(_ other: Tensor) -> Bool {
        guard sizes == other.sizes else { return false }
        return untrackedView().eq(other.untrackedView()).all().item(Bool.self)
    }
}
