import Foundation

@testable import TensorCore

/// Loads a fixture from a test file at the top of TensorCoreTests/. `Fixture`'s default `#filePath`
/// is the caller's file and it climbs three levels, which fits files one folder deeper (Support/);
/// this hands it a path at that depth.
func loadFixture(_ name: String, file: String = #filePath) throws -> Fixture {
    let anchor = URL(fileURLWithPath: file).deletingLastPathComponent()
        .appendingPathComponent("Support/Fixtures.swift").path
    return try Fixture(name, filePath: anchor)
}
