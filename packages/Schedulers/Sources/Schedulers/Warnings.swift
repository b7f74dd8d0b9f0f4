import Foundation
import Synchronization

/// A process-wide "already warned" flag (Python's default warning filter shows a warning once).
enum StepOrderWarning {
    static let shown = OnceFlag()
}

final class OnceFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    /// Sets the flag; returns whether it was already set.
    func exchange() -> Bool { flag.exchange(true, ordering: .relaxed) }
}

enum FileHandleStderr {
    static func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}
