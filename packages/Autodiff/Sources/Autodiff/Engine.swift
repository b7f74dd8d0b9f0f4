import TensorCore

/// Runs a backward pass (torch's autograd engine, single-threaded): counts dependencies among the nodes
/// that lead to something wanted, then executes each node once all its gradients have arrived.
struct Engine {
    /// Roots with their incoming gradients.
    let roots: [(edge: Edge, grad: Tensor)]
    /// Edges whose gradient is captured (autograd.grad's inputs), in order.
    let captures: [Edge]
    /// Accumulate into leaves' .grad (backward) or only capture (autograd.grad).
    let accumulate: Bool
    /// backward(inputs:): only these accumulators run.
    let accumulateOnly: Set<ObjectIdentifier>?
    let retainGraph: Bool
    let createGraph: Bool
    var anomaly = false

    mutating func run() -> [Tensor?] {
        let state = gradState
        anomaly = state.pointee.anomaly
        let savedMode = state.pointee.enabled
        state.pointee.enabled = createGraph
        defer { state.pointee.enabled = savedMode }

        var captureIndex: [ObjectIdentifier: [(inputNr: Int, slot: Int)]] = [:]
        for (i, edge) in captures.enumerated() {
            captureIndex[ObjectIdentifier(edge.node), default: []].append((edge.inputNr, i))
        }
        let needed = neededNodes(captureIndex)
        var dependencies: [ObjectIdentifier: Int] = [:]
        for node in needed.order {
            for edge in node.nextEdges { if let edge, needed.set.contains(ObjectIdentifier(edge.node)) {
                dependencies[ObjectIdentifier(edge.node), default: 0] += 1
            } }
        }
        var buffers: [ObjectIdentifier: [Tensor?]] = [:]
        var ready: [Node] = []
        for root in roots where needed.set.contains(ObjectIdentifier(root.edge.node)) {
            add(root.grad, to: root.edge, &buffers)
        }
        for node in needed.order where dependencies[ObjectIdentifier(node)] == nil { ready.append(node) }
        var captured = [Tensor?](repeating: nil, count: captures.count)

        while let node = ready.popLast() {
            let id = ObjectIdentifier(node)
            var grads = buffers.removeValue(forKey: id) ?? [Tensor?](repeating: nil, count: node.outputCount)
            runHooks(node, &grads)
            if let wanted = captureIndex[id] {
                for (inputNr, slot) in wanted { captured[slot] = grads[inputNr] }
            }
            if let acc = node as? AccumulateGrad {
                if accumulate && (accumulateOnly == nil || accumulateOnly!.contains(id)), var grad = grads[0] {
                    grads[0] = nil
                    acc.accumulate(&grad, createGraph: createGraph)
                }
                continue
            }
            guard captureIndex[id] == nil || hasNeededChild(node, needed.set) else {
                if !retainGraph { node.release() }
                continue
            }
            if node.released { failFreedGraph() }
            let inputs = execute(node, &grads)
            if !retainGraph { node.release() }
            for (i, edge) in node.nextEdges.enumerated() {
                guard let edge, needed.set.contains(ObjectIdentifier(edge.node)) else { continue }
                if i < inputs.count, let grad = inputs[i] {
                    add(validate(grad, node, i), to: edge, &buffers)
                }
                let child = ObjectIdentifier(edge.node)
                dependencies[child]! -= 1
                if dependencies[child] == 0 { ready.append(edge.node) }
            }
        }
        return captured
    }

    private func hasNeededChild(_ node: Node, _ needed: Set<ObjectIdentifier>) -> Bool {
        node.nextEdges.contains { $0.map { needed.contains(ObjectIdentifier($0.node)) } ?? false }
    }

