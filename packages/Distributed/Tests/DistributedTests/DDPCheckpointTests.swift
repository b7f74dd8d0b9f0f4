import CheckpointHDF5
import Foundation
import Layers
import TensorCore
import Testing
import TorchTestSupport

@testable import Distributed

/// The guide's SimpleModel (narrowed): `net` = Linear, ReLU, Linear.
final class SimpleModel: Module {
    @Child var net = Sequential(Linear(12, 8), ReLU(), Linear(8, 3))
    override func forward(_ x: Tensor) -> Tensor { net(x.view([x.size(0), -1])) }
}

/// A group of one for in-process tests (no mpirun: MPI stays untouched).
let worldOfOne = ProcessGroup.make()

/// DDP checkpoints in torch's layout: `module.`-prefixed keys, loadable both ways.
@Suite struct DDPCheckpointTests {
    static let fixtures = MPIJob.repoRoot.appendingPathComponent("packages/Distributed/Tests/Fixtures")

    @Test func loadsTorchsDDPStateDict() throws {
        let f = try Fixture("ddp")
        let ddp = DistributedDataParallel(SimpleModel(), processGroup: worldOfOne)
        #expect(Array(ddp.stateDict().keys) == (f["state_dict_keys"] as! [String]).map { StateKey.string($0) })
        let state = try #require(
            try Checkpoint.load(from: Self.fixtures.appendingPathComponent("ddp_simple_model.pt")).dict)
        _ = try ddp.loadStateDict(state)
        expectClose(ddp(try f.tensor("input")).detach(), try f.tensor("output"), rtol: 1e-6, atol: 1e-6)
    }

    /// Written here, read back as torch would read it: the same keys and tensors as torch's file.
    @Test func savesTorchsLayout() throws {
        let torchState = try #require(
            try Checkpoint.load(from: Self.fixtures.appendingPathComponent("ddp_simple_model.pt")).dict)
        let ddp = DistributedDataParallel(SimpleModel(), processGroup: worldOfOne)
        _ = try ddp.loadStateDict(torchState)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ddp-\(UUID().uuidString).pt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Checkpoint.save(.dict(ddp.stateDict()), to: path)
        let reread = try #require(try Checkpoint.load(from: path).dict)
        #expect(Array(reread.keys) == Array(torchState.keys))
        for (key, value) in torchState.tensors {
            #expect(reread[key]?.tensor?.equal(value) == true, "\(key)")
        }
        // Without the wrapper the keys lose the prefix, as torch's `ddp.module.state_dict()`.
        #expect(ddp.module.stateDict().keys == ["net.0.weight", "net.0.bias", "net.2.weight", "net.2.bias"])
    }
}
