import TensorCore

extension Autograd {
    /// `torch.autograd.functional`: Jacobians, Hessians and products built on `Autograd.grad`.
    public enum Functional {
        /// `vjp(func, inputs, v)`: the output and vᵀ·J for each input.
        /// PyTorch: `torch.autograd.functional.vjp`.
        public static func vjp(
            _ function: ([Tensor]) -> Tensor, _ inputs: [Tensor], v: Tensor? = nil, createGraph: Bool = false
        ) -> (output: Tensor, vjp: [Tensor]) {
            let xs = inputs.map { prepared($0, createGraph) }
            let output = enableGrad { function(xs) }
            let grads = Autograd.grad(
                outputs: [output], inputs: xs, gradOutputs: [v ?? Tensor.onesLike(output)],
                createGraph: createGraph, allowUnused: true, materializeGrads: true)
            return (createGraph ? output : output.detach(), grads.map { $0! })
        }

        /// `jvp(func, inputs, v)`: the output and J·v (computed by the double-vjp trick).
        /// PyTorch: `torch.autograd.functional.jvp`.
        public static func jvp(
            _ function: ([Tensor]) -> Tensor, _ inputs: [Tensor], v: [Tensor], createGraph: Bool = false
        ) -> (output: Tensor, jvp: Tensor) {
            let xs = inputs.map { prepared($0, createGraph) }
            return enableGrad {
                let output = function(xs)
                let u = Tensor.zerosLike(output).requiresGrad_()
                let g = Autograd.grad(
                    outputs: [output], inputs: xs, gradOutputs: [u], createGraph: true, allowUnused: true,
                    materializeGrads: true)
                let used = zip(g, v).filter { $0.0!.requiresGrad }
                guard !used.isEmpty else { return (output.detach(), Tensor.zerosLike(output)) }
                let result = Autograd.grad(
                    outputs: used.map { $0.0! }, inputs: [u], gradOutputs: used.map { $0.1 },
                    createGraph: createGraph, allowUnused: true, materializeGrads: true)[0]!
                return (createGraph ? output : output.detach(), result)
            }
        }

        /// `jacobian(func, input)`: shape output.shape + input.shape.
        /// PyTorch: `torch.autograd.functional.jacobian` with one input.
        public static func jacobian(_ function: (Tensor) -> Tensor, _ input: Tensor, createGraph: Bool = false)
            -> Tensor
        {
            jacobian({ function($0[0]) }, [input], createGraph: createGraph)[0]
        }

        /// `jacobian(func, inputs)`: one Jacobian per input.
        /// PyTorch: `torch.autograd.functional.jacobian` with a tuple of inputs.
        public static func jacobian(_ function: ([Tensor]) -> Tensor, _ inputs: [Tensor], createGraph: Bool = false)
            -> [Tensor]
        {
            let xs = inputs.map { prepared($0, createGraph) }
            let output = enableGrad { function(xs) }
            let outShape = output.sizes
            var rows: [[Tensor]] = inputs.map { _ in [] }
            for k in 0..<output.numel {
                let oneHot = Tensor.zeros([output.numel], dtype: output.dtype)
                _ = noGrad { oneHot.select(dim: 0, index: k).fill_(1) }
                let grads =
                    output.requiresGrad
                    ? Autograd.grad(
                        outputs: [output], inputs: xs, gradOutputs: [oneHot.reshape(outShape)], retainGraph: true,
                        createGraph: createGraph, allowUnused: true, materializeGrads: true)
                    : xs.map { Tensor.zerosLike($0) }
                for (i, g) in grads.enumerated() { rows[i].append(g!) }
            }
            return rows.enumerated().map { i, r in
                let shape = outShape + inputs[i].sizes
                return r.isEmpty ? Tensor.zeros(shape, dtype: inputs[i].dtype) : Tensor.stack(r).reshape(shape)
            }
        }

        /// `hessian(func, input)` of a scalar function: shape input.shape + input.shape.
        /// PyTorch: `torch.autograd.functional.hessian`.
        public static func hessian(_ function: (Tensor) -> Tensor, _ input: Tensor, createGraph: Bool = false) -> Tensor
        {
            jacobian(
                { x in
                    Autograd.grad(
                        outputs: [function(x)], inputs: [x], createGraph: true, allowUnused: true,
                        materializeGrads: true)[0]!
                }, input, createGraph: createGraph)
        }

        /// `vhp(func, input, v)`: vᵀ·H (equal to H·v for the symmetric Hessian).
        /// PyTorch: `torch.autograd.functional.vhp` (and `hvp`, which is equal for a symmetric Hessian).
        public static func hvp(_ function: (Tensor) -> Tensor, _ input: Tensor, v: Tensor) -> (
            output: Tensor, hvp: Tensor
        ) {
            let x = prepared(input, false)
            return enableGrad {
                let output = function(x)
                let g = Autograd.grad(outputs: [output], inputs: [x], createGraph: true)[0]!
                let result = Autograd.grad(
                    outputs: [g], inputs: [x], gradOutputs: [v], allowUnused: true, materializeGrads: true)[0]!
                return (output.detach(), result)
            }
        }

        private static func prepared(_ t: Tensor, _ createGraph: Bool) -> Tensor {
            createGraph && t.requiresGrad ? t.viewAs(t) : t.detach().requiresGrad_()
        }
    }
}
