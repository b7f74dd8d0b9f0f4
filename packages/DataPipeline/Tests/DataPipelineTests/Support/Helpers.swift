import Foundation
import TensorCore

@testable import DataPipeline

/// The fixtures' checksum: sum(byte * (i % 251 + 1)) mod 2^64 over flat HWC bytes.
func checksum<C: Collection>(_ bytes: C, offset: Int = 0) -> UInt64 where C.Element == UInt8 {
    var sum: UInt64 = 0
    var i = offset
    for b in bytes {
        sum &+= UInt64(b) &* UInt64(i % 251 + 1)
        i += 1
    }
    return sum
}

/// A fresh empty folder under the system temp directory.
func temporaryFolder(_ name: String = #function) -> String {
    let path = NSTemporaryDirectory() + "datapipeline-\(name.filter { $0.isLetter })-\(UUID().uuidString)"
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func write(_ bytes: [UInt8], _ path: String) {
    try! FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
}

func number(_ any: Any?) -> Double { (any as! NSNumber).doubleValue }
