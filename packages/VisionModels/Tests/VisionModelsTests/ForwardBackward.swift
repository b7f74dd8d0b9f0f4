import Autodiff
import Foundation
import Layers
import TensorCore
import Testing
import TorchTestSupport

/// A seeded model's numbers against the fixture of generate/models.py's `forward_backward`: eval output
/// within 1e-4 absolute (sums in another order than torch's kernels), then a train-mode forward, the
/// cross-entropy loss against `target`, the named gradients and every parameter's gradient checksum.
func expectForwardBackwardMatches(_ model: Module, input x: Tensor, target: [Int64], _ fixture: Fixture) throws {
    model.eval()
    let evalOut = noGrad { model(x) }
    expectClose(evalOut, try fixture.tensor("eval_output"), rtol: 0, atol: 1e-4)

    model.train()
    let out = model(x)
    let loss = F.crossEntropy(out, Tensor(target))
    loss.backward()
    expectClose(out.detach(), try fixture.tensor("train_output"), rtol: 0, atol: 1e-4)
    let torchLoss = try #require((fixture["train_loss"] as? NSNumber)?.doubleValue)
    #expect(abs(loss.item(Double.self) - torchLoss) < 1e-5)

    let grads = try #require(fixture["grads"] as? [String: Any])
    let parameters = Dictionary(uniqueKeysWithValues: model.namedParameters())
    // An early layer's gradient carries every later layer's summation order (torch's oneDNN, our sgemm or
    // Winograd, OpenBLAS on AVX2-only machines): efficientnet_b0's stem BatchNorm weight moves by 1.7e-3
    // relative between the AVX-512 and AVX2 routes.
    for (name, value) in grads {
        expectClose(parameters[name]!.grad!, try Fixture.decodeTensor(value), rtol: 5e-3, atol: 1e-6, name)
    }
    let checksums = try #require(fixture["grad_checksums"] as? [String: Any])
    #expect(checksums.count == parameters.count)
    for (name, value) in checksums {
        let got = Checksum(parameters[name]!.grad!), want = try Checksum(fixture: value)
        // The bias of a BatchNorm whose output reaches the next train-mode BatchNorm unchanged (a
        // MobileNet/EfficientNet projection without residual) has a zero gradient in exact arithmetic:
        // the next normalization removes any shift. Both sides hold rounding noise, equal in size only.
        if want.sumOfSquares.squareRoot() < 1e-5 {
            #expect(got.sumOfSquares.squareRoot() < 1e-5, "\(name): \(got) is not rounding noise")
            continue
        }
        #expect(got.matches(want, rtol: 2e-3, leadingExact: false), "\(name): \(got) vs \(want)")
    }
}
