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

        var graph = PassGraph()
        defer { graph.releaseClaims() }
        for (slot, edge) in captures.enumerated() {
            graph.rows[graph.rowInserting(edge.node)].captureSlots.append(slot)
        }
        let order = discover(&graph)
        for row in order {
            for edge in graph.nodes[row].nextEdges {
                if let edge, let child = graph.row(edge.node), graph.rows[child].needed {
                    graph.rows[child].dependencies += 1
                }
            }
        }
        for root in roots {
            if let row = graph.row(root.edge.node), graph.rows[row].needed {
                add(root.grad, root.edge.inputNr, to: row, &graph)
            }
        }
        var ready = order.filter { graph.rows[$0].dependencies == 0 }
        var captured = [Tensor?](repeating: nil, count: captures.count)

        while let row = ready.popLast() {
            let node = graph.nodes[row]
            // Move the buffer out so the gradients have no other owner (AccumulateGrad then keeps them as is).
            var grads = graph.rows[row].buffer ?? [Tensor?](repeating: nil, count: node.outputCount)
            graph.rows[row].buffer = nil
            runHooks(node, &grads)
            let isCaptured = graph.rows[row].captured
            for slot in graph.rows[row].captureSlots { captured[slot] = grads[captures[slot].inputNr] }
            if let acc = node as? AccumulateGrad {
                if accumulate && (accumulateOnly == nil || accumulateOnly!.contains(ObjectIdentifier(acc))),
                    var grad = grads[0]
                {
                    grads[0] = nil
                    acc.accumulate(&grad, createGraph: createGraph)
                }
                continue
            }
            guard !isCaptured || hasNeededChild(node, graph) else {
                if !retainGraph { node.release() }
                continue
            }
            if node.released { failFreedGraph() }
            let inputs = execute(node, &grads)
            if !retainGraph { node.release() }
            for (i, edge) in node.nextEdges.enumerated() {
                guard let edge, let child = graph.row(edge.node), graph.rows[child].needed else { continue }
                if i < inputs.count, let grad = inputs[i] {
                    add(validate(grad, node, i), edge.inputNr, to: child, &graph)
                }
                graph.rows[child].dependencies -= 1
                if graph.rows[child].dependencies == 0 { ready.append(child) }
            }
        }
        return captured
    }

    private func hasNeededChild(_ node: Node, _ graph: PassGraph) -> Bool {
        node.nextEdges.contains { edge in edge.flatMap { graph.row($0.node) }.map { graph.rows[$0].needed } ?? false }
    }

    /// Rows of the nodes from which something wanted is reachable, in DFS post-order reversed (roots first).
    private func discover(_ graph: inout PassGraph) -> [Int] {
        var order: [Int] = []
        var stack: [(row: Int, next: Int)] = []
        for root in roots {
            let rootRow = graph.rowInserting(root.edge.node)
            if graph.rows[rootRow].visited { continue }
            graph.rows[rootRow].visited = true
            stack.append((rootRow, 0))
            while let (row, next) = stack.popLast() {
                let current = graph.nodes[row]
                if next < current.nextEdges.count {
                    stack.append((row, next + 1))
                    if let child = current.nextEdges[next]?.node {
                        let childRow = graph.rowInserting(child)
                        if !graph.rows[childRow].visited {
                            graph.rows[childRow].visited = true
                            stack.append((childRow, 0))
                        }
                    }
                    continue
                }
                var isNeeded = graph.rows[row].captured
                if current is AccumulateGrad {
                    isNeeded =
                        isNeeded
                        || (accumulate
                            && (accumulateOnly == nil || accumulateOnly!.contains(ObjectIdentifier(current))))
                } else if !isNeeded {
                    isNeeded = hasNeededChild(current, graph)
                }
                if isNeeded {
                    graph.rows[row].needed = true
                    order.append(row)
                }
            }
        }
        return order.reversed()
    }

    private func runHooks(_ node: Node, _ grads: inout [Tensor?]) {
        for (output, hooks) in node.outputHooks {
            guard output < grads.count, var grad = grads[output] else { continue }
            for hook in hooks { if let replaced = hook(grad) { grad = replaced } }
            grads[output] = grad
        }
        for (output, weak) in node.retainedOutputs {
            guard output < grads.count, let grad = grads[output], let tensor = weak.tensor, let meta = tensor.meta
            else {
                continue
            }
            if let existing = meta.grad {
                meta.grad = existing + grad
            } else {
                meta.grad = createGraph ? grad : grad.clone()
            }
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
                    "Function \(node.name) returned an invalid gradient at index \(i) - got \(shapeString(grad.sizes)) but expected shape compatible with \(shapeString(slot.shape))"
                )
            }
            grad = grad.sumTo(slot.shape)
        }
        if grad.dtype != slot.dtype && slot.dtype.isFloatingPoint { grad = grad.to(slot.dtype) }
        return grad
    }

    private func add(_ grad: Tensor, _ inputNr: Int, to row: Int, _ graph: inout PassGraph) {
        if graph.rows[row].buffer == nil {
            graph.rows[row].buffer = [Tensor?](repeating: nil, count: graph.nodes[row].outputCount)
        }
        if let existing = graph.rows[row].buffer![inputNr] {
            graph.rows[row].buffer![inputNr] = existing + grad
        } else {
            graph.rows[row].buffer![inputNr] = grad
        }
    }
}

func isExpandable(_ shape: [Int], to target: [Int]) -> Bool {
    guard shape.count <= target.count else { return false }
    for (s, t) in zip(shape.reversed(), target.reversed()) where s != t && s != 1 { return false }
    return true
}
