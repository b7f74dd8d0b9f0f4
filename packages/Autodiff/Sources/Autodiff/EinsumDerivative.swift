import TensorCore

/// einsum backward: each operand's gradient is another einsum of the output gradient with the other
/// operands, over the operand's own labels (labels summed only inside that operand are expanded back).
func einsumBackward(_ g: Tensor, _ c: BackwardContext, _ equation: String) -> [Tensor?] {
    let shapes = (0..<c.inputCount).map { c.shape($0) }
    let parsed = parseEinsum(equation, shapes)
    var result: [Tensor?] = []
    for i in 0..<c.inputCount {
        guard c.needs(i) else {
            result.append(nil)
            continue
        }
        let labels = parsed.inputs[i]
        torchCheck(
            Set(labels).count == labels.count,
            "einsum backward: repeated subscripts within one operand (diagonals) are not differentiable here")
        var available = Set(parsed.output)
        for (j, other) in parsed.inputs.enumerated() where j != i { available.formUnion(other) }
        let kept = labels.filter { available.contains($0) }
        var terms = [String(parsed.output)]
        var operands = [g]
        for j in 0..<c.inputCount where j != i {
            terms.append(String(parsed.inputs[j]))
            operands.append(c.input(j))
        }
        var grad = Tensor.einsum(terms.joined(separator: ",") + "->" + String(kept), operands)
        // Labels summed away only inside this operand: broadcast the gradient back along them.
        for (d, label) in labels.enumerated() where !available.contains(label) { grad = grad.unsqueeze(d) }
        result.append(grad.expand(shapes[i].enumerated().map { d, size in grad.size(d) == 1 ? size : grad.size(d) }))
    }
    return result
}

/// Labels per operand and for the output, with "..." spelled out as spare capital letters (right-aligned).
private func parseEinsum(_ equation: String, _ shapes: [[Int]]) -> (inputs: [[Character]], output: [Character]) {
    let cleaned = equation.replacingOccurrences(of: " ", with: "")
    let sides = cleaned.components(separatedBy: "->")
    let lhs = sides[0].components(separatedBy: ",")
    let spare = Array("ZYXWVUTSRQPONMLKJIHGFEDCBA")
    var ellipsisRank = 0
    var inputs: [[Character]] = []
    for (term, shape) in zip(lhs, shapes) {
        let parts = term.components(separatedBy: "...")
        if parts.count == 2 {
            let named = parts[0].count + parts[1].count
            let rank = shape.count - named
            ellipsisRank = max(ellipsisRank, rank)
            let fill = Array(spare.prefix(rank).reversed())
            inputs.append(Array(parts[0]) + fill + Array(parts[1]))
        } else {
            inputs.append(Array(term))
        }
    }
    let ellipsis = Array(spare.prefix(ellipsisRank).reversed())
    var output: [Character]
    if sides.count == 2 {
        let parts = sides[1].components(separatedBy: "...")
        output = parts.count == 2 ? Array(parts[0]) + ellipsis + Array(parts[1]) : Array(sides[1])
    } else {
        var counts: [Character: Int] = [:]
        for term in lhs { for ch in term where ch != "." { counts[ch, default: 0] += 1 } }
        output = ellipsis + counts.filter { $0.value == 1 }.keys.sorted()
    }
    return (inputs, output)
}
