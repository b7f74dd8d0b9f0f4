import TensorCore

/// Values a `@Parameter` / `@Buffer` can wrap: a tensor, or an optional one (`bias: Tensor?`,
/// registered as None when nil, like `register_parameter("bias", None)`).
/// No PyTorch counterpart: Swift's static types need a protocol for what Python's dynamic attributes hold.
public protocol TensorSlotValue {
    static func fromSlot(_ tensor: Tensor?) -> Self
    var slotTensor: Tensor? { get }
}

extension Tensor: TensorSlotValue {
    /// A present tensor; a registered None here is a programming error
    /// (No PyTorch counterpart: property-wrapper plumbing).
    public static func fromSlot(_ tensor: Tensor?) -> Tensor {
        guard let tensor else { torchFail("registered tensor is None") }
        return tensor
    }
    /// No PyTorch counterpart: property-wrapper plumbing, the tensor as the registry stores it.
    public var slotTensor: Tensor? { self }
}

extension Optional: TensorSlotValue where Wrapped == Tensor {
    /// No PyTorch counterpart: property-wrapper plumbing, nil for a slot registered as None.
    public static func fromSlot(_ tensor: Tensor?) -> Self { tensor }
    /// No PyTorch counterpart: property-wrapper plumbing, the tensor as the registry stores it.
    public var slotTensor: Tensor? { self }
}

/// Found once by reflection when the module is constructed; registers under `name` (default: the
/// property name in snake_case, `runningMean` → `running_mean`).
protocol ReflectedRegistration: AnyObject {
    func register(in module: Module, propertyName: String)
}

/// `self.weight = nn.Parameter(...)`: the property is a registered parameter (requires grad).
/// PyTorch: `torch.nn.Parameter` assigned to a module attribute (`torch.nn.Module.__setattr__`).
@propertyWrapper
public final class Parameter<Value: TensorSlotValue>: ReflectedRegistration {
    let slot: ParameterSlot
    let name: String?

    /// A parameter holding `wrappedValue`; `name` overrides the snake_case property name as the key
    /// (PyTorch: `self.name = torch.nn.Parameter(value)`).
    public init(wrappedValue: Value, name: String? = nil) {
        slot = ParameterSlot(wrappedValue.slotTensor)
        self.name = name
    }

    /// A parameter under an explicit key, assigned in the initializer.
    /// PyTorch: `self.register_parameter(name, ...)` with the value set later.
    public init(name: String) {
        slot = ParameterSlot(nil)
        self.name = name
    }

    /// The parameter; assigning wraps the new tensor as a parameter (PyTorch: `torch.nn.Module.__setattr__`).
    public var wrappedValue: Value {
        get { Value.fromSlot(slot.tensor) }
        set { slot.tensor = newValue.slotTensor.map(ParameterSlot.asParameter) }
    }

    func register(in module: Module, propertyName: String) {
        module.parameterTable.set(name ?? snakeCase(propertyName), slot)
    }
}

/// `self.register_buffer(name, tensor, persistent=...)` as a property.
/// PyTorch: `torch.nn.Module.register_buffer` tied to a property.
@propertyWrapper
public final class Buffer<Value: TensorSlotValue>: ReflectedRegistration {
    let slot: BufferSlot
    let name: String?

    /// A buffer holding `wrappedValue`; `name` overrides the snake_case property name as the key
    /// (PyTorch: `self.register_buffer(name, value, persistent)`).
    public init(wrappedValue: Value, name: String? = nil, persistent: Bool = true) {
        slot = BufferSlot(wrappedValue.slotTensor, persistent: persistent)
        self.name = name
    }

    /// A buffer under an explicit key, assigned in the initializer.
    /// PyTorch: `self.register_buffer(name, ..., persistent)` with the value set later.
    public init(name: String, persistent: Bool = true) {
        slot = BufferSlot(nil, persistent: persistent)
        self.name = name
    }

    /// The buffer; assigning replaces the registered tensor (PyTorch: `torch.nn.Module.__setattr__`).
    public var wrappedValue: Value {
        get { Value.fromSlot(slot.tensor) }
        set { slot.tensor = newValue.slotTensor }
    }

    func register(in module: Module, propertyName: String) {
        module.bufferTable.set(name ?? snakeCase(propertyName), slot)
    }
}

/// A submodule property (`self.fc1 = nn.Linear(...)`); `M` may be optional (registered as None when nil).
/// PyTorch: assigning a module to an attribute (`torch.nn.Module.__setattr__`, `add_module`).
@propertyWrapper
public final class Child<M>: ReflectedRegistration {
    let slot: ChildSlot
    let name: String?

    /// A child holding `wrappedValue`; `name` overrides the snake_case property name as the key
    /// (PyTorch: `self.name = module`).
    public init(wrappedValue: M, name: String? = nil) {
        slot = ChildSlot(Self.module(wrappedValue))
        self.name = name
    }

    /// `@Child(name: "W_q") var wQ: Linear`, assigned in the initializer: the key differs from the
    /// property's snake_case name.
    /// PyTorch: `self.add_module(name, ...)` with the module set later.
    public init(name: String) {
        slot = ChildSlot(nil)
        self.name = name
    }

    /// The submodule; assigning replaces the registered child (PyTorch: `torch.nn.Module.__setattr__`).
    public var wrappedValue: M {
        get { slot.module as Any as! M }
        set { slot.module = Self.module(newValue) }
    }

    /// The value as a Module, nil for a nil optional. Not `value as Any as? Module`: for an optional
    /// child holding nil, Swift 6.3's optimizer turns that cast into swift_dynamicCastClass on a null
    /// reference, so `@Child var norm: LayerNorm?` crashed at init in release builds (`OptionalChildTests`,
    /// run in release by `make test-release`). Optionals are unwrapped through a protocol instead.
    static func module(_ value: M) -> Module? {
        if let optional = value as? any OptionalModule { return optional.wrappedModule }
        return value as? Module
    }

    func register(in module: Module, propertyName: String) {
        module.childTable.set(name ?? snakeCase(propertyName), slot)
    }
}

/// An optional child's payload, reached without casting the optional itself through `Any`.
protocol OptionalModule { var wrappedModule: Module? { get } }
extension Optional: OptionalModule { var wrappedModule: Module? { flatMap { $0 as? Module } } }

/// `runningMean` → `running_mean`, `weightHhL0Reverse` → `weight_hh_l0_reverse`, `MLPHead` → `mlp_head`.
func snakeCase(_ name: String) -> String {
    let chars = Array(name)
    var out = ""
    for (i, c) in chars.enumerated() {
        if c.isUppercase {
            let prev = i > 0 ? chars[i - 1] : nil
            let next = i + 1 < chars.count ? chars[i + 1] : nil
            let startsWord = prev.map { $0.isLowercase || $0.isNumber } ?? false
            let endsAcronym = (prev?.isUppercase ?? false) && (next?.isLowercase ?? false)
            if startsWord || endsAcronym { out.append("_") }
            out += c.lowercased()
        } else {
            out.append(c)
        }
    }
    return out
}
