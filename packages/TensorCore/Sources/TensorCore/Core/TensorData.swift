/// Nested Swift arrays (or a single number) that `Tensor(_:)` accepts, like Python lists for
/// `torch.tensor`. `Leaf` is the innermost element type.
public protocol TensorData {
    associatedtype Leaf: TensorElement
    /// Appends this value's shape below `depth` to `shape` (first visit) or checks it (later visits).
    func collect(into leaves: inout [Leaf], shape: inout [Int], depth: Int)
}

extension TensorData where Self: TensorElement {
    /// A number is a leaf: appends it, checking it sits at the depth the shape says (PyTorch: the scalar case
    /// of `torch.tensor`'s nested-sequence walk, with its "expected sequence of length" message).
    public func collect(into leaves: inout [Self], shape: inout [Int], depth: Int) {
        torchCheck(
            depth == shape.count,
            "expected sequence of length \(shape.count > depth ? shape[depth] : 0) at dim \(depth) (got a number)")
        leaves.append(self)
    }
}

extension Bool: TensorData {}
extension UInt8: TensorData {}
extension Int8: TensorData {}
extension Int16: TensorData {}
extension Int32: TensorData {}
extension Int64: TensorData {}
extension Float16: TensorData {}
extension BFloat16: TensorData {}
extension Float: TensorData {}
extension Double: TensorData {}

extension Int: TensorData {
    /// Swift's `Int` is a Python int: collected as int64 (PyTorch: `torch.tensor(3).dtype` is `torch.int64`).
    public func collect(into leaves: inout [Int64], shape: inout [Int], depth: Int) {
        Int64(self).collect(into: &leaves, shape: &shape, depth: depth)
    }
}

extension Array: TensorData where Element: TensorData {
    /// The element type of the innermost arrays (PyTorch: what `torch.tensor` infers the dtype from).
    public typealias Leaf = Element.Leaf
    /// Walks one nesting level, recording its length and checking ragged lists as `torch.tensor` does.
    public func collect(into leaves: inout [Leaf], shape: inout [Int], depth: Int) {
        if depth == shape.count && leaves.isEmpty {
            shape.append(count)
        } else {
            torchCheck(
                depth < shape.count && shape[depth] == count,
                depth < shape.count
                    ? "expected sequence of length \(shape[depth]) at dim \(depth) (got \(count))"
                    : "expected a number at dim \(depth) (got a sequence of length \(count))")
        }
        for element in self { element.collect(into: &leaves, shape: &shape, depth: depth + 1) }
    }
}
