import Foundation

/// The per-epoch progress report: a redrawn bar on a terminal (done/total, samples/s, running loss,
/// ETA), plain lines every `plainEvery` batches when stdout is a file or a pipe (isatty), so logs stay readable.
struct Progress {
    let epoch: Int
    let epochs: Int
    let totalSamples: Int
    let totalBatches: Int
    let isTerminal: Bool
    let plainEvery: Int
    private let start = DispatchTime.now()
    private var lastDraw = DispatchTime(uptimeNanoseconds: 0)

    init(epoch: Int, epochs: Int, totalSamples: Int, totalBatches: Int, plainEvery: Int?) {
        self.epoch = epoch
        self.epochs = epochs
        self.totalSamples = totalSamples
        self.totalBatches = totalBatches
        self.isTerminal = isatty(STDOUT_FILENO) == 1
        self.plainEvery = max(1, plainEvery ?? (totalBatches + 9) / 10)
    }

    var elapsed: Double { Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9 }

    /// After batch `batch` (1-based) with `done` samples seen and the running mean loss.
    mutating func update(batch: Int, done: Int, runningLoss: Double) {
        let now = DispatchTime.now()
        let seconds = elapsed
        let rate = seconds > 0 ? Double(done) / seconds : 0
        let eta = rate > 0 ? Double(totalSamples - done) / rate : 0
        let stats =
            String(format: "%d/%d | %.0f samples/s | loss %.4f | ETA ", done, totalSamples, rate, runningLoss)
            + Progress.clock(eta)
        if isTerminal {
            // Redraw at most ~10 times a second, and always on the last batch.
            guard batch == totalBatches || now.uptimeNanoseconds - lastDraw.uptimeNanoseconds > 100_000_000 else {
                return
            }
            lastDraw = now
            let width = 30
            let filled = totalSamples > 0 ? width * done / totalSamples : width
            let bar =
                String(repeating: "=", count: filled) + (filled < width ? ">" : "")
                + String(repeating: " ", count: max(0, width - filled - 1))
            print("\r\u{1B}[2KEpoch \(epoch)/\(epochs) [\(bar)] \(stats)", terminator: "")
            fflush(nil)
        } else if batch % plainEvery == 0 || batch == totalBatches {
            print("Epoch \(epoch)/\(epochs) batch \(batch)/\(totalBatches): \(stats)")
            fflush(nil)
        }
    }

    /// Clears the bar so the epoch line takes its place.
    func finish() {
        if isTerminal {
            print("\r\u{1B}[2K", terminator: "")
            fflush(nil)
        }
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600
            ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}

/// Prints a line and flushes at once: stdout to a pipe is block-buffered, and a supervising process
/// (or a test) reads progress as it happens.
func say(_ line: String) {
    print(line)
    fflush(nil)
}
