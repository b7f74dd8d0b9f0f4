import Foundation

enum LogDir {
    /// torch's default: `runs/<Mon><DD>_<HH>-<MM>-<SS>_<hostname><comment>` in local time.
    static func defaultPath(root: String = "runs", comment: String, now: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = .current
        formatter.dateFormat = "MMMdd_HH-mm-ss"
        return root + "/" + formatter.string(from: now) + "_" + hostName() + comment
    }
}
