import Autodiff
import Layers
import TensorCore

/// Eager inference as torch runs it under `torch.no_grad()`.
func noGradForward(_ model: Module, _ x: Tensor) -> Tensor { noGrad { model(x) } }
