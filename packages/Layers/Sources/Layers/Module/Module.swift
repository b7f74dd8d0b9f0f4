import Autodiff
import TensorCore

/// `torch.nn.Module`: ordered registries of parameters, buffers and child modules. Only what is
/// wrapped (`@Parameter`, `@Buffer`, `@Child`) or registered explicitly counts. Wrapped properties
/// are found once, by reflection, when the module is constructed: base-class properties first, each
/// class's in declaration order; explicit registrations follow in call order.
open class Module: CustomStringConvertible {
    var parameterTable = OrderedTable<ParameterSlot>()
    var bufferTable = OrderedTable<BufferSlot>()
    var childTable = OrderedTable<ChildSlot>()
    var hooks = HookTable()

    /// `module.training`; flipped recursively by `train()` / `eval()`.
    /// PyTorch: `torch.nn.Module.training`.
    public var training = true

    /// An empty module; the wrapped properties of every class in the hierarchy register themselves here,
    /// in declaration order (PyTorch: `torch.nn.Module.__init__`).
    public init() {
        // Phase one of initialization has set every stored property of every subclass already.
        var mirrors: [Mirror] = []
        var mirror: Mirror? = Mirror(reflecting: self)
        while let m = mirror {
            mirrors.append(m)
            mirror = m.superclassMirror
        }
        for m in mirrors.reversed() {
            for child in m.children {
                guard let label = child.label, let wrapper = child.value as? ReflectedRegistration else { continue }
                wrapper.register(in: self, propertyName: label.hasPrefix("_") ? String(label.dropFirst()) : label)
            }
        }
    }

    // MARK: Forward

    /// Override for single-tensor modules; modules with other signatures define their own `callAsFunction`.
    /// PyTorch: `torch.nn.Module.forward`.
    open func forward(_ input: Tensor) -> Tensor {
        torchFail("Module [\(typeName)] is missing the required \"forward\" function")
    }

    /// `module(x)`: `forward`, with the module's hooks around it when it has any.
    /// PyTorch: `torch.nn.Module.__call__`.
    public func callAsFunction(_ input: Tensor) -> Tensor { hooks.isEmpty ? forward(input) : hooks.call(self, input) }

    /// A fresh module of this class with this module's configuration, for `deepCopy()` (which then replaces
    /// its parameters, buffers and children with copies of this module's). Subclasses override it.
    /// No PyTorch counterpart: `copy.deepcopy` copies any Python object generically, a Swift class must say
    /// how to build itself.
    open func makeCopy() -> Module {
        torchFail(
            "\(typeName) cannot be deep-copied: override makeCopy() to build a \(typeName) with the same configuration")
    }

    // MARK: Registration

    /// `register_parameter(name, param)`; nil registers None (absent from parameters and state dict).
    /// PyTorch: `torch.nn.Module.register_parameter`.
    public func registerParameter(_ name: String, _ tensor: Tensor?) {
        checkName(name, kind: "parameter")
        torchCheck(bufferTable[name] == nil && childTable[name] == nil, "attribute '\(name)' already exists")
        parameterTable.set(name, ParameterSlot(tensor))
    }

    /// `register_buffer(name, tensor, persistent=True)`.
    /// PyTorch: `torch.nn.Module.register_buffer`.
    public func registerBuffer(_ name: String, _ tensor: Tensor?, persistent: Bool = true) {
        checkName(name, kind: "buffer")
        torchCheck(parameterTable[name] == nil && childTable[name] == nil, "attribute '\(name)' already exists")
        bufferTable.set(name, BufferSlot(tensor, persistent: persistent))
    }

    /// `add_module(name, module)` / `register_module`.
    /// PyTorch: `torch.nn.Module.add_module` / `torch.nn.Module.register_module`.
    public func addModule(_ name: String, _ module: Module?) {
        checkName(name, kind: "module")
        torchCheck(parameterTable[name] == nil && bufferTable[name] == nil, "attribute '\(name)' already exists")
        childTable.set(name, ChildSlot(module))
    }

    private func checkName(_ name: String, kind: String) {
        torchCheck(!name.contains("."), "\(kind) name can't contain \".\"")
        torchCheck(!name.isEmpty, "\(kind) name can't be empty string \"\"")
    }

    /// `getattr(module, name)` for registered things (parameters, then buffers).
    /// PyTorch: `torch.nn.Module.__getattr__`.
    public func parameter(_ name: String) -> Tensor? { parameterTable[name]?.tensor }
    /// The registered buffer `name`, or nil when absent or None (PyTorch: `getattr(module, name)`, `torch.nn.Module.__getattr__`).
    public func buffer(_ name: String) -> Tensor? { bufferTable[name]?.tensor }
    /// The registered child module `name`, or nil when absent or None (PyTorch: `getattr(module, name)`, `torch.nn.Module.__getattr__`).
    public func child(_ name: String) -> Module? { childTable[name]?.module }

