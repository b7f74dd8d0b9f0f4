import Autodiff
import TensorCore

/// `t.unbind(0)` of a packed [3, ...] q/k/v tensor as one graph node whose backward stacks the three
/// gradients (one copy). Three separate `select` nodes would each zero-fill and scatter a full-size gradient.
enum StackedUnbind: Autograd.Function {
    static func forward(_ ctx: FunctionContext, _ inputs: [Tensor]) -> [Tensor] {
        ctx.values["part"] = Array(inputs[0].sizes.dropFirst())
        ctx.values["dtype"] = inputs[0].dtype
        return inputs[0].unbind(dim: 0)
    }

    static func backward(_ ctx: FunctionContext, _ gradOutputs: [Tensor?]) -> [Tensor?] {
        let part = ctx.values["part"] as! [Int], dtype = ctx.values["dtype"] as! DType
        return [Tensor.stack(gradOutputs.map { $0 ?? Tensor.zeros(part, dtype: dtype) }, dim: 0)]
    }
}
