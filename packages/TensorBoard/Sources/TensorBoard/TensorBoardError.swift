/// What goes wrong outside the program: the log directory or the disk. Thrown by `SummaryWriter.init`
/// (nothing is written yet) and by `flush()`/`close()` for a failed background write; adding a summary
/// never throws and never stops training.
/// PyTorch lets these surface as `OSError` from the writer.
public enum TensorBoardError: Error, Equatable, CustomStringConvertible {
    /// The log directory could not be created, or the event file not opened in it.
    case cannotOpen(path: String, reason: String)
    /// Writing the event file failed (a full disk, a removed directory); the events of that batch are lost.
    case writeFailed(path: String, reason: String)

    /// PyTorch: the exception's `__str__`.
    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "TensorBoard: cannot open \(path): \(reason)"
        case .writeFailed(let path, let reason): "TensorBoard: writing \(path) failed: \(reason)"
        }
    }
}
