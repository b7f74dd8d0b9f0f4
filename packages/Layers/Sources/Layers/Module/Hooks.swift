import Autodiff
import TensorCore

/// `hook(module, input) -> None or modified input`.
/// PyTorch: the hook signature of `torch.nn.Module.register_forward_pre_hook`, with one tensor for the input tuple.
public typealias ForwardPreHook = (Module, Tensor) -> Tensor?
/// `hook(module, input, output) -> None or modified output`.
/// PyTorch: the hook signature of `torch.nn.Module.register_forward_hook`, with one tensor each for input and output.
public typealias ForwardHook = (Module, Tensor, Tensor) -> Tensor?
/// `hook(module, grad_input, grad_output) -> None or new grad_input` (one entry per forward input).
/// PyTorch: the hook signature of `torch.nn.Module.register_full_backward_hook`.
public typealias FullBackwardHook = (Module, _ gradInput: [Tensor?], _ gradOutput: [Tensor?]) -> [Tensor?]?
/// `hook(module, grad_output) -> None or new grad_output`.
/// PyTorch: the hook signature of `torch.nn.Module.register_full_backward_pre_hook`.
public typealias FullBackwardPreHook = (Module, _ gradOutput: [Tensor?]) -> [Tensor?]?

/// `torch.utils.hooks.RemovableHandle`: `remove()` unregisters the hook (again: nothing happens).
public final class RemovableHandle {
    /// A process-wide unique number for the hook (PyTorch: `torch.utils.hooks.RemovableHandle.id`).
    public let id: Int
    private weak var table: HookTable?
    init(id: Int, table: HookTable) {
        self.id = id
        self.table = table
    }
    /// PyTorch: `torch.utils.hooks.RemovableHandle.remove`.
    public func remove() { table?.remove(id) }
}

/// A module's hooks in registration order (`_forward_pre_hooks`, `_forward_hooks`, `_backward_hooks`,
/// `_backward_pre_hooks`). They run when the module is called as `module(x)`.
final class HookTable {
    private nonisolated(unsafe) static var nextID = 0
    var forwardPre: [(Int, ForwardPreHook)] = []
    var forward: [(Int, ForwardHook)] = []
    var backward: [(Int, FullBackwardHook)] = []
    var backwardPre: [(Int, FullBackwardPreHook)] = []

    var isEmpty: Bool { forwardPre.isEmpty && forward.isEmpty && backward.isEmpty && backwardPre.isEmpty }

    func handle<H>(_ list: inout [(Int, H)], _ hook: H, prepend: Bool) -> RemovableHandle {
        Self.nextID += 1
        if prepend { list.insert((Self.nextID, hook), at: 0) } else { list.append((Self.nextID, hook)) }
        return RemovableHandle(id: Self.nextID, table: self)
    }

    func remove(_ id: Int) {
        forwardPre.removeAll { $0.0 == id }
        forward.removeAll { $0.0 == id }
        backward.removeAll { $0.0 == id }
        backwardPre.removeAll { $0.0 == id }
    }

    /// `copy.deepcopy` copies the hook dictionaries: the same hooks, registered on the copy.
    func copy() -> HookTable {
        let t = HookTable()
        (t.forwardPre, t.forward, t.backward, t.backwardPre) = (forwardPre, forward, backward, backwardPre)
        return t
    }

    /// `Module._call_impl`: pre-hooks, backward-hook setup on the input, forward, forward hooks,
    /// backward-hook setup on the output.
    func call(_ module: Module, _ input: Tensor) -> Tensor {
        var x = input
        for (_, hook) in forwardPre { if let r = hook(module, x) { x = r } }
        let backwardHook =
            backward.isEmpty && backwardPre.isEmpty
            ? nil : BackwardHook(module: module, hooks: backward.map(\.1), preHooks: backwardPre.map(\.1))
        if let backwardHook { x = backwardHook.setupInput(x) }
        var y = module.forward(x)
        for (_, hook) in forward { if let r = hook(module, x, y) { y = r } }
        if let backwardHook { y = backwardHook.setupOutput(y) }
        return y
    }
}

/// torch's `BackwardHook`: identity nodes on the module's input and output. The output node captures
/// grad_output (and runs the pre-hooks); the input node, reached once the module's own backward is done,
/// calls the full backward hooks with (grad_input, grad_output) and passes on what they return.
private final class BackwardHook {
    let module: Module, hooks: [FullBackwardHook], preHooks: [FullBackwardPreHook]
    var gradOutputs: [Tensor?]?
    var inputTracked = false

