import CVectorKernels
import Foundation

/// The element math of the fused RNN cells, one batch row at a time, forward and backward. Rows are
/// laid out as torch's gate order within [B, gates·H]: LSTM i, f, g, o; GRU r, z, n. The forward kernels
/// write a per-row workspace the backward reads instead of recomputing activations:
/// LSTM [i, f, g, o, tanh(c')] (5H), GRU [r, z, n, W_hn·h + b_hn] (4H). Float32 runs eight lanes through
/// VectorMath (the same sigmoid/tanh as the unary ops, so fused and composed cells agree); float64 uses libm.
protocol RNNGateFloat: NNFloat, SIMDScalar, Codable {
    static func sigmoid8(_ x: SIMD8<Self>) -> SIMD8<Self>
    static func tanh8(_ x: SIMD8<Self>) -> SIMD8<Self>
}

extension Float: RNNGateFloat {
    @inline(__always) static func sigmoid8(_ x: SIMD8<Float>) -> SIMD8<Float> { VectorMath.sigmoid(x) }
    @inline(__always) static func tanh8(_ x: SIMD8<Float>) -> SIMD8<Float> { VectorMath.tanh(x) }
}

extension Double: RNNGateFloat {
    @inline(__always) static func sigmoid8(_ x: SIMD8<Double>) -> SIMD8<Double> {
        var r = SIMD8<Double>()
        for k in 0..<8 { r[k] = 1 / (1 + Foundation.exp(-x[k])) }
        return r
    }
    @inline(__always) static func tanh8(_ x: SIMD8<Double>) -> SIMD8<Double> {
        var r = SIMD8<Double>()
        for k in 0..<8 { r[k] = Foundation.tanh(x[k]) }
        return r
    }
}

/// Eight lanes from `p`, zero-padded past `count` (the tail of a row whose width is not a multiple of 8).
@inline(__always) func rnnLoad<T: RNNGateFloat>(_ p: UnsafePointer<T>, _ count: Int) -> SIMD8<T> {
    if count >= 8 { return UnsafeRawPointer(p).loadUnaligned(as: SIMD8<T>.self) }
    var v = SIMD8<T>()
    for k in 0..<count { v[k] = p[k] }
    return v
}

@inline(__always) func rnnStore<T: RNNGateFloat>(_ v: SIMD8<T>, _ p: UnsafeMutablePointer<T>, _ count: Int) {
    if count >= 8 {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<T>.self)
    } else {
        for k in 0..<count { p[k] = v[k] }
    }
}

/// The pointers of one batch row (each already offset to that row).
struct RNNRow<T: RNNGateFloat> {
    let hidden: Int
    /// Visits column blocks [j, j + 8) of a row of width `hidden`: (j, lanes valid).
    @inline(__always) func blocks(_ body: (Int, Int) -> Void) {
        var j = 0
        while j < hidden {
            body(j, min(8, hidden - j))
            j += 8
        }
    }
}

enum RNNGates {
    /// LSTM over `rows` consecutive rows: gates = gi + (gh + bias) (bias [4H] broadcast over the rows, nil:
    /// none); c' = f·c + i·g; h' = o·tanh(c'). Float32 runs the AVX2/AVX-512 C kernel where the CPU has it.
    static func lstmForward<T: RNNGateFloat>(
        rows: Int, hidden h: Int, gi: UnsafePointer<T>, gh: UnsafePointer<T>, bias: UnsafePointer<T>?,
        cx: UnsafePointer<T>, hy: UnsafeMutablePointer<T>, cy: UnsafeMutablePointer<T>, ws: UnsafeMutablePointer<T>
    ) {
        if T.self == Float.self && VectorKernels.avx2 {
            return cvk_lstm_forward_f32(
                rows, h, floatPointer(gi), floatPointer(gh), bias.map(floatPointer), floatPointer(cx),
                floatPointer(hy), floatPointer(cy), floatPointer(ws))
        }
        for b in 0..<rows {
            lstmForward(
                hidden: h, gi: gi + b * 4 * h, gh: gh + b * 4 * h, bias: bias, cx: cx + b * h, hy: hy + b * h,
                cy: cy + b * h, ws: ws + b * 5 * h)
        }
    }

