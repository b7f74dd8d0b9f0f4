import Foundation
import Testing

@testable import TensorCore

/// gather/scatter/index_*/masked_*/nonzero/take/put against real PyTorch (Fixtures/indexing_ops.json).
@Suite struct IndexingOpsFixtureTests {
    /// Runs one case; returns the result (a list for nonzero(as_tuple)).
    static func run(_ record: [String: Any], _ x: Tensor) throws -> [Tensor] {
        let op = try #require(record["op"] as? String)
        func tensor(_ key: String) throws -> Tensor { try Fixture.decodeTensor(try #require(record[key])) }
        func scalar(_ key: String) throws -> Scalar {
            try IndexingSubscriptFixtureTests.decodeScalar(try #require(record[key]))
        }
        let dim = record["dim"] as? Int ?? 0
        let reduce = record["reduce"] as? String
        switch op {
        case "gather": return [x.gather(dim: dim, index: try tensor("index"))]
        case "scatter": return [x.scatter(dim: dim, index: try tensor("index"), src: try tensor("src"), reduce: reduce)]
        case "scatter_value":
            return [x.scatter(dim: dim, index: try tensor("index"), value: try scalar("value"), reduce: reduce)]
        case "scatter_reduce":
            return [
                x.scatterReduce(
                    dim: dim, index: try tensor("index"), src: try tensor("src"), reduce: reduce ?? "",
                    includeSelf: record["include_self"] as? Bool ?? true)
            ]
        case "scatter_add": return [x.scatterAdd(dim: dim, index: try tensor("index"), src: try tensor("src"))]
        case "index_select": return [x.indexSelect(dim: dim, index: try tensor("index"))]
        case "index_add":
            let alpha = record["alpha"] != nil ? try scalar("alpha") : 1
            return [x.indexAdd(dim: dim, index: try tensor("index"), source: try tensor("source"), alpha: alpha)]
        case "index_copy": return [x.indexCopy(dim: dim, index: try tensor("index"), source: try tensor("source"))]
        case "index_fill": return [x.indexFill(dim: dim, index: try tensor("index"), value: try scalar("value"))]
        case "index_fill_tensor": return [x.indexFill(dim: dim, index: try tensor("index"), value: try tensor("value"))]
        case "masked_fill": return [x.maskedFill(try tensor("mask"), try scalar("value"))]
        case "masked_fill_tensor": return [x.maskedFill(try tensor("mask"), try tensor("value"))]
        case "masked_select": return [x.maskedSelect(try tensor("mask"))]
        case "masked_scatter": return [x.maskedScatter(try tensor("mask"), try tensor("source"))]
        case "nonzero": return [x.nonzero()]
        case "nonzero_tuple": return x.nonzero(asTuple: true)
        case "argwhere": return [x.argwhere()]
        case "take": return [x.take(try tensor("index"))]
        case "take_along_dim": return [x.takeAlongDim(try tensor("index"), dim: dim)]
        case "take_along_dim_flat": return [x.takeAlongDim(try tensor("index"))]
        case "put":
            return [
                x.put(try tensor("index"), try tensor("source"), accumulate: record["accumulate"] as? Bool ?? false)
            ]
        case "index_put":
            let indices = try #require(record["indices"] as? [Any]).map { try Fixture.decodeTensor($0) as Tensor? }
            return [x.indexPut(indices, try tensor("values"), accumulate: record["accumulate"] as? Bool ?? false)]
        default:
            Issue.record("unknown op \(op)")
            return []
        }
    }

    @Test func allCasesMatchTorch() throws {
        let fixture = try indexingFixture("indexing_ops")
        #expect(fixture.cases.count > 100)
        for name in fixture.cases.keys.sorted() {
            let record = try #require(fixture[name] as? [String: Any])
            let x = try IndexingSubscriptFixtureTests.input(record)
            let before = x.clone()
            let results = try Self.run(record, x)
            let expected: [Tensor] =
                if let list = record["out"] as? [Any] { try list.map { try Fixture.decodeTensor($0) } } else {
                    [try Fixture.decodeTensor(try #require(record["out"]))]
                }
            #expect(results.count == expected.count, "\(name)")
            for (actual, want) in zip(results, expected) {
                if let rtol = record["rtol"] as? Double {
                    expectClose(actual, want, rtol: rtol, atol: 1e-5, name)
                } else {
                    expectEqual(actual, want, name)
                }
            }
            expectEqual(x, before, "\(name): out-of-place op changed its input")
        }
    }

    /// The in-place forms write through views and bump the version counter.
    @Test func inPlaceFormsMatchOutOfPlace() throws {
        let x = Tensor(copying: (0..<12).map { Float($0) }, shape: [3, 4])
        let index = Tensor(copying: [Int64(2), 0, 2, 1], shape: [1, 4])
        let src = Tensor(copying: (0..<4).map { Float($0) + 100 }, shape: [1, 4])
        let expected = x.scatterAdd(dim: 0, index: index, src: src)
        let version = x.storage.version
        x.scatterAdd_(dim: 0, index: index, src: src)
        expectEqual(x, expected)
        #expect(x.storage.version > version)

        let y = Tensor(copying: (0..<12).map { Float($0) }, shape: [3, 4])
        let mask = Tensor(copying: [true, false, false, true], shape: [4])
        y.maskedFill_(mask, 0.5)
        #expect(y.toArray(Float.self) == [0.5, 1, 2, 0.5, 0.5, 5, 6, 0.5, 0.5, 9, 10, 0.5])
        y.indexFill_(dim: 0, index: Tensor(copying: [Int64(1)], shape: [1]), value: -1)
        #expect(y.toArray(Float.self)[4..<8] == [-1, -1, -1, -1])
        y.indexAdd_(dim: 1, index: Tensor(copying: [Int64(0), 0], shape: [2]), source: Tensor.ones([3, 2]), alpha: 2)
        #expect(y.toArray(Float.self)[0] == 4.5)
        y.indexCopy_(dim: 0, index: Tensor(copying: [Int64(2)], shape: [1]), source: Tensor.zeros([1, 4]))
        #expect(y.toArray(Float.self)[8..<12] == [0, 0, 0, 0])
        y.scatter_(dim: 1, index: Tensor(copying: [Int64(3)], shape: [1, 1]), value: 7)
        #expect(y.toArray(Float.self)[3] == 7)
        y.put_(Tensor(copying: [Int64(-1)], shape: [1]), Tensor.full([1], 8.0))
        #expect(y.toArray(Float.self)[11] == 8)
        y.maskedScatter_(mask, Tensor.full([12], 3.0))
        #expect(y.toArray(Float.self)[0] == 3 && y.toArray(Float.self)[3] == 3)
    }
}
