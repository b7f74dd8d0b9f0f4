// Guide §18 (고급 기법 모음): mixed precision (autocast + GradScaler), gradient clipping, reproducibility.
// The guide trains on CUDA in float16; on the CPU autocast computes in bfloat16 (torch's CPU default) and
// GradScaler("cpu") scales the loss. The model is section 17's SimpleModel; the data the first 1,024 images of
// the bundled MNIST in order, batches of 128. Twin: Examples/pytorch/mixed-precision.py.
import Foundation
import Torch

/// The guide's `set_seed`: every random number here comes from the default generator.
func setSeed42() { setSeed(42) }

final class SimpleModel: Module {
    @Child var net = Sequential(Linear(784, 256), ReLU(), Linear(256, 10))
    override func forward(_ x: Tensor) -> Tensor { net(x.view([x.size(0), -1])) }
}

/// The bundled MNIST (data/MNIST/raw in this repository), first 1,024 training images, in order.
func loader() -> DataLoader<Subset<MNIST>, (Tensor, Tensor)> {
    let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("data").path
    let transform = Compose([ToTensor(), Normalize(mean: [0.1307], std: [0.3081])])
    do {
        let train = try MNIST(root: data, train: true, transform: transform)
        return DataLoader(Subset(train, indices: Array(0..<1024)), batchSize: 128, shuffle: false)
    } catch {
        FileHandle.standardError.write(Data("error: cannot load MNIST from \(data): \(error)\n".utf8))
        exit(1)
    }
}

func format(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }

// 혼합 정밀도 학습 (Mixed Precision)
setSeed42()
let model = SimpleModel()
let optimizer = Adam(model.parameters())
let criterion = CrossEntropyLoss()
let scaler = GradScaler("cpu")  // 손실 스케일링
print("autocast dtype: \(Autocast.dtype())")
var step = 0
for (data, target) in loader() {
    step += 1
    optimizer.zeroGrad()
    // 순전파를 낮은 정밀도로
    let (output, loss) = autocast("cpu", dtype: .bfloat16) {
        let output = model(data)
        return (output, criterion(output, target))
    }
    // 스케일된 역전파
    scaler.scale(loss).backward()
    scaler.step(optimizer)
    scaler.update()
    print(
        "step \(step): loss \(format(loss.item(Double.self), 4)) (output \(output.dtype), loss \(loss.dtype), "
            + "weight \(model.net[0].parameters()[0].dtype)), scale \(format(scaler.getScale(), 1))")
}

// 그래디언트 클리핑: 폭발하는 그래디언트 방지
let maxGradNorm = 1.0
var batches = loader().makeIterator()
let (data, target) = batches.next()!
optimizer.zeroGrad()
criterion(model(data) * 50, target).backward()
let total = clipGradNorm_(model.parameters(), maxNorm: maxGradNorm)
let after = getTotalNorm(model.parameters().compactMap(\.grad))
optimizer.step()
print("clip_grad_norm_: total norm \(format(total.item(Double.self), 4)) -> \(format(after.item(Double.self), 4))")

// 재현성(Reproducibility) 설정
func weightsAfterTwoSteps() -> Tensor {
    setSeed42()
    let m = SimpleModel()
    let opt = Adam(m.parameters())
    for (data, target) in loader().prefix(2) {
        opt.zeroGrad()
        CrossEntropyLoss()(m(data), target).backward()
        opt.step()
    }
    return Tensor.cat(m.parameters().map { $0.detach().flatten() })
}

useDeterministicAlgorithms(true)
let first = weightsAfterTwoSteps(), second = weightsAfterTwoSteps()
print("set_seed(42) twice, same weights: \(first.equal(second) ? "True" : "False")")
print("deterministic algorithms: \(areDeterministicAlgorithmsEnabled() ? "True" : "False")")
print("weight checksum: \(format(first.double().sum().item(Double.self), 6))")
