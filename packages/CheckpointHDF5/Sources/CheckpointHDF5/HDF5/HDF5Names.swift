/// Keys become HDF5 link/attribute names unchanged (dots included: `network.1.weight` is one
/// dataset, not nested groups), except for what HDF5 can't hold: '/' and '%' are percent-encoded
/// ("%2F", "%25"), the names "." and "" become "%2E" and "%", and a key starting with "__" gets its
/// first '_' encoded ("%5F_..."), because names "__x__" are reserved for the layout's own attributes.
enum HDF5Names {
    static let keysAttribute = "__keys__"
    static let typeAttribute = "__type__"
    static let dtypeAttribute = "__dtype__"
    static let intKeysAttribute = "__int_keys__"

    static func encode(_ key: String) -> String {
        if key.isEmpty { return "%" }
        if key == "." { return "%2E" }
        var out = ""
        for (i, c) in key.enumerated() {
            switch c {
            case "%": out += "%25"
            case "/": out += "%2F"
            case "_" where i == 0 && key.hasPrefix("__"): out += "%5F"
            default: out.append(c)
            }
        }
        return out
    }

    static func decode(_ name: String) -> String {
        if name == "%" { return "" }
        guard name.contains("%") else { return name }
        var out = ""
        var chars = name[...]
        while let c = chars.first {
            chars = chars.dropFirst()
            if c == "%", chars.count >= 2, let v = UInt8(String(chars.prefix(2)), radix: 16) {
                out.append(Character(UnicodeScalar(v)))
                chars = chars.dropFirst(2)
            } else {
                out.append(c)
            }
        }
        return out
    }

    static func isReserved(_ name: String) -> Bool {
        name == keysAttribute || name == typeAttribute || name == dtypeAttribute || name == intKeysAttribute
    }
}