    /// Nodes from which something wanted is reachable, in DFS post-order reversed (roots first).
    private func neededNodes(
        _ captureIndex: [ObjectIdentifier: [(inputNr: Int, slot: Int)]]
    ) -> (order: [Node], set: Set<ObjectIdentifier>) {
        var visited = Set<ObjectIdentifier>()
        var needed = Set<ObjectIdentifier>()
        var order: [Node] = []
        var stack: [(Node, Int)] = []
        for root in roots {
            let node = root.edge.node
            if visited.insert(ObjectIdentifier(node)).inserted { stack.append((node, 0)) }
            while let (current, next) = stack.popLast() {
                if next < current.nextEdges.count {
                    stack.append((current, next + 1))
                    if let child = current.nextEdges[next]?.node, visited.insert(ObjectIdentifier(child)).inserted {
                        stack.append((child, 0))
                    }
                    continue
                }
                let id = ObjectIdentifier(current)
                var isNeeded = captureIndex[id] != nil
                if current is AccumulateGrad {
                    isNeeded = isNeeded || (accumulate && (accumulateOnly == nil || accumulateOnly!.contains(id)))
                } else if !isNeeded {
                    isNeeded = hasNeededChild(current, needed)
                }
                if isNeeded {
                    needed.insert(id)
                    order.append(current)
                }
            }
        }
        return (order.reversed(), needed)
    }

    private func runHooks(_ node: Node, _ grads: inout [Tensor?]) {
        for (output, hooks) in node.outputHooks {
            guard output < grads.count, var grad = grads[output] else { continue }
            for hook in hooks { if let replaced = hook(grad) { grad = replaced } }
            grads[output] = grad
        }
        for (output, weak) in node.retainedOutputs {
            guard output < grads.count, let grad = grads[output], let tensor = weak.tensor, let meta = tensor.meta else {
                continue
            }
            if let existing = meta.grad { meta.grad = existing + grad } else { meta.grad = createGraph ? grad : grad.clone() }
        }
    }

    private func execute(_ node: Node, _ grads: inout [Tensor?]) -> [Tensor?] {
        if grads.allSatisfy({ $0 == nil }) { return [] }
        if grads.count > 1 {
            for i in 0..<node.outputCount where grads[i] == nil {
                let slot = node.outputSlot(i)
                if slot.dtype.isFloatingPoint { grads[i] = Tensor.zeros(slot.shape, dtype: slot.dtype) }
            }
        }
        let result = node.apply(grads)
        if anomaly || node.anomalyContext != nil {
            for (i, grad) in result.enumerated() {
                if let grad, grad.dtype.isFloatingPoint, grad.isnan().any().item(Bool.self) {
                    let context = node.anomalyContext.map { "\n\($0)" } ?? ""
                    torchFail("Function '\(node.name)' returned nan values in its \(i)th output.\(context)")
                }
            }
        }
        return result
    }

    /// torch's validate_outputs: sums a broadcast gradient back to the input's shape, casts its dtype.
    private func validate(_ grad: Tensor, _ node: Node, _ i: Int) -> Tensor {
        guard let slot = node.inputSlot(i) else { return grad }
        var grad = grad
        if grad.sizes != slot.shape {
            guard isExpandable(slot.shape, to: grad.sizes) else {
                torchFail(
                    "Function \(node.name) returned an invalid gradient at index \(i) - got \(shapeString(grad.sizes)) but expected shape compatible with \(shapeString(slot.shape))")
            }
            grad = grad.sumTo(slot.shape)
        }
        if grad.dtype != slot.dtype && slot.dtype.isFloatingPoint { grad = grad.to(slot.dtype) }
        return grad
    }

    private func add(_ grad: Tensor, to edge: Edge, _ buffers: inout [ObjectIdentifier: [Tensor?]]) {
        let id = ObjectIdentifier(edge.node)
        var buffer = buffers.removeValue(forKey: id) ?? [Tensor?](repeating: nil, count: edge.node.outputCount)
        if let existing = buffer[edge.inputNr] { buffer[edge.inputNr] = existing + grad } else { buffer[edge.inputNr] = grad }
        buffers[id] = buffer
    }
}

func isExpandable(_ shape: [Int], to target: [Int]) -> Bool {
    guard shape.count <= target.count else { return false }
    for (s, t) in zip(shape.reversed(), target.reversed()) where s != t && s != 1 { return false }
    return true
}
