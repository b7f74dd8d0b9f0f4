import Foundation
import Testing

@testable import TensorCore

/// Replays every recipe of Fixtures/shape.json (generate/shape.py) and compares values, dtype, shape,
/// strides, storage offset and storage sharing with what PyTorch produced, so view-vs-copy matches.
@Suite struct ShapeFixtureTests {
    enum Output {
        case one(Tensor)
        case many([Tensor])
    }

    static func ints(_ value: Any) -> [Int] { value as? [Int] ?? [] }

    /// Applies one recipe step (`[op, args...]`, the same names generate/shape.py understands).
    static func apply(_ t: Tensor, _ step: [Any]) -> Output {
        let op = step[0] as! String
        let a = Array(step.dropFirst())
        func int(_ i: Int) -> Int { a[i] as! Int }
        switch op {
        case "as_strided": return .one(t.asStrided(ints(a[0]), ints(a[1]), offset: int(2)))
        case "reshape": return .one(t.reshape(ints(a[0])))
        case "view": return .one(t.view(ints(a[0])))
        case "view_dtype": return .one(t.view(dtype: DType(name: a[0] as! String)!))
        case "view_as": return .one(t.viewAs(Tensor.empty(ints(a[0]))))
        case "reshape_as": return .one(t.reshapeAs(Tensor.empty(ints(a[0]))))
        case "contiguous": return .one(t.contiguous())
        case "transpose": return .one(t.transpose(int(0), int(1)))
        case "swapaxes": return .one(t.swapaxes(int(0), int(1)))
        case "t": return .one(t.t())
        case "T": return .one(t.T)
        case "mT": return .one(t.mT)
        case "mH": return .one(t.mH)
        case "permute": return .one(t.permute(ints(a[0])))
        case "movedim":
            if let s = a[0] as? Int { return .one(t.movedim(s, int(1))) }
            return .one(t.movedim(ints(a[0]), ints(a[1])))
        case "squeeze": return .one(t.squeeze())
        case "squeeze_dim": return .one(t.squeeze(dim: int(0)))
        case "squeeze_dims": return .one(t.squeeze(dims: ints(a[0])))
        case "unsqueeze": return .one(t.unsqueeze(int(0)))
        case "expand": return .one(t.expand(ints(a[0])))
        case "flatten": return .one(t.flatten(startDim: int(0), endDim: int(1)))
        case "unflatten": return .one(t.unflatten(dim: int(0), sizes: ints(a[1])))
        case "narrow": return .one(t.narrow(dim: int(0), start: int(1), length: int(2)))
        case "select": return .one(t.select(dim: int(0), index: int(1)))
        case "split":
            if let size = a[0] as? Int { return .many(t.split(size, dim: int(1))) }
            return .many(t.split(ints(a[0]), dim: int(1)))
        case "chunk": return .many(t.chunk(int(0), dim: int(1)))
        case "unbind": return .many(t.unbind(dim: int(0)))
        case "tensor_split_sections": return .many(t.tensorSplit(sections: int(0), dim: int(1)))
        case "tensor_split_indices": return .many(t.tensorSplit(indices: ints(a[0]), dim: int(1)))
        case "diagonal": return .one(t.diagonal(offset: int(0), dim1: int(1), dim2: int(2)))
        case "unfold": return .one(t.unfold(dimension: int(0), size: int(1), step: int(2)))
        case "flip": return .one(t.flip(ints(a[0])))
        case "fliplr": return .one(t.fliplr())
        case "flipud": return .one(t.flipud())
        case "roll": return .one(t.roll(ints(a[0]), dims: ints(a[1])))
        case "repeat": return .one(t.repeat(ints(a[0])))
        case "tile": return .one(t.tile(ints(a[0])))
        case "tril": return .one(t.tril(diagonal: int(0)))
        case "triu": return .one(t.triu(diagonal: int(0)))
        case "diag": return .one(t.diag(int(0)))
        case "diag_embed": return .one(t.diagEmbed(offset: int(0), dim1: int(1), dim2: int(2)))
        case "atleast_1d": return .one(t.atleast1d())
        case "atleast_2d": return .one(t.atleast2d())
        case "atleast_3d": return .one(t.atleast3d())
        default: fatalError("unknown step \(op)")
        }
    }

    static func run(_ base: Tensor, _ steps: [[Any]]) -> Output {
        var current = Output.one(base)
        for step in steps {
            guard case .one(let t) = current else { fatalError("step after a multi-output op") }
            current = apply(t, step)
        }
        return current
    }

    static func check(_ actual: Tensor, _ record: Any, base: Tensor, _ name: String) throws {
        let record = try #require(record as? [String: Any])
        let expected = try Fixture.decodeTensor(record["value"]!)
        expectEqual(actual, expected, name)
        #expect(actual.strides == ints(record["stride"]!), "\(name): strides \(actual.strides)")
        #expect(actual.storageOffset == record["offset"] as? Int, "\(name): offset \(actual.storageOffset)")
        if let shares = record["shares"] as? Bool {
            #expect((actual.storage === base.storage) == shares, "\(name): view-vs-copy")
        }
    }

    nonisolated(unsafe) static let fixture = try! Fixture("shape")

    static var singleCases: [String] {
        fixture.cases.keys.filter { (fixture[$0] as! [String: Any])["steps"] != nil }.sorted()
    }
    static var multiCases: [String] {
        fixture.cases.keys.filter { (fixture[$0] as! [String: Any])["op"] != nil }.sorted()
    }

    @Test(arguments: singleCases)
    func recipe(_ name: String) throws {
        let record = try #require(Self.fixture[name] as? [String: Any])
        let base = try Fixture.decodeTensor(record["base"]!)
        let steps = try #require(record["steps"] as? [[Any]])
        switch Self.run(base, steps) {
        case .one(let t): try Self.check(t, record["out"]!, base: base, name)
        case .many(let ts):
            let outs = try #require(record["out"] as? [Any])
            #expect(ts.count == outs.count, "\(name): \(ts.count) pieces vs \(outs.count)")
            for (i, (t, out)) in zip(ts, outs).enumerated() { try Self.check(t, out, base: base, "\(name)[\(i)]") }
        }
    }

    @Test(arguments: multiCases)
    func multiInput(_ name: String) throws {
        let record = try #require(Self.fixture[name] as? [String: Any])
        let inputs = try #require(record["inputs"] as? [[String: Any]])
        var bases: [Tensor] = []
        var tensors: [Tensor] = []
        for input in inputs {
            let base = try Fixture.decodeTensor(input["base"]!)
            bases.append(base)
            guard case .one(let t) = Self.run(base, input["steps"] as! [[Any]]) else { fatalError() }
            tensors.append(t)
        }
        let arg = record["arg"] as? Int ?? 0
        switch record["op"] as! String {
        case "cat": try Self.check(Tensor.cat(tensors, dim: arg), record["out"]!, base: bases[0], name)
        case "stack": try Self.check(Tensor.stack(tensors, dim: arg), record["out"]!, base: bases[0], name)
        case "hstack": try Self.check(Tensor.hstack(tensors), record["out"]!, base: bases[0], name)
        case "vstack": try Self.check(Tensor.vstack(tensors), record["out"]!, base: bases[0], name)
        case "dstack": try Self.check(Tensor.dstack(tensors), record["out"]!, base: bases[0], name)
        case "broadcast_tensors":
            let outs = try #require(record["out"] as? [Any])
            for (i, t) in Tensor.broadcastTensors(tensors).enumerated() {
                try Self.check(t, outs[i], base: bases[i], "\(name)[\(i)]")
            }
        default: Issue.record("unknown op in \(name)")
        }
    }
}
