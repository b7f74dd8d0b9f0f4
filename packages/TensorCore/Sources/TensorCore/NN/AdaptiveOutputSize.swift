/// The output size of adaptive pooling: one size for every pooled dim (`7`), or one entry per dim where
/// nil keeps that input dim (torch's `(None, 7)`).
public struct AdaptiveOutputSize: ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral, Sendable, Equatable,
    CustomStringConvertible
{
    public var values: [Int?]
    public init(_ values: [Int?]) { self.values = values }
    public init(_ sizes: IntOrTuple) { values = sizes.values }
    public init(integerLiteral value: Int) { values = [value] }
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
