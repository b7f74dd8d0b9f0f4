import Foundation
import Optimizers
import TensorCore

/// `CosineAnnealingLR` with torch's recursive update (it differs from the closed form when the lr
/// is changed from outside, and by rounding), continuing past `T_max` as a cosine wave.
public final class CosineAnnealingLR: LRScheduler {
    /// Half the cosine period in epochs: the lr reaches `etaMin` at `tMax`
    /// (PyTorch: `torch.optim.lr_scheduler.CosineAnnealingLR.T_max`).
    public var tMax: Int
    /// The lowest lr (PyTorch: `torch.optim.lr_scheduler.CosineAnnealingLR.eta_min`).
    public var etaMin: Double

    /// PyTorch: `torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max, eta_min=0.0, last_epoch=-1)`.
    public init(_ optimizer: Optimizer, tMax: Int, etaMin: Double = 0.0, lastEpoch: Int = -1) {
        self.tMax = tMax
        self.etaMin = etaMin
        super.init(optimizer, lastEpoch: lastEpoch)
    }

    /// torch's recursive update: the ratio of consecutive cosine factors applied to the current lr, with an
    /// additive step just past each minimum, where that ratio would divide by zero
    /// (PyTorch: `torch.optim.lr_scheduler.CosineAnnealingLR.get_lr`).
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

    /// `eta_min + (base_lr - eta_min) * (1 + cos(pi * last_epoch / T_max)) / 2`
    /// (PyTorch: `torch.optim.lr_scheduler.CosineAnnealingLR._get_closed_form_lr`).
    public override func closedFormLR() -> [Double]? {
        baseLRs.map { etaMin + ($0 - etaMin) * (1 + cos(Double.pi * Double(lastEpoch) / Double(tMax))) / 2 }
    }

    /// Adds `T_max` and `eta_min` (PyTorch: their entries in `torch.optim.lr_scheduler.CosineAnnealingLR.state_dict`).
    public override func saveState(into d: inout StateDict) {
        d["T_max"] = .int(Int64(tMax))
        d["eta_min"] = .double(etaMin)
    }
    /// Reads `T_max` and `eta_min` back (PyTorch: `torch.optim.lr_scheduler.CosineAnnealingLR.load_state_dict`).
    public override func loadState(from d: StateDict) throws(SchedulerLoadError) {
        tMax = try d.int("T_max")
        etaMin = try d.double("eta_min")
    }
}

/// `CosineAnnealingWarmRestarts` (SGDR): cosine cycles of length T_0, T_0·T_mult, ...; `step(epoch:)`
/// accepts fractional epochs (`epoch + i / iters` inside an epoch).
/// PyTorch: `torch.optim.lr_scheduler.CosineAnnealingWarmRestarts`.
public final class CosineAnnealingWarmRestarts: LRScheduler {
    /// The first cycle's length in epochs, and the factor each later cycle's length grows by
    /// (PyTorch: `torch.optim.lr_scheduler.CosineAnnealingWarmRestarts.T_0`, `T_mult`).
    public var t0, tMult: Int
    /// The current cycle's length (PyTorch: `torch.optim.lr_scheduler.CosineAnnealingWarmRestarts.T_i`).
    public var tI: Double
    /// The lowest lr, approached at the end of each cycle
    /// (PyTorch: `torch.optim.lr_scheduler.CosineAnnealingWarmRestarts.eta_min`).
    public var etaMin: Double
    /// Epochs since the last restart, fractional after a fractional `step(epoch:)`
    /// (PyTorch: `torch.optim.lr_scheduler.CosineAnnealingWarmRestarts.T_cur`).
    public var tCur: Double

    /// Starts the first cycle; `t0` must be positive and `tMult` at least 1
    /// (PyTorch: `torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(optimizer, T_0, T_mult=1, eta_min=0.0)`).
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

    /// The closed form within the current cycle, `eta_min + (base_lr - eta_min) * (1 + cos(pi * T_cur / T_i)) / 2`
    /// (PyTorch: `torch.optim.lr_scheduler.CosineAnnealingWarmRestarts.get_lr`).
    public override func getLR() -> [Double] {
        baseLRs.map { etaMin + ($0 - etaMin) * (1 + cos(Double.pi * tCur / tI)) / 2 }
    }

    /// Advances one epoch, `step(epoch: nil)` (PyTorch: `torch.optim.lr_scheduler.CosineAnnealingWarmRestarts.step()`).
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

    /// Adds `T_0`, `T_i`, `T_mult`, `eta_min` and `T_cur`, whole values as ints as Python keeps them
    /// (PyTorch: their entries in `torch.optim.lr_scheduler.CosineAnnealingWarmRestarts.state_dict`).
    public override func saveState(into d: inout StateDict) {
        d["T_0"] = .int(Int64(t0))
        d["T_i"] = tI == tI.rounded() ? .int(Int64(tI)) : .double(tI)
        d["T_mult"] = .int(Int64(tMult))
        d["eta_min"] = .double(etaMin)
        d["T_cur"] = tCur == tCur.rounded() ? .int(Int64(tCur)) : .double(tCur)
    }
    /// Reads the cycle state back (PyTorch: `torch.optim.lr_scheduler.CosineAnnealingWarmRestarts.load_state_dict`).
    public override func loadState(from d: StateDict) throws(SchedulerLoadError) {
        t0 = try d.int("T_0")
        tI = try d.double("T_i")
        tMult = try d.int("T_mult")
        etaMin = try d.double("eta_min")
        tCur = try d.double("T_cur")
    }
}
