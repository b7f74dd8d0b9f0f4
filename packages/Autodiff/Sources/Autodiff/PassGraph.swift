import Synchronization
import TensorCore

/// Bookkeeping a backward pass keeps per node, found without hashing: the pass claims each node it meets
/// (`Node.passClaim`) and stores the node's row number on it; every per-node table is an array by row.
/// A node another pass holds (a backward on another thread sharing parameters, or an outer backward that
/// is still running on this thread) falls back to an identity dictionary, so passes never disturb each other.
struct PassGraph {
    struct Row {
        var visited = false
        /// Something the pass wants (an accumulator that runs, a captured edge) is reachable from here.
        var needed = false
        /// Which of autograd.grad's captured edges end at this node (their positions in the capture list).
        var captureSlots: [Int] = []
        var captured: Bool { !captureSlots.isEmpty }
        /// Needed parents whose gradients have not arrived yet.
        var dependencies = 0
        /// Gradients for the node's outputs, summed as they arrive.
        var buffer: [Tensor?]?
    }

    private let pass: UInt
    private(set) var nodes: [Node] = []
    var rows: [Row] = []
    private var foreign: [ObjectIdentifier: Int] = [:]

    init() {
        pass = passCounter.add(1, ordering: .relaxed).newValue
    }

    /// The node's row in this pass, nil when the pass has not met it.
    func row(_ node: Node) -> Int? {
        if node.passClaim.load(ordering: .relaxed) == pass { return node.passRow }
        return foreign.isEmpty ? nil : foreign[ObjectIdentifier(node)]
    }

    /// The node's row, adding the node when the pass meets it for the first time.
    mutating func rowInserting(_ node: Node) -> Int {
        if let row = row(node) { return row }
        let row = nodes.count
        nodes.append(node)
        rows.append(Row())
        if node.passClaim.compareExchange(expected: 0, desired: pass, ordering: .acquiring).exchanged {
            node.passRow = row
        } else {
            foreign[ObjectIdentifier(node)] = row
        }
        return row
    }

    /// Hands the claimed nodes back (a later pass, or one on another thread, can claim them).
    func releaseClaims() {
        for node in nodes where node.passClaim.load(ordering: .relaxed) == pass {
            node.passClaim.store(0, ordering: .releasing)
        }
    }
}

/// Pass numbers are unique per process; 0 means "unclaimed".
private let passCounter = Atomic<UInt>(0)
