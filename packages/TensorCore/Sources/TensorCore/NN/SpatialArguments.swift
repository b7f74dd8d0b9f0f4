/// The one place convolution and pooling arguments for 1–3 spatial dims are resolved as torch resolves them:
/// int-or-tuple expansion (`_single`/`_pair`/`_triple`, ATen's `expand_param_if_needed`) and the padding modes.
/// Every conv and pool entry — NNOps' kernels, `F`, the `Conv`/`Pool` modules — goes through these.
extension [Int] {
    /// One value per spatial dim: a single value repeats, a tuple must have exactly `count` entries.
    package func expanded(to count: Int, _ name: String) -> [Int] {
        if self.count == 1 { return [Int](repeating: self[0], count: count) }
        torchCheck(
            self.count == count,
            "expected \(name) to be a single integer value or a list of \(count) values to match the convolution dimensions, but got \(name)=\(shapeString(self))"
        )
        return self
    }
}

extension IntOrTuple {
    /// One value per spatial dim (see `[Int].expanded(to:_:)`).
    package func expand(_ count: Int, _ name: String) -> [Int] { values.expanded(to: count, name) }
}

extension ConvPadding {
    /// Each spatial dim's padding before and after, for a kernel of `kernel` sizes. "same" pads a total of
    /// dilation·(kernel − 1) per dim, the odd element after (torch's `_ConvNd` and `conv_padding_same`), and
    /// needs stride 1; "valid" pads nothing; explicit ints pad both sides alike.
    package func beforeAfter(kernel: [Int], stride: [Int], dilation: [Int]) -> (before: [Int], after: [Int]) {
        let spatial = kernel.count
        switch self {
        case .explicit(let p):
            let pads = p.expanded(to: spatial, "padding")
            return (pads, pads)
        case .valid:
            let zeros = [Int](repeating: 0, count: spatial)
            return (zeros, zeros)
        case .same:
            torchCheck(stride.allSatisfy { $0 == 1 }, "padding='same' is not supported for strided convolutions")
            let totals = (0..<spatial).map { dilation[$0] * (kernel[$0] - 1) }
            return (totals.map { $0 / 2 }, totals.map { $0 - $0 / 2 })
        }
    }
}
