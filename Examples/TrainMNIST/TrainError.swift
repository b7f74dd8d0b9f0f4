/// Failures from outside the program (data, checkpoints, files): printed as `error: ...`, exit status 1.
enum TrainError: Error, CustomStringConvertible {
    case data(String)
    case checkpoint(String)
    case io(String)

    var description: String {
        switch self {
        case .data(let message), .checkpoint(let message), .io(let message): message
        }
    }
}
