/// Cases where we still differ from torch, each with the reason: the sweep expects them to fail (a trap or
/// a mismatch) and reports one that passes, so the list only shrinks. Each is open work of the
/// differential-parity issue.
enum SweepKnownGaps {
    static let ints = ["int8", "uint8", "int16", "int32", "int64"]

    static let reasons: [String: String] = {
        var gaps: [String: String] = [:]
        gaps["conv_transpose1d[int64]"] = "integer transposed convolution is not implemented"
        gaps["conv_transpose2d[int64]"] = "integer transposed convolution is not implemented"
        gaps["avg_pool3d[int64]"] = "int64 3-D average pooling is not implemented"
        gaps["logspace[uint8]"] =
            "torch's uint8 logspace gives [0, 0, 0, 0, 100] for 10^[-1, 2] (its unsigned exponent arithmetic)"
        gaps["interpolate[uint8]"] =
            "torch's uint8 bilinear resize (integer weights, torchvision's path) is not implemented"
        return gaps
    }()
}
