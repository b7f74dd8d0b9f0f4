import Layers
import TensorCore

/// How the sweep calls one op: the case's arguments in, the op's outputs out (a tuple's parts in order);
/// nil when Swift has no form for those arguments (a number where only a tensor is taken).
typealias SweepOp = @Sendable (SweepCase) -> [Tensor]?

enum SweepOps {
    /// Every op of the sweep's table, by the name the fixture uses (torch's).
    static let table: [String: SweepOp] = unary.merging(binary) { a, _ in a }.merging(reductions) { a, _ in a }
        .merging(shape) { a, _ in a }.merging(ternary) { a, _ in a }.merging(nn) { a, _ in a }.merging(misc) { a, _ in a
        }.merging(creation) { a, _ in a }.merging(more) { a, _ in a }.merging(backward) { a, _ in a }

    static func u(_ f: @escaping @Sendable (Tensor) -> Tensor) -> SweepOp { { [f($0.tensors[0])] } }

    /// A binary op with its tensor form and, when it has one, its number form.
    static func b(
        _ t: @escaping @Sendable (Tensor, Tensor) -> Tensor, _ s: (@Sendable (Tensor, Scalar) -> Tensor)? = nil
    ) -> SweepOp {
        { c in
            guard let number = c.number else { return [t(c.inputs[0].tensor, c.inputs[1].tensor)] }
            return s.map { [$0(c.inputs[0].tensor, number)] }
        }
    }

    static func pair(_ r: ValuesIndices) -> [Tensor] { [r.values, r.indices] }

    /// A reduction by its variant: everything, `dim=` (with keepdim) or `dim=(…)`.
    static func r(
        all: (@Sendable (Tensor) -> [Tensor])? = nil, dim: (@Sendable (Tensor, Int, Bool) -> [Tensor])? = nil,
        dims: (@Sendable (Tensor, [Int], Bool) -> [Tensor])? = nil
    ) -> SweepOp {
        { c in
            let x = c.tensors[0], keepdim = c.bool("keepdim")
            if let several = c.ints("dim") { return dims?(x, several, keepdim) }
            if let one = c.int("dim") { return dim?(x, one, keepdim) }
            return all?(x)
        }
    }
}
