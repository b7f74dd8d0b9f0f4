import Foundation

/// One element as the printer sees it: the value's double (floats), exact integer, or bool.
enum PrintValue {
    case float(Double)
    case int(Int64)
    case bool(Bool)
}

/// Python's float formatting (`f"{v:.4f}"`, `f"{v:.4e}"`): C printf agrees on finite values (both
/// round the exact binary value correctly); Python spells every NaN "nan", glibc may say "-nan".
private func pythonFormat(_ value: Double, _ spec: String) -> String {
    if value.isNaN { return "nan" }
    return String(format: spec, value)
}

/// torch's `_Formatter`: decides integer mode (every finite non-zero float is whole), scientific
/// mode (a max/min ratio over 1000, a max over 1e8 or a min under 1e-4, unless forced) and the
/// common column width, from the values that will be shown.
struct ReprFormatter {
    let floating: Bool
    let precision: Int
    var intMode = true
    var sciMode = false
    var maxWidth = 1

    init(values: [PrintValue], floating: Bool, options: PrintOptions) {
        self.floating = floating
        self.precision = options.precision
        if !floating {
            for value in values { maxWidth = Swift.max(maxWidth, ReprFormatter.plain(value).count) }
            return
        }
        var nonzeroFinite: [Double] = []
        for case .float(let v) in values where v.isFinite && v != 0 { nonzeroFinite.append(v) }
        if nonzeroFinite.isEmpty { return }
        let magnitudes = nonzeroFinite.map { Swift.abs($0) }
        let smallest = magnitudes.min()!, largest = magnitudes.max()!
        intMode = !nonzeroFinite.contains { $0 != $0.rounded(.up) }
        sciMode = options.sciMode ?? (largest / smallest > 1000.0 || largest > 1.0e8 || smallest < 1.0e-4)
        for v in nonzeroFinite {
            let text: String
            if sciMode {
                text = pythonFormat(v, "%.\(precision)e")
            } else if intMode {
                text = pythonFormat(v, "%.0f") + "."
            } else {
                text = pythonFormat(v, "%.\(precision)f")
            }
            maxWidth = Swift.max(maxWidth, text.count)
        }
    }

    static func plain(_ value: PrintValue) -> String {
        switch value {
        case .float(let v): return pythonFormat(v, "%g")
        case .int(let i): return String(i)
        case .bool(let b): return b ? "True" : "False"
        }
    }

    var width: Int { maxWidth }

    /// The element's text, right-aligned to the column width.
    func format(_ value: PrintValue) -> String {
        var text: String
        if floating, case .float(let v) = value {
            if sciMode {
                text = pythonFormat(v, "%.\(precision)e")
            } else if intMode {
                text = pythonFormat(v, "%.0f")
                if v.isFinite { text += "." }
            } else {
                text = pythonFormat(v, "%.\(precision)f")
            }
        } else {
            text = ReprFormatter.plain(value)
        }
        let padding = maxWidth - text.count
        return padding > 0 ? String(repeating: " ", count: padding) + text : text
    }
}
