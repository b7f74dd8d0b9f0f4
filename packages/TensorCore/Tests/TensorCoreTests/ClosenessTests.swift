import Foundation
import TensorCore
import Testing
import TorchTestSupport

/// isclose / allclose / equal against torch's answers (closeness.json), and torch's argument errors.
@Suite struct ClosenessTests {
    @Test func iscloseMatchesTorch() throws {
        let fixture = try Fixture("closeness")
        for (name, value) in fixture.cases where name != "equal" {
            let c = try #require(value as? [String: Any])
            let a = try Fixture.decodeTensor(c["a"]!), b = try Fixture.decodeTensor(c["b"]!)
            let kw = c["kw"] as? [String: Double] ?? [:]
            let rtol = kw["rtol"] ?? 1e-5, atol = kw["atol"] ?? 1e-8, equalNan = kw["equal_nan"] == 1
            expectEqual(
                a.isclose(b, rtol: rtol, atol: atol, equalNan: equalNan), try Fixture.decodeTensor(c["out"]!), name)
            if let all = c["all"] as? Bool {
                #expect(a.allclose(b, rtol: rtol, atol: atol, equalNan: equalNan) == all, "\(name)")
            }
        }
    }

    @Test func equalMatchesTorch() throws {
        let fixture = try Fixture("closeness")
        for (i, value) in try #require(fixture["equal"] as? [[String: Any]]).enumerated() {
            let a = try Fixture.decodeTensor(value["a"]!), b = try Fixture.decodeTensor(value["b"]!)
            #expect(a.equal(b) == (value["out"] as! Bool), "case \(i)")
        }
    }

    @Test func dtypeMismatchStops() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([1.0]).isclose(Tensor([1.0]).double())
        }.map {
            #expect(String(decoding: $0.standardErrorContent, as: UTF8.self).contains("Float did not match Double"))
        }
    }

    @Test func negativeToleranceStops() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([1.0]).isclose(Tensor([1.0]), rtol: -1)
        }.map {
            #expect(
                String(decoding: $0.standardErrorContent, as: UTF8.self)
                    .contains("rtol must be greater than or equal to zero, but got -1"))
        }
    }
}