    /// `setattr` of a registered parameter (wrapped as `nn.Parameter`) or buffer.
    /// PyTorch: `torch.nn.Module.__setattr__`; the name must already be registered as a parameter.
    public func setParameter(_ name: String, _ tensor: Tensor?) {
        guard let slot = parameterTable[name] else { torchFail("'\(typeName)' object has no parameter '\(name)'") }
        slot.tensor = tensor.map(ParameterSlot.asParameter)
    }
    /// Replaces a registered buffer's tensor; the name must already be registered as a buffer
    /// (PyTorch: `setattr(module, name, tensor)`, `torch.nn.Module.__setattr__`).
    public func setBuffer(_ name: String, _ tensor: Tensor?) {
        guard let slot = bufferTable[name] else { torchFail("'\(typeName)' object has no buffer '\(name)'") }
        slot.tensor = tensor
    }
    /// Replaces a registered child module; the name must already be registered as a child
    /// (PyTorch: `setattr(module, name, module)`, `torch.nn.Module.__setattr__`).
    public func setChild(_ name: String, _ module: Module?) {
        guard let slot = childTable[name] else { torchFail("'\(typeName)' object has no submodule '\(name)'") }
        slot.module = module
    }

    /// `get_submodule("encoder.layers.0")`.
    /// PyTorch: `torch.nn.Module.get_submodule`.
    public func getSubmodule(_ target: String) -> Module {
        if target.isEmpty { return self }
        var module: Module = self
        for item in target.split(separator: ".", omittingEmptySubsequences: false).map(String.init) {
            guard let next = module.child(item) else {
                torchFail("\(module.typeName) has no attribute `\(item)`")
            }
            module = next
        }
        return module
    }

    // MARK: Iteration (torch order: own entries first, then children depth first; duplicates once)

    /// The direct children, each once, in registration order (PyTorch: `torch.nn.Module.children`).
    public func children() -> [Module] { namedChildren().map(\.1) }

    /// The direct children with their attribute names, each module once (PyTorch: `torch.nn.Module.named_children`).
    public func namedChildren() -> [(String, Module)] {
        var seen = Set<ObjectIdentifier>()
        return childTable.entries.compactMap { name, slot in
            guard let m = slot.module, seen.insert(ObjectIdentifier(m)).inserted else { return nil }
            return (name, m)
        }
    }

    /// This module and all its descendants, depth first, each once (PyTorch: `torch.nn.Module.modules`).
    public func modules() -> [Module] { namedModules().map(\.1) }

    /// This module and all its descendants with their dotted paths, depth first
    /// (PyTorch: `torch.nn.Module.named_modules`).
    public func namedModules(prefix: String = "", removeDuplicate: Bool = true) -> [(String, Module)] {
        var seen = Set<ObjectIdentifier>()
        var out: [(String, Module)] = []
        func walk(_ m: Module, _ prefix: String) {
            if removeDuplicate && !seen.insert(ObjectIdentifier(m)).inserted { return }
            out.append((prefix, m))
            for (name, slot) in m.childTable.entries {
                guard let c = slot.module else { continue }
                walk(c, prefix.isEmpty ? name : prefix + "." + name)
            }
        }
        walk(self, prefix)
        return out
    }

    /// Every parameter, own first then the children's depth first, shared ones once
    /// (PyTorch: `torch.nn.Module.parameters`).
    public func parameters(recurse: Bool = true) -> [Tensor] { namedParameters(recurse: recurse).map(\.1) }

    /// Every parameter with its state-dict key, in `parameters()` order (PyTorch: `torch.nn.Module.named_parameters`).
    public func namedParameters(prefix: String = "", recurse: Bool = true, removeDuplicate: Bool = true) -> [(
        String, Tensor
    )] {
        namedMembers(prefix: prefix, recurse: recurse, removeDuplicate: removeDuplicate) { m in
            m.parameterTable.entries.compactMap { n, s in s.tensor.map { (n, $0) } }
        }
    }

    /// Every buffer (persistent or not), own first then the children's depth first
    /// (PyTorch: `torch.nn.Module.buffers`).
    public func buffers(recurse: Bool = true) -> [Tensor] { namedBuffers(recurse: recurse).map(\.1) }

    /// Every buffer with its dotted name, in `buffers()` order (PyTorch: `torch.nn.Module.named_buffers`).
    public func namedBuffers(prefix: String = "", recurse: Bool = true, removeDuplicate: Bool = true) -> [(
        String, Tensor
    )] {
        namedMembers(prefix: prefix, recurse: recurse, removeDuplicate: removeDuplicate) { m in
            m.bufferTable.entries.compactMap { n, s in s.tensor.map { (n, $0) } }
        }
    }

    private func namedMembers(
        prefix: String, recurse: Bool, removeDuplicate: Bool, _ members: (Module) -> [(String, Tensor)]
    ) -> [(String, Tensor)] {
        var seen = Set<ObjectIdentifier>()
        var out: [(String, Tensor)] = []
        let mods = recurse ? namedModules(prefix: prefix, removeDuplicate: removeDuplicate) : [(prefix, self)]
        for (modPrefix, m) in mods {
            for (name, t) in members(m) {
                if removeDuplicate && !seen.insert(ObjectIdentifier(t)).inserted { continue }
                out.append((modPrefix.isEmpty ? name : modPrefix + "." + name, t))
            }
        }
        return out
    }

