import Torch

/// The guide's `train_epoch` and `evaluate`, with a progress report and a stop flag checked after
/// every batch. Losses are means over batches (`total_loss / len(loader)`), accuracies in percent.
enum Epochs {
    /// nil when Ctrl-C stopped the epoch (after the batch in flight).
    /// With `amp` the forward pass and the loss run under autocast in that dtype (section 18), the backward
    /// through `scaler` (enabled for float16, whose range needs it).
    static func train<D: Dataset>(
        _ model: Module, _ loader: DataLoader<D, (Tensor, Tensor)>, _ criterion: CrossEntropyLoss,
        _ optimizer: Optimizer, amp: DType?, scaler: GradScaler, progress: inout Progress
    ) throws -> (loss: Double, accuracy: Double)? {
        _ = model.train()
        var totalLoss = 0.0, correct = 0, total = 0, batches = 0
        let iterator = loader.makeIterator()
        while let (data, target) = try iterator.nextBatch() {
            optimizer.zeroGrad()
            let (output, loss) = autocast(dtype: amp, enabled: amp != nil) {
                let output = model(data)
                return (output, criterion(output, target))
            }
            scaler.scale(loss).backward()
            scaler.step(optimizer)
            scaler.update()
            totalLoss += loss.item(Double.self)
            correct += Int(output.argmax(dim: 1).eq(target).sum().item(Int64.self))
            total += target.shape[0]
            batches += 1
            progress.update(batch: batches, done: total, runningLoss: totalLoss / Double(batches))
            if Interrupt.requested { return nil }
        }
        return (totalLoss / Double(max(batches, 1)), 100.0 * Double(correct) / Double(max(total, 1)))
    }

    static func evaluate<D: Dataset>(
        _ model: Module, _ loader: DataLoader<D, (Tensor, Tensor)>, _ criterion: CrossEntropyLoss, amp: DType?
    ) throws -> (loss: Double, accuracy: Double) {
        _ = model.eval()
        var totalLoss = 0.0, correct = 0, total = 0, batches = 0
        try noGrad {
            try loader.iterate { data, target in
                let (output, loss) = autocast(dtype: amp, enabled: amp != nil) {
                    let output = model(data)
                    return (output, criterion(output, target))
                }
                totalLoss += loss.item(Double.self)
                correct += Int(output.argmax(dim: 1).eq(target).sum().item(Int64.self))
                total += target.shape[0]
                batches += 1
            }
        }
        return (totalLoss / Double(max(batches, 1)), 100.0 * Double(correct) / Double(max(total, 1)))
    }
}
