import Foundation
import Torch

// XOR with a small MLP: nn.Sequential, CrossEntropyLoss and Adam, as in PyTorch.
manualSeed(0)
let x = Tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
let y = Tensor([0, 1, 1, 0])
let model = Sequential(Linear(2, 16), ReLU(), Linear(16, 2))
let criterion = CrossEntropyLoss()
let optimizer = Adam(model.parameters(), lr: 0.05)
for _ in 0..<200 {
    let loss = criterion(model(x), y)
    optimizer.zeroGrad()
    loss.backward()
    optimizer.step()
}
let logits = noGrad { model(x) }
print("loss \(criterion(logits, y).item(Double.self)), predicted \(logits.argmax(dim: 1))")

// torch.save(model.state_dict(), path), then load it into a fresh model (HDF5; .pt works too).
let path = FileManager.default.temporaryDirectory.appendingPathComponent(
    "xor-\(ProcessInfo.processInfo.processIdentifier).h5"
).path
defer { try? FileManager.default.removeItem(atPath: path) }
try Checkpoint.save(.dict(model.stateDict()), to: path)
let restored = Sequential(Linear(2, 16), ReLU(), Linear(16, 2))
try restored.loadStateDict(Checkpoint.load(from: path).dict!)
print("restored model agrees: \(noGrad { restored(x) }.equal(logits))")