    init(module: Module, hooks: [FullBackwardHook], preHooks: [FullBackwardPreHook]) {
        (self.module, self.hooks, self.preHooks) = (module, hooks, preHooks)
    }

    private func identity(_ x: Tensor, _ backward: @escaping ([Tensor?]) -> [Tensor?]) -> Tensor {
        BackwardHookFunction.$pending.withValue(HookClosure(backward)) { BackwardHookFunction.apply([x])[0] }
    }

    func setupInput(_ x: Tensor) -> Tensor {
        guard x.requiresGrad && isGradEnabled else { return x }
        inputTracked = true
        return identity(x) { [self] gradInput in
            guard let gradOutputs else { return gradInput }  // reached without passing the output
            var res = gradInput
            for hook in hooks {
                guard let out = hook(module, res, gradOutputs) else { continue }
                torchCheck(
                    out.count == res.count,
                    "Backward hook returned an invalid number of grad_input, got \(out.count), but expected \(res.count)"
                )
                res = out
            }
            self.gradOutputs = nil
            return res
        }
    }

    func setupOutput(_ y: Tensor) -> Tensor {
        guard y.requiresGrad && isGradEnabled else { return y }
        return identity(y) { [self] grads in
            var current = grads
            for hook in preHooks {
                guard let out = hook(module, current) else { continue }
                torchCheck(
                    out.count == current.count,
                    "Backward pre hook returned an invalid number of grad_output, got \(out.count), but expected \(current.count)"
                )
                current = out
            }
            gradOutputs = current
            if !inputTracked {
                // No input requires grad: the hooks fire now, with grad_input all None.
                for hook in hooks {
                    let r = hook(module, [nil], current)
                    torchCheck(
                        r?.compactMap({ $0 }).isEmpty ?? true,
                        "Backward hook for Modules where no input requires gradient should always return None or None for all gradients."
                    )
                }
                gradOutputs = nil
            }
            return current
        }
    }
}

extension Module {
    /// `register_forward_pre_hook(hook, prepend=False)`.
    /// PyTorch: `torch.nn.Module.register_forward_pre_hook`.
    @discardableResult
    public func registerForwardPreHook(prepend: Bool = false, _ hook: @escaping ForwardPreHook) -> RemovableHandle {
        hooks.handle(&hooks.forwardPre, hook, prepend: prepend)
    }

    /// `register_forward_hook(hook, prepend=False)`.
    /// PyTorch: `torch.nn.Module.register_forward_hook`.
    @discardableResult
    public func registerForwardHook(prepend: Bool = false, _ hook: @escaping ForwardHook) -> RemovableHandle {
        hooks.handle(&hooks.forward, hook, prepend: prepend)
    }

    /// `register_full_backward_hook(hook, prepend=False)`.
    /// PyTorch: `torch.nn.Module.register_full_backward_hook`.
    @discardableResult
    public func registerFullBackwardHook(prepend: Bool = false, _ hook: @escaping FullBackwardHook) -> RemovableHandle {
        hooks.handle(&hooks.backward, hook, prepend: prepend)
    }

    /// `register_full_backward_pre_hook(hook, prepend=False)`.
    /// PyTorch: `torch.nn.Module.register_full_backward_pre_hook`.
    @discardableResult
    public func registerFullBackwardPreHook(prepend: Bool = false, _ hook: @escaping FullBackwardPreHook)
        -> RemovableHandle
    {
        hooks.handle(&hooks.backwardPre, hook, prepend: prepend)
    }
}

/// torch's `BackwardHookFunction`: an identity node whose backward hands the gradients to a closure.
/// `apply` creates its own context and calls `forward` synchronously, so the closure travels in a task-local.
private enum BackwardHookFunction: Autograd.Function {
    @TaskLocal static var pending: HookClosure?

    static func forward(_ ctx: FunctionContext, _ inputs: [Tensor]) -> [Tensor] {
        ctx.values["hook"] = pending!
        return inputs
    }

    static func backward(_ ctx: FunctionContext, _ gradOutputs: [Tensor?]) -> [Tensor?] {
        (ctx.values["hook"] as! HookClosure).body(gradOutputs)
    }
}

private final class HookClosure: @unchecked Sendable {
    let body: ([Tensor?]) -> [Tensor?]
    init(_ body: @escaping ([Tensor?]) -> [Tensor?]) { self.body = body }
}
