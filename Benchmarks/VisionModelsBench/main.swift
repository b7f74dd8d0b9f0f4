import Autodiff
import BenchSupport
import Dispatch
import Foundation
import Layers
import Optimizers
import TensorCore
import VisionModels

// VisionModels' workloads at 224×224, as torchvision users run them: resnet50 and vit_b_16 inference at batch 1
// (latency, ms) and 32 (images/s), efficientnet_b0 inference at batch 32, and a resnet18 training step at batch
// 32 (SGD with momentum; images/s). Weights are the seeded init (inference speed does not depend on values).
// On stderr, where each inference spends its time, by layer kind.
// Twin: pytorch/visionmodels_bench.py. Usage: VisionModelsBench [threads]
let threads = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1])! : 2
Threads.set(threads)
manualSeed(0)
var bench = Bench()

func inference(_ model: Module, _ x: Tensor) -> Tensor { noGrad { model(x) } }

let models: [(String, () -> Module, [Int])] = [
    ("resnet50", { resnet50() }, [1, 32]), ("vit_b_16", { vitB16() }, [1, 32]),
    ("efficientnet_b0", { efficientnetB0() }, [32]),
]
for (name, build, batches) in models {
    let model = build()
    model.eval()
    for batch in batches {
        let x = Tensor.randn(batch, 3, 224, 224)
        let seconds = Bench.median(warmup: 2, iterations: batch == 1 ? 20 : 5) { blackHole(inference(model, x)) }
        if batch == 1 {
            bench.record("\(name)_infer_b1_ms", seconds * 1e3)
        } else {
            bench.record("\(name)_infer_b32_samples_s", Double(batch) / seconds)
        }
        LayerTimes.report(name, model, x)
    }
}

do {
    let model = resnet18()
    model.train()
    let optimizer = SGD(model.parameters(), lr: 0.01, momentum: 0.9)
    let criterion = CrossEntropyLoss()
    let x = Tensor.randn(32, 3, 224, 224), target = Tensor.randint(0, 1000, [32])
    let seconds = Bench.median(warmup: 2, iterations: 5) {
        optimizer.zeroGrad()
        criterion(model(x), target).backward()
        optimizer.step()
    }
    bench.record("resnet18_train_b32_samples_s", 32 / seconds)
}
bench.printJSON()
