/// Reading numbers back from an example's printed lines.
enum ExampleOutput {
    /// Every decimal number in `line`, in order (`"Epoch 1/2 | Loss: 0.1234"` → `[1, 2, 0.1234]`).
    static func numbers(in line: String) -> [Double] {
        var values: [Double] = []
        var current = ""
        for ch in line + " " {
            if ch.isASCII && (ch.isNumber || ch == "." || (ch == "-" && current.isEmpty)) {
                current.append(ch)
            } else {
                if let value = Double(current) { values.append(value) }
                current = ""
            }
        }
        return values
    }
}
