import CheckpointHDF5
import DataPipeline
import Foundation
import Synchronization
import TensorCore

/// `torch.hub`'s checkpoint cache: the same folder and file names as torch, so a file torch or torchvision
/// already downloaded is used as is, and one downloaded here is one torch will find.
public enum Hub {
    private static let overrideDir = Mutex<String?>(nil)

    /// `torch.hub.get_dir()`: `set_dir`'s folder, else `$TORCH_HOME/hub`, where `TORCH_HOME` defaults to
    /// `$XDG_CACHE_HOME/torch` and that to `~/.cache/torch`.
    public static func getDir() -> String {
        if let dir = overrideDir.withLock({ $0 }) { return dir }
        let environment = ProcessInfo.processInfo.environment
        let torchHome = environment["TORCH_HOME"] ?? ((environment["XDG_CACHE_HOME"] ?? "~/.cache") + "/torch")
        return (torchHome as NSString).expandingTildeInPath + "/hub"
    }

    /// `torch.hub.set_dir(d)`; nil returns to the environment's folder.
    public static func setDir(_ dir: String?) {
        overrideDir.withLock { $0 = dir.map { ($0 as NSString).expandingTildeInPath } }
    }

    /// The file name torch caches `url` under: the last component of its path.
    public static func fileName(of url: String) -> String {
        let path = URL(string: url)?.path ?? url
        return (path as NSString).lastPathComponent
    }

    /// torch.hub's `HASH_REGEX` `-([a-f0-9]*)\.` searched in the file name: the hex between the first
    /// `-` that is followed only by hex digits up to a `.` (`resnet50-11ad3fa6.pth` → `11ad3fa6`).
    public static func hashPrefix(ofFileName name: String) -> String? {
        let chars = Array(name)
        for (i, c) in chars.enumerated() where c == "-" {
            var j = i + 1
            while j < chars.count, chars[j].isHexDigit, !chars[j].isUppercase { j += 1 }
            if j < chars.count, chars[j] == "." { return String(chars[(i + 1)..<j]) }
        }
        return nil
    }

    /// `torch.hub.download_url_to_file(url, dst, hash_prefix, progress)`: streamed into a temporary file
    /// beside `dst`, its SHA-256 checked against `hashPrefix`, then renamed to `dst`; on any failure nothing
    /// is left behind.
    public static func downloadURLToFile(_ url: String, _ dst: String, hashPrefix: String? = nil, progress: Bool = true)
        throws
    {
        try downloadURL(url, to: dst, checksum: hashPrefix.map { .sha256Prefix($0) }, progress: progress)
    }

    /// `torch.hub.load_state_dict_from_url(url, model_dir, progress, check_hash, file_name)`: the cached file
    /// when `<model_dir>/<file name>` exists (used as is, unchecked, as torch does), otherwise downloaded
    /// into the cache first (with `checkHash`, the SHA-256 must start with the hex in the file name).
    public static func loadStateDictFromURL(
        _ url: String, modelDir: String? = nil, progress: Bool = true, checkHash: Bool = false, fileName: String? = nil
    ) throws -> StateDict {
        let folder = modelDir ?? getDir() + "/checkpoints"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let name = fileName ?? Self.fileName(of: url)
        let cached = folder + "/" + name
        if !FileManager.default.fileExists(atPath: cached) {
            FileHandle.standardError.write(Data("Downloading: \"\(url)\" to \(cached)\n".utf8))  // as torch, always
            try downloadURLToFile(
                url, cached, hashPrefix: checkHash ? hashPrefix(ofFileName: name) : nil, progress: progress)
        }
        return try loadStateDict(file: cached)
    }

    /// A module state dict from a `torch.save` file (torchvision's `.pth`): every entry must be a tensor.
    public static func loadStateDict(file path: String) throws -> StateDict {
        let value = try Checkpoint.load(from: path, format: .torch)
        guard case .dict(let dict) = value else { throw WeightsError.notAStateDict(file: path, found: kindName(value)) }
        for (key, entry) in dict {
            guard case .tensor = entry else {
                throw WeightsError.notAStateDict(file: path, found: "\(kindName(entry)) under key '\(key.text)'")
            }
        }
        return dict
    }

    private static func kindName(_ value: StateValue) -> String {
        switch value {
        case .tensor: "a tensor"
        case .int, .double, .bool: "a number"
        case .string: "a string"
        case .none: "None"
        case .list: "a list"
        case .tuple: "a tuple"
        case .dict: "a dict"
        }
    }
}
