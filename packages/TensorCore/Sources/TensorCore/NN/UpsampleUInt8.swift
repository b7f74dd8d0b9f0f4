import Foundation

/// uint8 bilinear resize as torch's CPU computes it (the integer path torchvision relies on; UpSampleKernel.cpp's
/// separable uint8 kernel and its AVX2 twin compute the same integers): per axis, two weights per output in
/// double, folded where the taps leave the image, scaled to int16 with the largest precision that keeps the
/// largest weight below 2^15; each output sums pixel × weight in int32 from a half-unit bias, shifts back and
/// clamps to [0, 255]. The width pass runs first into a uint8 image, then the height pass; an axis whose size
/// does not change is not resampled.
extension NNOps {
    static func upsampleBilinear2dUInt8(_ input: Tensor, outputSize: [Int], alignCorners: Bool, scales: [Double?])
        -> Tensor
    {
        let (inH, inW) = (input.size(-2), input.size(-1))
        var x = input.contiguous()
        if outputSize[1] != inW {
            x = resampleLastAxis(
                x, UInt8AxisWeights(inSize: inW, outSize: outputSize[1], alignCorners: alignCorners, scale: scales[1]))
        }
        if outputSize[0] != inH {
            let weights = UInt8AxisWeights(
                inSize: inH, outSize: outputSize[0], alignCorners: alignCorners, scale: scales[0])
            x = resampleLastAxis(x.transpose(-1, -2).contiguous(), weights).transpose(-1, -2).contiguous()
        }
        return x
    }

    /// Every row of contiguous `x` resampled along its last axis.
    private static func resampleLastAxis(_ x: Tensor, _ w: UInt8AxisWeights) -> Tensor {
        let inSize = x.size(-1), outSize = w.start.count
        let out = Tensor(uninitializedShape: Array(x.sizes.dropLast()) + [outSize], dtype: .uint8)
        let rows = x.numel / Swift.max(inSize, 1)
        let src = x.pointer(UInt8.self), dst = out.mutablePointer(UInt8.self)
        let bias = Int32(1) << (w.precision - 1)
        for row in 0..<rows {
            let line = src + row * inSize
            for o in 0..<outSize {
                var sum = bias
                for j in 0..<w.count[o] { sum += Int32(line[w.start[o] + j]) * w.weights[2 * o + j] }
                dst[row * outSize + o] = UInt8(Swift.min(Swift.max(sum >> w.precision, 0), 255))
            }
        }
        return out
    }
}

/// One axis's taps: first input index, number of taps (at most 2) and int16-range weights, with their precision.
private struct UInt8AxisWeights {
    var start: [Int] = [], count: [Int] = [], weights: [Int32] = []
    var precision = 0

    init(inSize: Int, outSize: Int, alignCorners: Bool, scale: Double?) {
        let ratio: Double =
            alignCorners
            ? (outSize > 1 ? Double(inSize - 1) / Double(outSize - 1) : 0)
            : ((scale ?? 0) > 0 ? 1 / scale! : Double(inSize) / Double(outSize))
        var real: [Double] = []
        var largest = 0.0
        for o in 0..<outSize {
            let source = alignCorners ? ratio * Double(o) : Swift.max(ratio * (Double(o) + 0.5) - 0.5, 0)
            // torch floors in float (floorf) and clamps the fraction to [0, 1].
            let index = Swift.min(Int(Float(source).rounded(.down)), inSize - 1)
            let lambda = Swift.min(Swift.max(source - Double(index), 0), 1)
            let first = Swift.max(index, 0)
            let taps = Swift.min(Swift.max(Swift.min(index + 2, inSize) - first, 0), 2)
            // The triangle filter at distances -λ and 1-λ; a tap outside the image adds to the edge pixel's weight.
            var w = [0.0, 0.0]
            var slot = 0
            for j in 0..<2 {
                let distance = abs(Double(j) - lambda)
                if index + j <= 0 { slot = 0 } else if index + j >= inSize - 1 { slot = taps - 1 }
                w[slot] += distance < 1 ? 1 - distance : 0
                largest = Swift.max(largest, w[slot])
                slot += 1
            }
            start.append(first)
            count.append(taps)
            real += w
        }
        // The largest precision (below 22) at which the largest weight, doubled, still fits in 15 bits.
        while precision < 22 && Int(0.5 + largest * Double(1 << (precision + 1))) < 1 << 15 { precision += 1 }
        let unit = Double(1 << precision)
        weights = real.map { v in
            Int32(v * unit < 0 ? (v * unit - 0.5).rounded(.towardZero) : (v * unit + 0.5).rounded(.towardZero))
        }
    }
}