    /// One row of the LSTM forward (the reference the C kernel follows operation for operation).
    @inline(__always)
    static func lstmForward<T: RNNGateFloat>(
        hidden h: Int, gi: UnsafePointer<T>, gh: UnsafePointer<T>, bias: UnsafePointer<T>?, cx: UnsafePointer<T>,
        hy: UnsafeMutablePointer<T>, cy: UnsafeMutablePointer<T>, ws: UnsafeMutablePointer<T>
    ) {
        RNNRow<T>(hidden: h).blocks { j, n in
            @inline(__always) func pre(_ k: Int) -> SIMD8<T> {
                let hidden = rnnLoad(gh + k * h + j, n)
                return rnnLoad(gi + k * h + j, n) + (bias.map { hidden + rnnLoad($0 + k * h + j, n) } ?? hidden)
            }
            let i = T.sigmoid8(pre(0)), f = T.sigmoid8(pre(1)), g = T.tanh8(pre(2)), o = T.sigmoid8(pre(3))
            let c = f * rnnLoad(cx + j, n) + i * g
            let tc = T.tanh8(c)
            rnnStore(c, cy + j, n)
            rnnStore(o * tc, hy + j, n)
            rnnStore(i, ws + j, n)
            rnnStore(f, ws + h + j, n)
            rnnStore(g, ws + 2 * h + j, n)
            rnnStore(o, ws + 3 * h + j, n)
            rnnStore(tc, ws + 4 * h + j, n)
        }
    }

    /// The LSTM backward over `rows` consecutive rows (see the one-row version); dcx may alias dcy.
    static func lstmBackward<T: RNNGateFloat>(
        rows: Int, hidden h: Int, dhy: UnsafePointer<T>?, dcy: UnsafePointer<T>?, cx: UnsafePointer<T>,
        ws: UnsafePointer<T>, dgates: UnsafeMutablePointer<T>, dcx: UnsafeMutablePointer<T>
    ) {
        if T.self == Float.self && VectorKernels.avx2 {
            return cvk_lstm_backward_f32(
                rows, h, dhy.map(floatPointer), dcy.map(floatPointer), floatPointer(cx), floatPointer(ws),
                floatPointer(dgates), floatPointer(dcx))
        }
        for b in 0..<rows {
            lstmBackward(
                hidden: h, dhy: dhy.map { $0 + b * h }, dcy: dcy.map { $0 + b * h }, cx: cx + b * h,
                ws: ws + b * 5 * h, dgates: dgates + b * 4 * h, dcx: dcx + b * h)
        }
    }

    /// From dh', dc' (either may be nil: zero): d(gates) (4H) and dc (H).
    @inline(__always)
    static func lstmBackward<T: RNNGateFloat>(
        hidden h: Int, dhy: UnsafePointer<T>?, dcy: UnsafePointer<T>?, cx: UnsafePointer<T>, ws: UnsafePointer<T>,
        dgates: UnsafeMutablePointer<T>, dcx: UnsafeMutablePointer<T>
    ) {
        let one = SIMD8<T>(repeating: 1)
        RNNRow<T>(hidden: h).blocks { j, n in
            let i = rnnLoad(ws + j, n), f = rnnLoad(ws + h + j, n), g = rnnLoad(ws + 2 * h + j, n)
            let o = rnnLoad(ws + 3 * h + j, n), tc = rnnLoad(ws + 4 * h + j, n)
            let dh = dhy.map { rnnLoad($0 + j, n) } ?? SIMD8<T>()
            var dc = dcy.map { rnnLoad($0 + j, n) } ?? SIMD8<T>()
            dc += dh * o * (one - tc * tc)
            rnnStore(dc * g * (i * (one - i)), dgates + j, n)
            rnnStore(dc * rnnLoad(cx + j, n) * (f * (one - f)), dgates + h + j, n)
            rnnStore(dc * i * (one - g * g), dgates + 2 * h + j, n)
            rnnStore(dh * tc * (o * (one - o)), dgates + 3 * h + j, n)
            rnnStore(dc * f, dcx + j, n)
        }
    }

