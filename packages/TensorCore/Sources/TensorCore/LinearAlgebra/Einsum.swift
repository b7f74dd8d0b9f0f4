/// `torch.einsum`: parse the equation with torch's checks and messages, align every operand to one label
/// order (diagonals for repeated labels, size-1 dims for absent ones), then contract left to right,
/// each pair as one batched GEMM (batch = shared kept labels, M/N = labels of one side, K = summed).
extension Tensor {
    /// `Tensor.einsum("ij,jk->ik", a, b)`: operands as variadic arguments (PyTorch: `torch.einsum`).
    public static func einsum(_ equation: String, _ operands: Tensor...) -> Tensor {
        einsum(equation, operands)
    }

    /// Einstein summation over the operands, in PyTorch's equation syntax (PyTorch: `torch.einsum`).
    public static func einsum(_ equation: String, _ operands: [Tensor]) -> Tensor {
        einsumImpl(equation, operands).recorded(.einsum(equation), inputs: operands)
    }

    private static func einsumImpl(_ equation: String, _ operands: [Tensor]) -> Tensor {
        torchCheck(!operands.isEmpty, "einsum(): must provide at least one operand")
        let parsed = EinsumEquation(equation, operands)
        let first = operands[0].dtype
        for op in operands {
            torchCheck(
                op.dtype == first, "expected scalar type \(first.scalarTypeName) but found \(op.dtype.scalarTypeName)")
        }
        let labelCount = parsed.order.count
        let outCount = parsed.outputCount
        // Labels still needed after operand i: the output's and those of later operands.
        var neededAfter = [[Bool]](repeating: [Bool](repeating: false, count: labelCount), count: operands.count)
        var needed = (0..<labelCount).map { $0 < outCount }
        for i in Swift.stride(from: operands.count - 1, through: 0, by: -1) {
            neededAfter[i] = needed
            for d in 0..<labelCount where parsed.aligned[i].sizes[d] != 1 { needed[d] = true }
        }
        var result = parsed.aligned[0]
        for i in 1..<Swift.max(operands.count, 1) {
            result = einsumPair(result, parsed.aligned[i], needed: neededAfter[i])
        }
        // Sum what no one needs, then drop the summed (now size-1) dims.
        let leftover = (outCount..<labelCount).filter { result.sizes[$0] != 1 }
        if !leftover.isEmpty { result = laReduce(result, dims: leftover, keepdim: true, .sum) }
        let shape = (0..<outCount).map { result.sizes[$0] }
        let strides = (0..<outCount).map { result.strideValues[$0] }
        return result.asStrided(shape, strides)
    }
}

/// One contraction: both operands span every label (size 1 where absent); returns the same form.
private func einsumPair(_ l: Tensor, _ r: Tensor, needed: [Bool]) -> Tensor {
    var l = l, r = r
    let count = l.ndim
    // Labels summed away that only one side has: reduce them first.
    let lOnly = (0..<count).filter { !needed[$0] && l.sizes[$0] != 1 && r.sizes[$0] == 1 }
    let rOnly = (0..<count).filter { !needed[$0] && r.sizes[$0] != 1 && l.sizes[$0] == 1 }
    if !lOnly.isEmpty { l = laReduce(l, dims: lOnly, keepdim: true, .sum) }
    if !rOnly.isEmpty { r = laReduce(r, dims: rOnly, keepdim: true, .sum) }
    var batch: [Int] = [], lo: [Int] = [], ro: [Int] = [], sum: [Int] = []
    for d in 0..<count {
        let sl = l.sizes[d], sr = r.sizes[d]
        if needed[d] {
            if sl != 1 && sr != 1 { batch.append(d) } else if sl != 1 { lo.append(d) } else if sr != 1 { ro.append(d) }
        } else if sl != 1 && sr != 1 {
            sum.append(d)
        }
    }
    // A label's size is the side that is not broadcast (0 counts as a real size).
    func size(_ d: Int) -> Int { l.sizes[d] == 1 ? r.sizes[d] : l.sizes[d] }
    let b = batch.map(size).reduce(1, *), m = lo.map(size).reduce(1, *)
    let k = sum.map(size).reduce(1, *), n = ro.map(size).reduce(1, *)
    let rest = (0..<count).filter { !batch.contains($0) && !lo.contains($0) && !sum.contains($0) && !ro.contains($0) }
    let lMat = l.laPermuted(batch + lo + sum + ro + rest).laReshaped([b, m, k])
    let rMat = r.laPermuted(batch + sum + ro + lo + rest).laReshaped([b, k, n])
    // Operands differ in dtype only after an integer pre-sum made one int64: promote, as torch's mul does.
    // Bools multiply as 0/1 bytes (logical and) when nothing is summed; bmm has no bool kernel.
    let dtype = DType.promote(l.dtype, r.dtype)
    torchCheck(dtype != .bool || sum.isEmpty, "\"bmm\" not implemented for 'Bool'")
    let work = dtype == .bool ? DType.uint8 : dtype
    var out = Tensor(uninitializedShape: [b, m, n], dtype: work)
    laGemm(lMat.to(work), rMat.to(work), into: out)
    if dtype == .bool { out = out.to(.bool) }
    // View the [b, m, n] product back over every label.
    let outDims = batch + lo + ro
    let outStrides = contiguousStrides(outDims.map(size))
    var shape = [Int](repeating: 1, count: count), strides = [Int](repeating: 0, count: count)
    for (i, d) in outDims.enumerated() {
        shape[d] = size(d)
        strides[d] = outStrides[i]
    }
    return out.asStrided(shape, strides)
}

