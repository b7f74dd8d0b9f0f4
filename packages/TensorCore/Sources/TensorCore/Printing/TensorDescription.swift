import Foundation

// `repr(tensor)` exactly as torch/_tensor_str.py builds it: nested brackets indented under
// "tensor(", one formatter for all shown elements, lines wrapped at `linewidth`, `...` summaries
// past `threshold`, and the suffixes (`size=`, `dtype=`) torch adds.

/// Reads elements straight from storage by element offset, so summarizing a huge tensor touches only
/// the elements it shows.
private struct ElementReader {
    let base: UnsafeRawPointer
    let dtype: DType

    func callAsFunction(_ offset: Int) -> PrintValue {
        switch dtype {
        case .bool: return .bool(base.load(fromByteOffset: offset, as: Bool.self))
        case .uint8: return .int(Int64(base.load(fromByteOffset: offset, as: UInt8.self)))
        case .int8: return .int(Int64(base.load(fromByteOffset: offset, as: Int8.self)))
        case .int16: return .int(Int64(base.loadUnaligned(fromByteOffset: 2 * offset, as: Int16.self)))
        case .int32: return .int(Int64(base.loadUnaligned(fromByteOffset: 4 * offset, as: Int32.self)))
        case .int64: return .int(base.loadUnaligned(fromByteOffset: 8 * offset, as: Int64.self))
        case .float16: return .float(Double(base.loadUnaligned(fromByteOffset: 2 * offset, as: Float16.self)))
        case .bfloat16:
            return .float(
                Double(BFloat16(bitPattern: base.loadUnaligned(fromByteOffset: 2 * offset, as: UInt16.self)).floatValue)
            )
        case .float32: return .float(Double(base.loadUnaligned(fromByteOffset: 4 * offset, as: Float.self)))
        case .float64: return .float(base.loadUnaligned(fromByteOffset: 8 * offset, as: Double.self))
        }
    }
}

private struct ReprPrinter {
    let sizes: [Int]
    let strides: [Int]
    let read: ElementReader
    let options: PrintOptions
    let summarize: Bool

    /// Indices of dimension `dim` that are shown, with nil where `...` goes.
    func shown(_ dim: Int) -> [Int?] {
        let size = sizes[dim], edge = options.edgeitems
        if summarize && size > 2 * edge {
            return (0..<edge).map { $0 } + [nil] + ((size - edge)..<size).map { $0 }
        }
        return (0..<size).map { $0 }
    }

    /// torch's `get_summarized_data`: the values the formatter measures.
    func collect(_ dim: Int, _ offset: Int, into values: inout [PrintValue]) {
        if dim == sizes.count {
            values.append(read(offset))
            return
        }
        if summarize && options.edgeitems == 0 {
            if sizes.count - dim == 1 {  // torch's self[:0] + self[-0:] keeps the whole vector
                for i in 0..<sizes[dim] { values.append(read(offset + i * strides[dim])) }
            }
            return
        }
        for case let i? in shown(dim) { collect(dim + 1, offset + i * strides[dim], into: &values) }
    }

    func render(_ dim: Int, _ offset: Int, indent: Int, _ formatter: ReprFormatter) -> String {
        let rank = sizes.count - dim
        if rank == 0 { return formatter.format(read(offset)) }
        if rank == 1 {
            let elementLength = formatter.width + 2
            let perLine = Swift.max(1, (options.linewidth - indent) / elementLength)
            var data: [String]
            if summarize && options.edgeitems == 0 {
                data = ["..."]
            } else {
                data = shown(dim).map { index in
                    index.map { formatter.format(read(offset + $0 * strides[dim])) } ?? " ..."
                }
            }
            var lines: [String] = []
            var start = 0
            while start < data.count {
                lines.append(data[start..<Swift.min(start + perLine, data.count)].joined(separator: ", "))
                start += perLine
            }
            return "[" + lines.joined(separator: ",\n" + String(repeating: " ", count: indent + 1)) + "]"
        }
        let slices = shown(dim).map { index in
            index.map { render(dim + 1, offset + $0 * strides[dim], indent: indent + 1, formatter) } ?? "..."
        }
        let separator = "," + String(repeating: "\n", count: rank - 1) + String(repeating: " ", count: indent + 1)
        return "[" + slices.joined(separator: separator) + "]"
    }
}

/// Python's `str(tuple(shape))`: "(2, 3)", "(5,)".
private func pythonTuple(_ shape: [Int]) -> String {
    shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
}

extension Tensor: CustomStringConvertible {
    /// torch's `repr(t)`, e.g. `tensor([[1., 2.],\n        [3., 4.]])`, honoring `PrintOptions.current`.
    public var description: String {
        let options = PrintOptions.current
        let prefix = "tensor("
        let indent = prefix.count
        var suffixes: [String] = []
        let body: String
        if numel == 0 {
            if ndim != 1 { suffixes.append("size=" + pythonTuple(sizes)) }
            if dtype != DType.defaultFloatingPoint { suffixes.append("dtype=" + dtype.description) }
            body = "[]"
        } else {
            if options.edgeitems == 0 { suffixes.append("size=" + pythonTuple(sizes)) }
            let hasDefaultDType = dtype == DType.defaultFloatingPoint || dtype == .int64 || dtype == .bool
            if !hasDefaultDType { suffixes.append("dtype=" + dtype.description) }
            body = withExtendedLifetime(self) {
                let printer = ReprPrinter(
                    sizes: sizes, strides: strideValues,
                    read: ElementReader(base: UnsafeRawPointer(rawPointer), dtype: dtype),
                    options: options, summarize: Double(numel) > options.threshold)
                var values: [PrintValue] = []
                printer.collect(0, 0, into: &values)
                let formatter = ReprFormatter(values: values, floating: dtype.isFloatingPoint, options: options)
                return printer.render(0, 0, indent: indent, formatter)
            }
        }
        return Tensor.addSuffixes(prefix + body, suffixes, indent: indent, linewidth: options.linewidth)
    }

    /// torch's `_add_suffixes`: `, dtype=...` on the last line, or on a new line when it would overflow.
    private static func addSuffixes(_ text: String, _ suffixes: [String], indent: Int, linewidth: Int) -> String {
        var result = text
        let lastNewline = text.lastIndex(of: "\n").map { text.distance(from: text.startIndex, to: $0) } ?? -1
        var lastLineLength = text.count - lastNewline + 1
        for suffix in suffixes {
            if lastLineLength + suffix.count + 2 > linewidth {
                result += ",\n" + String(repeating: " ", count: indent) + suffix
                lastLineLength = indent + suffix.count
            } else {
                result += ", " + suffix
                lastLineLength += suffix.count + 2
            }
        }
        return result + ")"
    }
}