    /// GRU: r = σ(gi_r + gh_r), z = σ(gi_z + gh_z), n = tanh(gi_n + r·gh_n), h' = n + z·(h − n).
    @inline(__always)
    static func gruForward<T: RNNGateFloat>(
        hidden h: Int, gi: UnsafePointer<T>, gh: UnsafePointer<T>, hx: UnsafePointer<T>,
        hy: UnsafeMutablePointer<T>, ws: UnsafeMutablePointer<T>?
    ) {
        RNNRow<T>(hidden: h).blocks { j, n in
            let r = T.sigmoid8(rnnLoad(gi + j, n) + rnnLoad(gh + j, n))
            let z = T.sigmoid8(rnnLoad(gi + h + j, n) + rnnLoad(gh + h + j, n))
            let hn = rnnLoad(gh + 2 * h + j, n)
            let nn = T.tanh8(rnnLoad(gi + 2 * h + j, n) + r * hn)
            rnnStore(nn + z * (rnnLoad(hx + j, n) - nn), hy + j, n)
            if let ws {
                rnnStore(r, ws + j, n)
                rnnStore(z, ws + h + j, n)
                rnnStore(nn, ws + 2 * h + j, n)
                rnnStore(hn, ws + 3 * h + j, n)
            }
        }
    }

    /// From dh': d(gi) (3H), d(gh) (3H, the n block scaled by r) and the direct part of dh (dh'·z).
    @inline(__always)
    static func gruBackward<T: RNNGateFloat>(
        hidden h: Int, dhy: UnsafePointer<T>, hx: UnsafePointer<T>, ws: UnsafePointer<T>,
        dgi: UnsafeMutablePointer<T>, dgh: UnsafeMutablePointer<T>, dhx: UnsafeMutablePointer<T>
    ) {
        let one = SIMD8<T>(repeating: 1)
        RNNRow<T>(hidden: h).blocks { j, n in
            let r = rnnLoad(ws + j, n), z = rnnLoad(ws + h + j, n), nn = rnnLoad(ws + 2 * h + j, n)
            let hn = rnnLoad(ws + 3 * h + j, n), dh = rnnLoad(dhy + j, n)
            let dz = dh * (rnnLoad(hx + j, n) - nn) * (z * (one - z))
            let dn = dh * (one - z) * (one - nn * nn)
            let dr = dn * hn * (r * (one - r))
            rnnStore(dr, dgi + j, n)
            rnnStore(dz, dgi + h + j, n)
            rnnStore(dn, dgi + 2 * h + j, n)
            rnnStore(dr, dgh + j, n)
            rnnStore(dz, dgh + h + j, n)
            rnnStore(dn * r, dgh + 2 * h + j, n)
            rnnStore(dh * z, dhx + j, n)
        }
    }

    /// Elman RNN: h' = tanh(gi + gh) or relu(gi + gh).
    @inline(__always)
    static func simpleForward<T: RNNGateFloat>(
        hidden h: Int, relu: Bool, gi: UnsafePointer<T>, gh: UnsafePointer<T>, hy: UnsafeMutablePointer<T>
    ) {
        RNNRow<T>(hidden: h).blocks { j, n in
            let x = rnnLoad(gi + j, n) + rnnLoad(gh + j, n)
            rnnStore(relu ? x.replacing(with: 0, where: x .< 0) : T.tanh8(x), hy + j, n)
        }
    }

    /// d(pre-activation) from dh' and h' (tanh: 1 − h'², relu: h' > 0).
    @inline(__always)
    static func simpleBackward<T: RNNGateFloat>(
        hidden h: Int, relu: Bool, dhy: UnsafePointer<T>, hy: UnsafePointer<T>, dgates: UnsafeMutablePointer<T>
    ) {
        let one = SIMD8<T>(repeating: 1)
        RNNRow<T>(hidden: h).blocks { j, n in
            let y = rnnLoad(hy + j, n), dh = rnnLoad(dhy + j, n)
            rnnStore(relu ? dh.replacing(with: 0, where: y .<= 0) : dh * (one - y * y), dgates + j, n)
        }
    }
}
