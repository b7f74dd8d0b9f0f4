import Foundation
import Optimizers
import TensorCore

/// `CosineAnnealingLR` with torch's recursive update (it differs from the closed form when the lr
/// is changed from outside, and by rounding), continuing past `T_max` as a cosine wave.
public final class CosineAnnealingLR: LRScheduler {
    public var tMax: Int
    public var etaMin: Double

    public init(_ optimizer: Optimizer, tMax: Int, etaMin: Double = 0.0, lastEpoch: Int = -1) {
        self.tMax = tMax
        self.etaMin = etaMin
        super.init(optimizer, lastEpoch: lastEpoch)
    }

    public override func getLR() -> [Double] {
        let t = Double(tMax), e = Double(lastEpoch)
        if isInitial { return currentLRs }
        if stepCount == 1 && lastEpoch > 0 {
            return baseLRs.map { etaMin + ($0 - etaMin) * (1 + cos(e * Double.pi / t)) / 2 }
        }
        if floorMod(lastEpoch - 1 - tMax, 2 * tMax) == 0 {
            return zip(baseLRs, currentLRs).map { base, lr in lr + (base - etaMin) * (1 - cos(Double.pi / t)) / 2 }
        }
        return currentLRs.map {
            (1 + cos(Double.pi * e / t)) / (1 + cos(Double.pi * (e - 1) / t)) * ($0 - etaMin) + etaMin
        }
    }

    public override func closedFormLR() -> [Double]? {
        baseLRs.map { etaMin + ($0 - etaMin) * (1 + cos(Double.pi * Double(lastEpoch) / Double(tMax))) / 2 }
    }

    public override func saveState(into d: inout StateDict) {
        d["T_max"] = .int(Int64(tMax))
        d["eta_min"] = .double(etaMin)
    }
    public override func loadState(from d: StateDict) throws(SchedulerLoadError) {
        tMax = try d.int("T_max")
        etaMin = try d.double("eta_min")
    }
}

/// `CosineAnnealingWarmRestarts` (SGDR): cosine cycles of length T_0, T_0·T_mult, ...; `step(epoch:)`
/// accepts fractional epochs (`epoch + i / iters` inside an epoch).
public final class CosineAnnealingWarmRestarts: LRScheduler {
    public var t0, tMult: Int
    public var tI: Double
    public var etaMin: Double
    public var tCur: Double

    public init(_ optimizer: Optimizer, t0: Int, tMult: Int = 1, etaMin: Double = 0.0, lastEpoch: Int = -1) {
        torchCheck(t0 > 0, "Expected positive integer T_0, but got \(t0)")
        torchCheck(tMult >= 1, "Expected integer T_mult >= 1, but got \(tMult)")
        self.t0 = t0
        self.tI = Double(t0)
        self.tMult = tMult
        self.etaMin = etaMin
        self.tCur = Double(lastEpoch)
        super.init(optimizer, lastEpoch: lastEpoch)
    }

    public override func getLR() -> [Double] {
        baseLRs.map { etaMin + ($0 - etaMin) * (1 + cos(Double.pi * tCur / tI)) / 2 }
    }

    public override func step() { step(epoch: nil) }

    /// torch's `step(epoch)`: no argument advances one epoch; a (fractional) epoch jumps there.
    public func step(epoch: Double?) {
        var epoch = epoch
        if epoch == nil && lastEpoch < 0 { epoch = 0 }
        let e: Double
        if let epoch {
            torchCheck(epoch >= 0, "Expected non-negative epoch, but got \(epoch)")
            e = epoch
            if epoch >= Double(t0) {
                if tMult == 1 {
                    tCur = epoch.truncatingRemainder(dividingBy: Double(t0))
                } else {
                    let m = Double(tMult)
                    let n = Int(log(epoch / Double(t0) * (m - 1) + 1) / log(m))
                    tCur = epoch - Double(t0) * (pow(m, Double(n)) - 1) / (m - 1)
                    tI = Double(t0) * pow(m, Double(n))
                }
            } else {
                tI = Double(t0)
                tCur = epoch
            }
        } else {
            e = Double(lastEpoch + 1)
            tCur += 1
            if tCur >= tI {
                tCur = tCur.truncatingRemainder(dividingBy: tI)
                tI *= Double(tMult)
            }
        }
        lastEpoch = Int(e.rounded(.down))
        for (i, lr) in getLR().enumerated() { optimizer.paramGroups[i].lr = lr }
        lastLR = currentLRs
    }

    public override func saveState(into d: inout StateDict) {
        d["T_0"] = .int(Int64(t0))
        d["T_i"] = tI == tI.rounded() ? .int(Int64(tI)) : .double(tI)
        d["T_mult"] = .int(Int64(tMult))
        d["eta_min"] = .double(etaMin)
        d["T_cur"] = tCur == tCur.rounded() ? .int(Int64(tCur)) : .double(tCur)
    }
    public override func loadState(from d: StateDict) throws(SchedulerLoadError) {
        t0 = try d.int("T_0")
        tI = try d.double("T_i")
        tMult = try d.int("T_mult")
        etaMin = try d.double("eta_min")
        tCur = try d.double("T_cur")
    }
}
