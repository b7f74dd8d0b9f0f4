import Foundation

/// One-time warnings on standard error, like TORCH_WARN_ONCE: deprecated but accepted uses (a uint8
/// `where` condition, `.T` on a tensor that is not 2-D) say so once per message, then stay quiet.
enum TorchWarnings {
    nonisolated(unsafe) private static var shown: Set<String> = []
    private static let lock = NSLock()
    static func once(_ message: String) {
        if lock.withLock({ shown.insert(message).inserted }) {
            FileHandle.standardError.write(Data("UserWarning: \(message)\n".utf8))
        }
    }
}
