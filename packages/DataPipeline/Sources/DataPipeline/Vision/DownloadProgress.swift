import Foundation

/// A download's progress bar on standard error, drawn as torch.hub's tqdm draws it
/// (`100%|██████████| 44.7M/44.7M [00:02<00:00, 20.1MB/s]`), redrawn at most ten times a second.
final class DownloadProgress: @unchecked Sendable {
    private let start = Date()
    private var lastDraw = Date.distantPast

    func update(received: Int64, total: Int64) {
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        draw(received: received, total: total, end: "")
    }

    func finish(received: Int64, total: Int64) { draw(received: received, total: total, end: "\n") }

    private func draw(received: Int64, total: Int64, end: String) {
        let elapsed = Date().timeIntervalSince(start)
        let rate = elapsed > 0 ? Double(received) / elapsed : 0
        var line = "\r"
        if total > 0 {
            let fraction = min(1, Double(received) / Double(total))
            let filled = Int(fraction * 10)
            line +=
                String(format: "%3ld%%|", Int(fraction * 100)) + String(repeating: "█", count: filled)
                + String(repeating: " ", count: 10 - filled) + "| \(Self.size(received))/\(Self.size(total))"
            let remaining = rate > 0 ? Double(total - received) / rate : 0
            line += " [\(Self.clock(elapsed))<\(Self.clock(remaining)), \(Self.size(Int64(rate)))B/s]"
        } else {
            line += "\(Self.size(received)) [\(Self.clock(elapsed)), \(Self.size(Int64(rate)))B/s]"
        }
        FileHandle.standardError.write(Data((line + end).utf8))
    }

    /// tqdm's `format_sizeof` with `unit_divisor=1024`: three significant digits (5.00, 44.7M, 293k).
    static func size(_ bytes: Int64) -> String {
        var value = Double(bytes)
        for unit in ["", "k", "M", "G", "T"] {
            if abs(value) < 999.5 {
                let digits = abs(value) < 9.995 ? "%1.2f" : abs(value) < 99.95 ? "%2.1f" : "%3.0f"
                return String(format: digits, value) + unit
            }
            value /= 1024
        }
        return String(format: "%3.1f", value) + "P"
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return String(format: "%02ld:%02ld", s / 60, s % 60)
    }
}
