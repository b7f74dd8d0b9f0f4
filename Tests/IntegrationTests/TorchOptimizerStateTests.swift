import Autodiff
import CheckpointHDF5
import Foundation
import Layers
import Optimizers
import TensorCore
import Testing

/// A real torch optimizer state dict (`torch.save(opt.state_dict())` after 3 steps on a small model,
/// two param groups) loads through CheckpointHDF5's .pt reader into our optimizer, and 5 more steps
/// give torch's losses and parameters. Fixtures: packages/Optimizers/Tests/Fixtures/torch/, written by
/// packages/Optimizers/Tests/Fixtures/generate/torch_state_dicts.py.
@Suite struct TorchOptimizerStateTests {
    static let folder: URL = {
        var root = URL(fileURLWithPath: #filePath)
        while root.lastPathComponent != "Tests" { root.deleteLastPathComponent() }
        return root.deletingLastPathComponent().appendingPathComponent("packages/Optimizers/Tests/Fixtures/torch")
    }()

    static func load(_ file: String) throws -> StateValue {
        try TorchFormat.load(from: folder.appendingPathComponent(file).path)
    }

    /// The generator's groups: the first Linear's parameters, then the second's with lr 0.003; the
    /// constructor's values differ from torch's on purpose (the state dict replaces them).
    static func optimizer(_ name: String, _ params: [Tensor]) -> Optimizer {
        let groups = [ParamGroup(Array(params[..<2])), ParamGroup(Array(params[2...]), ["lr": 0.5])]
        switch name {
        case "adam": return Adam(groups, lr: 0.1)
        case "adamw_amsgrad": return AdamW(groups, lr: 0.1, amsgrad: true)
        default: return SGD(groups, lr: 0.1, momentum: 0.5, nesterov: true)
        }
    }

    @Test(arguments: ["adam", "adamw_amsgrad", "sgd_nesterov"])
    func continuesTorchsTrajectory(_ name: String) throws {
        let saved = try Self.load("\(name)_optimizer.pt")
        let resume = try Self.load("\(name)_resume.pt")
        let model = Sequential([Linear(4, 8), Tanh(), Linear(8, 3)])
        _ = try model.loadStateDict(try #require(resume["model"]?.dict))
        let x = try #require(resume["x"]?.tensor), y = try #require(resume["y"]?.tensor)
        let optimizer = Self.optimizer(name, model.parameters())
        try optimizer.loadStateDict(saved)

        // torch's hyper-parameters and per-parameter state arrived (step counters included).
        #expect(optimizer.paramGroups.map(\.lr) == [0.01, 0.003] || optimizer.paramGroups.map(\.lr) == [0.05, 0.003])
        let state = try #require(saved["state"]?.dict)
        #expect(state.count == 4)
        for (i, p) in model.parameters().enumerated() {
            let mine = try #require(optimizer.state[ObjectIdentifier(p)])
            let theirs = try #require(state[.int(Int64(i))]?.dict)
            #expect(Set(mine.keys.map(\.text)) == Set(theirs.keys.map(\.text)))
        }

        let losses = try #require(resume["losses"]?.tensor).toArray(Double.self)
        for (step, expected) in losses.enumerated() {
            optimizer.zeroGrad()
            let loss = (model(x) - y).pow(2).mean()
            loss.backward()
            optimizer.step()
            let value = Double(loss.item(Float.self))
            #expect(
                abs(value - expected) <= 1e-6 * (1 + abs(expected)),
                "\(name) step \(step): loss \(value) vs \(expected)")
        }
        let expectedParams = try #require(resume["params_after"]?.items).map { try #require($0.tensor) }
        for (p, e) in zip(model.parameters(), expectedParams) {
            let a = p.detach().toArray(Double.self), b = e.toArray(Double.self)
            let worst = zip(a, b).map { abs($0 - $1) / (1 + abs($1)) }.max() ?? .infinity
            #expect(worst <= 1e-6, "\(name): parameter error \(worst)")
        }
    }

    /// A torch state dict of another optimizer is refused with a clear error, changing nothing.
    @Test func anotherOptimizersStateDictIsRefused() throws {
        let saved = try Self.load("sgd_nesterov_optimizer.pt")
        let model = Sequential([Linear(4, 8), Tanh(), Linear(8, 3)])
        let adam = Self.optimizer("adam", model.parameters())
        #expect(
            throws: OptimizerLoadError.missingHyperParameters(
                group: 0, keys: ["betas", "eps", "amsgrad", "capturable", "decoupled_weight_decay"])
        ) {
            try adam.loadStateDict(saved)
        }
        #expect(adam.paramGroups.map(\.lr) == [0.1, 0.5])
    }
}