/// The parsed equation: every label's position in one common order (output labels first), and each operand
/// as a view over all of them.
private struct EinsumEquation {
    /// Label ids in working order: output labels first (in output order), then the summed ones.
    var order: [Int] = []
    var outputCount = 0
    var aligned: [Tensor] = []

    // Labels: 'A'...'Z' → 0...25, 'a'...'z' → 26...51 (torch's order for implicit outputs), ellipsis dims 52...
    static func labelId(_ c: UInt8) -> Int? {
        if c >= 65 && c <= 90 { return Int(c) - 65 }
        if c >= 97 && c <= 122 { return Int(c) - 97 + 26 }
        return nil
    }
    static func labelName(_ id: Int) -> String {
        String(UnicodeScalar(UInt8(id < 26 ? 65 + id : 97 + id - 26)))
    }

    init(_ equation: String, _ operands: [Tensor]) {
        let chars = Array(equation.utf8)
        let arrow: Int? = (0..<Swift.max(chars.count - 1, 0)).first { chars[$0] == 45 && chars[$0 + 1] == 62 }
        let lhsEnd = arrow ?? chars.count
        // Operand terms: label ids (-1 marks the ellipsis).
        var terms: [[Int]] = [[]]
        var hasEllipsis = [false]
        var i = 0
        while i < lhsEnd {
            let c = chars[i]
            if c == 32 {
            } else if c == 44 {  // ','
                terms.append([])
                hasEllipsis.append(false)
                torchCheck(
                    terms.count <= operands.count,
                    "einsum(): fewer operands were provided than specified in the equation")
            } else if c == 46 {  // '.'
                let op = terms.count - 1
                torchCheck(
                    !hasEllipsis[op], "einsum(): found '.' for operand \(op) for which an ellipsis was already found")
                torchCheck(
                    i + 2 < lhsEnd && chars[i + 1] == 46 && chars[i + 2] == 46,
                    "einsum(): found '.' for operand \(op) that is not part of any ellipsis")
                hasEllipsis[op] = true
                terms[op].append(-1)
                i += 2
            } else if let id = EinsumEquation.labelId(c) {
                terms[terms.count - 1].append(id)
            } else {
                torchFail(
                    "einsum(): invalid subscript given at index \(i) in the equation string, subscripts must be in [a-zA-Z]"
                )
            }
            i += 1
        }
        torchCheck(
            terms.count == operands.count,
            terms.count < operands.count
                ? "einsum(): more operands were provided than specified in the equation"
                : "einsum(): fewer operands were provided than specified in the equation")
        // Ellipsis widths, right-aligned across operands.
        var ellipsisDims = [Int](repeating: 0, count: operands.count)
        for (op, term) in terms.enumerated() {
            let letters = term.filter { $0 >= 0 }.count
            let ndim = operands[op].ndim
            if hasEllipsis[op] {
                torchCheck(
                    letters <= ndim,
                    "einsum(): the number of subscripts in the equation (\(letters)) is more than the number of dimensions (\(ndim)) for operand \(op)"
                )
                ellipsisDims[op] = ndim - letters
            } else {
                torchCheck(
                    letters == ndim,
                    "einsum(): the number of subscripts in the equation (\(letters)) does not match the number of dimensions (\(ndim)) for operand \(op) and no ellipsis was given"
                )
            }
        }
        let maxEllipsis = ellipsisDims.max() ?? 0
        // Expand each term to one label id per dimension.
        let expanded: [[Int]] = terms.enumerated().map { op, term in
            term.flatMap { $0 >= 0 ? [$0] : (0..<ellipsisDims[op]).map { 52 + maxEllipsis - ellipsisDims[op] + $0 } }
        }
        var occurrences = [Int](repeating: 0, count: 52 + maxEllipsis)
        for term in expanded { for id in term { occurrences[id] += 1 } }
        // Output labels.
        var output: [Int] = []
        if let arrow {
            var seenEllipsis = false
            var j = arrow + 2
            while j < chars.count {
                let c = chars[j]
                if c == 32 {
                } else if c == 46 {
                    torchCheck(!seenEllipsis, "einsum(): found '.' for output but an ellipsis (...) was already found")
                    torchCheck(
                        j + 2 < chars.count && chars[j + 1] == 46 && chars[j + 2] == 46,
                        "einsum(): found '.' for output that is not part of any ellipsis (...)")
                    seenEllipsis = true
                    output += (0..<maxEllipsis).map { 52 + $0 }
                    j += 2
                } else if let id = EinsumEquation.labelId(c) {
                    let name = EinsumEquation.labelName(id)
                    torchCheck(
                        occurrences[id] > 0,
                        "einsum(): output subscript \(name) does not appear in the equation for any input operand")
                    torchCheck(
                        !output.contains(id), "einsum(): output subscript \(name) appears more than once in the output")
                    output.append(id)
                } else {
                    torchFail(
                        "einsum(): invalid subscript given at index \(j) in the equation string, subscripts must be in [a-zA-Z]"
                    )
                }
                j += 1
            }
        } else {
            output = (0..<maxEllipsis).map { 52 + $0 } + (0..<52).filter { occurrences[$0] == 1 }
        }
        order = output + (0..<(52 + maxEllipsis)).filter { occurrences[$0] > 0 && !output.contains($0) }
        outputCount = output.count
        var position = [Int](repeating: -1, count: 52 + maxEllipsis)
        for (p, id) in order.enumerated() { position[id] = p }
        // Sizes per label, checking that operands agree (or broadcast from 1).
        var labelSize = [Int](repeating: 1, count: order.count)
        var sizeSet = [Bool](repeating: false, count: order.count)
        for (op, term) in expanded.enumerated() {
            let t = operands[op]
            var shape = [Int](repeating: 1, count: order.count)
            var strides = [Int](repeating: 0, count: order.count)
            var seenHere = [Bool](repeating: false, count: order.count)
            for (dim, id) in term.enumerated() {
                let p = position[id]
                let size = t.sizes[dim]
                if seenHere[p] {
                    // A repeated label takes the diagonal: strides add up.
                    torchCheck(
                        shape[p] == size,
                        "einsum(): subscript \(EinsumEquation.labelName(id)) is repeated for operand \(op) but the sizes don't match, \(shape[p]) != \(size)"
                    )
                    strides[p] += t.strideValues[dim]
                } else {
                    seenHere[p] = true
                    shape[p] = size
                    strides[p] = size == 1 ? 0 : t.strideValues[dim]
                }
            }
            for p in 0..<order.count where seenHere[p] && shape[p] != 1 {
                if sizeSet[p] && labelSize[p] != shape[p] {
                    if order[p] < 52 {
                        torchFail(
                            "einsum(): subscript \(EinsumEquation.labelName(order[p])) has size \(shape[p]) for operand \(op) which does not broadcast with previously seen size \(labelSize[p])"
                        )
                    }
                    torchFail("einsum(): operands do not broadcast with remapped shapes (original->remapped)")
                }
                labelSize[p] = shape[p]
                sizeSet[p] = true
            }
            aligned.append(t.asStrided(shape, strides))
        }
    }
}
