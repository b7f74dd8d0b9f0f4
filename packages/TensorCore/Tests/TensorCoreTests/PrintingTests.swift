import Foundation
import Testing

@testable import TensorCore

/// `description` against repr strings from real torch (printing.json). Print options are global,
/// so this suite runs serially and restores the defaults after each case.
@Suite(.serialized) struct PrintingTests {
    let fixture: Fixture
    init() throws { fixture = try loadFixture("printing") }

    func apply(_ options: [String: Any]) {
        setPrintOptions(profile: "default")
        setPrintOptions(
            precision: options["precision"] as? Int,
            threshold: (options["threshold"] as? Double) ?? (options["threshold"] as? Int).map(Double.init),
            edgeitems: options["edgeitems"] as? Int, linewidth: options["linewidth"] as? Int,
            profile: options["profile"] as? String, sciMode: options["sci_mode"] as? Bool)
    }

    @Test func everyFixtureCase() throws {
        defer { setPrintOptions(profile: "default") }
        #expect(fixture.cases.count >= 60)
        for name in fixture.cases.keys.sorted() {
            let record = try #require(fixture[name] as? [String: Any])
            let tensor = try Fixture.decodeTensor(try #require(record["tensor"]))
            let expected = try #require(record["repr"] as? String)
            apply(try #require(record["options"] as? [String: Any]))
            let actual = tensor.description
            #expect(actual == expected, "\(name):\n\(actual)\nexpected:\n\(expected)")
        }
    }

    @Test func guideExamples() {
        setPrintOptions(profile: "default")
        #expect(Tensor([[1.0, 2.0], [3.0, 4.0]]).description == "tensor([[1., 2.],\n        [3., 4.]])")
        #expect(Tensor([1, 2, 3]).description == "tensor([1, 2, 3])")
        #expect(Tensor([1, 2], dtype: .int32).description == "tensor([1, 2], dtype=torch.int32)")
        #expect(Tensor(3.5).description == "tensor(3.5000)")
        #expect(Tensor.zeros(0, 3).description == "tensor([], size=(0, 3))")
        #expect(Tensor([1e-5, 1e5]).description == "tensor([1.0000e-05, 1.0000e+05])")
        #expect(Tensor([true, false]).description == "tensor([ True, False])")
        #expect(Tensor([1.5], dtype: .float16).description == "tensor([1.5000], dtype=torch.float16)")
        #expect(Tensor([1.5], dtype: .bfloat16).description == "tensor([1.5000], dtype=torch.bfloat16)")
        #expect("\(Tensor([1.0, 2.0]))" == "tensor([1., 2.])")
    }

    @Test func stridedViewsPrintTheirElements() throws {
        setPrintOptions(profile: "default")
        // The transpose of [[1, 2, 3], [4, 5, 6]] read in place.
        let base = Tensor([[1, 2, 3], [4, 5, 6]])
        #expect(base.asStrided([3, 2], [1, 3]).description == "tensor([[1, 4],\n        [2, 5],\n        [3, 6]])")
        // An expanded (stride 0) row.
        #expect(
            Tensor([0.5, 1.0]).asStrided([2, 2], [0, 1]).description
                == "tensor([[0.5000, 1.0000],\n        [0.5000, 1.0000]])")
    }

    @Test func printOptionsRoundTrip() {
        defer { setPrintOptions(profile: "default") }
        setPrintOptions(precision: 2, sciMode: true)
        #expect(getPrintOptions().precision == 2 && getPrintOptions().sciMode == true)
        setPrintOptions(linewidth: 100)  // sciMode resets to nil, as in torch
        #expect(getPrintOptions().sciMode == nil && getPrintOptions().precision == 2)
        setPrintOptions(profile: "full")
        #expect(getPrintOptions().threshold == .infinity)
    }
}

/// The guide's section 1 device check.
@Suite struct DeviceCheckTests {
    @Test func cpuOnlyBuild() {
        #expect(CUDA.isAvailable() == false)
        #expect(Device.best() == .cpu)
        #expect("\(Device.best())" == "cpu")
        #expect(Tensor.zeros(2).device == .cpu)
    }
}
