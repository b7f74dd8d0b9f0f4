/// The output size of adaptive pooling: one size for every pooled dim (`7`), or one entry per dim where
/// nil keeps that input dim (torch's `(None, 7)`).
public struct AdaptiveOutputSize: ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral, Sendable, Equatable,
    CustomStringConvertible
{
    /// One entry per pooled dim, nil keeping the input's size (PyTorch: `output_size`'s `None`).
    public var values: [Int?]
    /// PyTorch: `output_size=(None, 7)`.
    public init(_ values: [Int?]) { self.values = values }
    /// PyTorch: an int or tuple `output_size` with no `None`.
    public init(_ sizes: IntOrTuple) { values = sizes.values }
    /// `7`: the same size for every pooled dim (PyTorch: `output_size=7`).
    public init(integerLiteral value: Int) { values = [value] }
    /// `[nil, 7]`: one entry per pooled dim (PyTorch: `output_size=(None, 7)`).
    public init(arrayLiteral elements: Int?...) { values = elements }

    /// Python's spelling, as torch's module repr prints it: `7`, `(None, 7)`.
    public var description: String {
        let spelled = values.map { $0.map(String.init) ?? "None" }
        return spelled.count == 1 ? spelled[0] : "(" + spelled.joined(separator: ", ") + ")"
    }

    /// The size of each of the trailing `count` dims of `inputSizes`; `message` is torch's for a wrong count.
    func resolve(_ count: Int, _ inputSizes: [Int], _ message: String) -> [Int] {
        let sizes = values.count == 1 ? [Int?](repeating: values[0], count: count) : values
        torchCheck(sizes.count == count, message)
        let trailing = inputSizes.suffix(count)
        return zip(sizes, trailing).map { $0 ?? $1 }
    }
}
