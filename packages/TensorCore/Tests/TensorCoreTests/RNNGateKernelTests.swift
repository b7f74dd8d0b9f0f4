import Testing

@testable import TensorCore

/// The LSTM gate kernels over row blocks (C AVX2/AVX-512 for float32 on this CPU) against the Swift
/// one-row reference: the backward's formulas are evaluated in the same order, so it agrees exactly; the
/// forward's exp polynomial uses FMA in C, so it agrees to rounding. Hidden sizes cover tails of both
/// vector widths (5, 21) and whole vectors (64).
@Suite struct RNNGateKernelTests {
    /// A float buffer the kernels write through raw pointers.
    final class Buffer {
        let p: UnsafeMutablePointer<Float>, count: Int
        init(_ values: [Float]) {
            count = values.count
            p = .allocate(capacity: max(count, 1))
            p.initialize(from: values, count: count)
        }
        convenience init(zeros count: Int) { self.init([Float](repeating: 0, count: count)) }
        var array: [Float] { Array(UnsafeBufferPointer(start: p, count: count)) }
        deinit { p.deallocate() }
    }

    static func values(_ count: Int, seed: Int, scale: Float) -> [Float] {
        (0..<count).map { k in scale * Float((k * 37 + seed * 11) % 97 - 48) / 48 }
    }

    /// A few ulp of the O(1) terms: c' = f·c + i·g can cancel, so its ulps are not the measure.
    static func close(_ a: Float, _ b: Float) -> Bool { abs(a - b) <= 4 * max(a.ulp, b.ulp, Float(1).ulp) }

    @Test(arguments: [5, 21, 64]) func lstmForwardRowsMatchSwiftRows(_ h: Int) {
        let rows = 3
        // Pre-activations up to ±6 reach the saturated ranges; one is beyond exp's fast range (libm lanes).
        var giValues = Self.values(rows * 4 * h, seed: 1, scale: 6)
        giValues[2] = -120
        let gi = Buffer(giValues), gh = Buffer(Self.values(rows * 4 * h, seed: 2, scale: 1))
        let bias = Buffer(Self.values(4 * h, seed: 3, scale: 0.5)),
            cx = Buffer(Self.values(rows * h, seed: 4, scale: 2))
        for useBias in [false, true] {
            let b = useBias ? UnsafePointer(bias.p) : nil
            let hy = Buffer(zeros: rows * h), cy = Buffer(zeros: rows * h), ws = Buffer(zeros: rows * 5 * h)
            let hyRef = Buffer(zeros: rows * h), cyRef = Buffer(zeros: rows * h), wsRef = Buffer(zeros: rows * 5 * h)
            RNNGates.lstmForward(
                rows: rows, hidden: h, gi: gi.p, gh: gh.p, bias: b, cx: cx.p, hy: hy.p, cy: cy.p, ws: ws.p)
            for r in 0..<rows {
                RNNGates.lstmForward(
                    hidden: h, gi: gi.p + r * 4 * h, gh: gh.p + r * 4 * h, bias: b, cx: cx.p + r * h,
                    hy: hyRef.p + r * h, cy: cyRef.p + r * h, ws: wsRef.p + r * 5 * h)
            }
            for (k, (a, e)) in zip(hy.array + cy.array + ws.array, hyRef.array + cyRef.array + wsRef.array).enumerated()
            {
                #expect(Self.close(a, e), "hidden \(h), bias \(useBias): \(a) vs \(e) at \(k)")
            }
        }
    }

    @Test(arguments: [5, 21, 64]) func lstmBackwardRowsMatchSwiftRows(_ h: Int) {
        let rows = 3
        let ws = Buffer(Self.values(rows * 5 * h, seed: 5, scale: 1)),
            cx = Buffer(Self.values(rows * h, seed: 6, scale: 2))
        let dhy = Buffer(Self.values(rows * h, seed: 7, scale: 1)),
            dcy = Buffer(Self.values(rows * h, seed: 8, scale: 1))
        for (withDh, withDc) in [(true, true), (true, false), (false, true)] {
            let dh = withDh ? UnsafePointer(dhy.p) : nil, dcIn = withDc ? UnsafePointer(dcy.p) : nil
            let dg = Buffer(zeros: rows * 4 * h), dc = Buffer(zeros: rows * h)
            let dgRef = Buffer(zeros: rows * 4 * h), dcRef = Buffer(zeros: rows * h)
            RNNGates.lstmBackward(
                rows: rows, hidden: h, dhy: dh, dcy: dcIn, cx: cx.p, ws: ws.p, dgates: dg.p, dcx: dc.p)
            for r in 0..<rows {
                RNNGates.lstmBackward(
                    hidden: h, dhy: dh.map { $0 + r * h }, dcy: dcIn.map { $0 + r * h }, cx: cx.p + r * h,
                    ws: ws.p + r * 5 * h, dgates: dgRef.p + r * 4 * h, dcx: dcRef.p + r * h)
            }
            #expect(dg.array == dgRef.array && dc.array == dcRef.array, "hidden \(h), dh \(withDh), dc \(withDc)")
        }
        // dc' and dc may share a buffer (the layer's backward updates its running dc in place).
        let dg = Buffer(zeros: rows * 4 * h), dgRef = Buffer(zeros: rows * 4 * h), dcRef = Buffer(zeros: rows * h)
        let running = Buffer(dcy.array)
        RNNGates.lstmBackward(
            rows: rows, hidden: h, dhy: dhy.p, dcy: dcy.p, cx: cx.p, ws: ws.p, dgates: dgRef.p, dcx: dcRef.p)
        RNNGates.lstmBackward(
            rows: rows, hidden: h, dhy: dhy.p, dcy: running.p, cx: cx.p, ws: ws.p, dgates: dg.p, dcx: running.p)
        #expect(dg.array == dgRef.array && running.array == dcRef.array)
    }
}
