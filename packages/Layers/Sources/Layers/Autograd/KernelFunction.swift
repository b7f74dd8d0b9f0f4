import TensorCore
import Autodiff

/// Records a TensorCore NN kernel as one autograd node whose backward calls the kernel's backward.
/// (The NN kernels are not yet in Autodiff's derivative table; this bridge uses Autodiff's custom
/// functions. `Autograd.Function.apply` creates its own context, so the closures reach `forward`
/// through a task-local, which `forward` reads synchronously on the same thread.)
func recordKernel(
    _ inputs: [Tensor],
    forward: @escaping (FunctionContext, [Tensor]) -> [Tensor],
    backward: @escaping (FunctionContext, [Tensor?]) -> [Tensor?]
) -> [Tensor] {
    KernelFunction.$pending.withValue(KernelClosures(forward: forward, backward: backward)) {
        KernelFunction.apply(inputs)
    }
}

final class KernelClosures: @unchecked Sendable {
    let forward: (FunctionContext, [Tensor]) -> [Tensor]
    let backward: (FunctionContext, [Tensor?]) -> [Tensor?]
    init(forward: @escaping (FunctionContext, [Tensor]) -> [Tensor], backward: @escaping (FunctionContext, [Tensor?]) -> [Tensor?]) {
        self.forward = forward
        self.backward = backward
    }
}

enum KernelFunction: Autograd.Function {
    @TaskLocal static var pending: KernelClosures?

    static func forward(_ ctx: FunctionContext, _ inputs: [Tensor]) -> [Tensor] {
        let closures = pending!
        ctx.values["backward"] = closures.backward
        return closures.forward(ctx, inputs)
    }

    static func backward(_ ctx: FunctionContext, _ gradOutputs: [Tensor?]) -> [Tensor?] {
        let body = ctx.values["backward"] as! (FunctionContext, [Tensor?]) -> [Tensor?]
        return body(ctx, gradOutputs)
    }
}
