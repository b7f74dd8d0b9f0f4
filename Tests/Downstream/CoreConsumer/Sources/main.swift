// TensorCore alone has no autograd: fit y = 3x - 2 by gradient descent with the gradient written out,
// then compare with LAPACK's least-squares answer.
import TensorCore

manualSeed(0)
let x = Tensor.randn(256, 1)
let y = 3 * x - 2 + 0.01 * Tensor.randn(256, 1)
var w = Tensor.zeros(1, 1)
var b = Tensor.zeros(1)
for _ in 0..<300 {
    let err = x.matmul(w) + b - y  // d(mean(err²))/dw = 2·xᵀ·err / n
    w = w - 0.1 * (2 * x.t().matmul(err) / 256)
    b = b - 0.1 * (2 * err.mean(dim: 0))
}
let exact = Linalg.lstsq(Tensor.cat([x, Tensor.ones(256, 1)], dim: 1), y).solution
let fitted = Tensor.cat([w, b.unsqueeze(1)], dim: 0)
precondition(fitted.allclose(exact, atol: 1e-4), "gradient descent \(fitted) != lstsq \(exact)")
print("core-consumer: w \(w.item(Double.self)) b \(b.item(Double.self)) ok, \(Threads.get()) threads")
