/// Python's `f"{n:,}"`: digits grouped by three with commas, as the guide prints parameter counts.
public func groupedThousands(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var grouped = ""
    for (i, digit) in digits.enumerated() {
        if i > 0, (digits.count - i) % 3 == 0 { grouped.append(",") }
        grouped.append(digit)
    }
    return (n < 0 ? "-" : "") + grouped
}