    // MARK: Modes and bulk changes

    /// Sets `training` on this module and all its descendants, which switches dropout and batch-norm
    /// statistics (PyTorch: `torch.nn.Module.train`).
    @discardableResult
    public func train(_ mode: Bool = true) -> Self {
        training = mode
        for c in children() { c.train(mode) }
        return self
    }

    /// `train(false)`: inference behaviour for dropout and batch norm (PyTorch: `torch.nn.Module.eval`).
    @discardableResult
    public func eval() -> Self { train(false) }

    /// `zero_grad(set_to_none=True)`.
    /// PyTorch: `torch.nn.Module.zero_grad`.
    public func zeroGrad(setToNone: Bool = true) {
        for p in parameters() {
            guard let g = p.grad else { continue }
            if setToNone {
                p.grad = nil
            } else {
                p.grad = g.gradFn != nil ? g.detach() : g
                p.grad?.zero_()
            }
        }
    }

    /// `requires_grad_(requires_grad=True)` on every parameter.
    /// PyTorch: `torch.nn.Module.requires_grad_`.
    @discardableResult
    public func requiresGrad_(_ requiresGrad: Bool = true) -> Self {
        for p in parameters() { p.requiresGrad = requiresGrad }
        return self
    }

    /// `apply(fn)`: children first (depth first), then this module.
    /// PyTorch: `torch.nn.Module.apply`.
    @discardableResult
    public func apply(_ fn: (Module) -> Void) -> Self {
        for c in children() { c.apply(fn) }
        fn(self)
        return self
    }

    /// `module.to(dtype)`: floating parameters and buffers converted (parameters stay parameters,
    /// keeping their requires_grad), others left as they are.
    /// PyTorch: `torch.nn.Module.to` (the dtype form).
    @discardableResult
    public func to(dtype: DType) -> Self {
        torchCheck(
            dtype.isFloatingPoint,
            "nn.Module.to only accepts floating point or complex dtypes, but got desired dtype=\(dtype)")
        for m in modules() {
            for slot in m.parameterTable.values {
                guard let t = slot.tensor, t.dtype.isFloatingPoint, t.dtype != dtype else { continue }
                let converted = noGrad { t.to(dtype) }
                converted.requiresGrad = t.requiresGrad
                slot.tensor = converted
            }
            for slot in m.bufferTable.values {
                guard let t = slot.tensor, t.dtype.isFloatingPoint, t.dtype != dtype else { continue }
                slot.tensor = t.to(dtype)
            }
        }
        return self
    }

    /// Floating parameters and buffers to float32 (PyTorch: `torch.nn.Module.float`).
    @discardableResult public func float() -> Self { to(dtype: .float32) }
    /// Floating parameters and buffers to float64 (PyTorch: `torch.nn.Module.double`).
    @discardableResult public func double() -> Self { to(dtype: .float64) }
    /// Floating parameters and buffers to float16 (PyTorch: `torch.nn.Module.half`).
    @discardableResult public func half() -> Self { to(dtype: .float16) }
    /// Floating parameters and buffers to bfloat16 (PyTorch: `torch.nn.Module.bfloat16`).
    @discardableResult public func bfloat16() -> Self { to(dtype: .bfloat16) }

    /// `sum(p.numel() for p in model.parameters())`, optionally only those requiring grad.
    /// No PyTorch counterpart: a method for the idiom torch users write out by hand.
    public func parameterCount(trainableOnly: Bool = false) -> Int {
        parameters().reduce(0) { $0 + (!trainableOnly || $1.requiresGrad ? $1.numel : 0) }
    }

    // MARK: Printing

    /// The class name as torch prints it (`Linear`).
    open var typeName: String { String(describing: type(of: self)) }

    /// `extra_repr()`: the text inside the parentheses of this module's line.
    /// PyTorch: `torch.nn.Module.extra_repr`.
    open var extraRepr: String { "" }

    /// `repr(module)`: `Name(extra)` or a block listing `(name): child` lines indented by two.
    /// PyTorch: `torch.nn.Module.__repr__`.
    public var description: String {
        var lines: [String] = []
        let extra = extraRepr
        if !extra.isEmpty { lines += extra.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
        let childLines = reprChildLines
        lines += childLines
        var main = typeName + "("
        if !lines.isEmpty {
            if lines.count == 1 && childLines.isEmpty {
                main += lines[0]
            } else {
                main += "\n  " + lines.joined(separator: "\n  ") + "\n"
            }
        }
        return main + ")"
    }

    /// `(name): child` lines, later lines of a child indented by two (torch's `_addindent`).
    var reprChildLines: [String] {
        // A None child is left out: torch registers `self.norm = None` as a plain attribute.
        childTable.entries.compactMap { name, slot in slot.module.map { indentRepr("(\(name)): " + $0.description) } }
    }
}

func indentRepr(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        .map { $0.offset == 0 ? String($0.element) : "  " + $0.element }.joined(separator: "\n")
}
