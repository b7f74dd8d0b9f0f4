/// The nodes that contribute to `outputs` (a traced op whose result nothing reads, e.g. a view taken and
/// dropped inside a layer, is left out), in their order.
func liveNodes(_ nodes: [OnnxNode], outputs: [String]) -> [OnnxNode] {
    var needed = Set(outputs)
    var live = [Bool](repeating: false, count: nodes.count)
    for i in nodes.indices.reversed() where nodes[i].outputs.contains(where: needed.contains) {
        live[i] = true
        needed.formUnion(nodes[i].inputs)
    }
    return nodes.indices.filter { live[$0] }.map { nodes[$0] }
}
