import Dispatch
import Foundation
import Synchronization

/// Ctrl-C handling: the first SIGINT only sets a flag, which the training loop reads after each batch,
/// so the run stops between batches with the last complete checkpoint on disk. A second SIGINT ends
/// the process at once (the checkpoint on disk is still whole: saves are atomic renames).
enum Interrupt {
    private static let flag = Atomic<Bool>(false)
    nonisolated(unsafe) private static var source: DispatchSourceSignal?

    static var requested: Bool { flag.load(ordering: .relaxed) }

    static func install() {
        signal(SIGINT, SIG_IGN)  // the dispatch source sees the signal only when the default action is off
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler {
            if flag.exchange(true, ordering: .relaxed) {
                _exit(130)
            }
            FileHandle.standardError.write(
                Data("\nInterrupted: stopping after the current batch (Ctrl-C again to quit now)\n".utf8))
        }
        source.resume()
        Self.source = source
    }
}
