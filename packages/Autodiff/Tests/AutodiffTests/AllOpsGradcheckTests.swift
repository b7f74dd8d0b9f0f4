import Foundation
import TensorCore
import Testing

@testable import Autodiff

/// One gradcheck (and gradgradcheck where the op is twice differentiable) per differentiable op, in
/// float64. The last test reads TensorCore's list of op tags and fails if any tag was never recorded
/// here: an op added to TensorCore without a derivative and a check here fails the suite.
struct OpCase: CustomTestStringConvertible, Sendable {
    let name: String
    let inputs: @Sendable () -> [Tensor]
    let function: @Sendable ([Tensor]) -> [Tensor]
    var twice = true
    var atol = 1e-5
    var eps = 1e-6
    var testDescription: String { name }
}

func op(
    _ name: String, _ inputs: @escaping @Sendable () -> [Tensor], twice: Bool = true, atol: Double = 1e-5,
    eps: Double = 1e-6, _ function: @escaping @Sendable ([Tensor]) -> Tensor
) -> OpCase {
    OpCase(name: name, inputs: inputs, function: { [function($0)] }, twice: twice, atol: atol, eps: eps)
}

func opMany(
    _ name: String, _ inputs: @escaping @Sendable () -> [Tensor], twice: Bool = true,
    _ function: @escaping @Sendable ([Tensor]) -> [Tensor]
) -> OpCase {
    OpCase(name: name, inputs: inputs, function: function, twice: twice)
}

let m23: @Sendable () -> [Tensor] = { [leaf([2, 3])] }
let positive: @Sendable () -> [Tensor] = { [leaf([2, 3], 0.5, 2)] }
let unit: @Sendable () -> [Tensor] = { [leaf([2, 3], -0.8, 0.8)] }
let twoM23: @Sendable () -> [Tensor] = { [leaf([2, 3]), leaf([2, 3], seed: 2)] }
let broadcastPair: @Sendable () -> [Tensor] = { [leaf([2, 3]), leaf([3], seed: 2)] }
let square3: @Sendable () -> [Tensor] = { [leaf([3, 3])] }
/// Symmetric positive definite from a random matrix (for cholesky / eigh inputs).
func spd(_ a: Tensor) -> Tensor { a.matmul(a.mT) + Tensor.eye(a.size(-1), dtype: .float64) * 3 }
func symmetric(_ a: Tensor) -> Tensor { (a + a.mT) * 0.5 }
let index02: Tensor = Tensor(copying: [Int64(0), 2], shape: [2])
let mask23: Tensor = Tensor([[true, false, true], [false, true, false]])

let elementwiseCases: [OpCase] = [
    op("neg", m23) { $0[0].neg() },
    op("abs", { [leaf([2, 3], 0.2, 1)] }) { ($0[0] - 0.6).abs() },
    op("sign", m23) { $0[0].sign() },
    op("exp", m23) { $0[0].exp() },
    op("exp2", m23) { $0[0].exp2() },
    op("expm1", m23) { $0[0].expm1() },
    op("log", positive) { $0[0].log() },
    op("log2", positive) { $0[0].log2() },
    op("log10", positive) { $0[0].log10() },
    op("log1p", positive) { $0[0].log1p() },
    op("sqrt", positive) { $0[0].sqrt() },
    op("rsqrt", positive) { $0[0].rsqrt() },
    op("reciprocal", positive) { $0[0].reciprocal() },
    op("sin", m23) { $0[0].sin() },
    op("cos", m23) { $0[0].cos() },
    op("tan", unit) { $0[0].tan() },
    op("asin", unit) { $0[0].asin() },
    op("acos", unit) { $0[0].acos() },
    op("atan", m23) { $0[0].atan() },
    op("sinh", m23) { $0[0].sinh() },
    op("cosh", m23) { $0[0].cosh() },
    op("tanh", m23) { $0[0].tanh() },
    op("asinh", m23) { $0[0].asinh() },
    op("acosh", { [leaf([2, 3], 1.2, 3)] }) { $0[0].acosh() },
    op("atanh", unit) { $0[0].atanh() },
    op("sigmoid", m23) { $0[0].sigmoid() },
    op("logit", { [leaf([2, 3], 0.2, 0.8)] }) { $0[0].logit() },
    op("logit eps", { [leaf([2, 3], 0.2, 0.8)] }) { $0[0].logit(eps: 0.1) },
    op("erf", m23) { $0[0].erf() },
    op("erfc", m23) { $0[0].erfc() },
    op("erfinv", unit) { $0[0].erfinv() },
    op("lgamma", { [leaf([2, 3], 0.3, 4)] }) { $0[0].lgamma() },
    op("interpolate trilinear 5-D", { [leaf([1, 2, 2, 3, 2], -1, 1)] }) {
        NNOps.interpolate($0[0], size: [3, 4, 3], mode: "trilinear")
    },
    op("interpolate trilinear align", { [leaf([1, 1, 2, 3, 2], -1, 1)] }) {
        NNOps.interpolate($0[0], size: [3, 2, 5], mode: "trilinear", alignCorners: true)
    },
    op("interpolate nearest 5-D", { [leaf([1, 2, 2, 3, 2], -1, 1)] }) {
        NNOps.interpolate($0[0], scaleFactor: [1.5, 2, 0.5], mode: "nearest")
    },
    op("digamma", { [leaf([2, 3], 0.3, 4)] }) { $0[0].digamma() },
    op("polygamma 1", { [leaf([2, 3], 0.3, 4)] }) { $0[0].polygamma(1) },
    op("polygamma 3", { [leaf([2, 3], 0.3, 4)] }) { $0[0].polygamma(3) },
    op("relu", m23) { $0[0].relu() },
    op("silu", m23) { $0[0].silu() },
    op("gelu", m23) { $0[0].gelu() },
    op("gelu tanh", m23) { $0[0].gelu(approximate: "tanh") },
    op("softplus", m23) { $0[0].softplus(beta: 2, threshold: 1) },
    op("floor", { [leaf([2, 3], 0.1, 0.9)] }) { $0[0].floor() },
    op("ceil", { [leaf([2, 3], 0.1, 0.9)] }) { $0[0].ceil() },
    op("trunc", { [leaf([2, 3], 0.1, 0.9)] }) { $0[0].trunc() },
    op("round", { [leaf([2, 3], 0.1, 0.4)] }) { $0[0].round() },
    op("frac", { [leaf([2, 3], 0.1, 0.9)] }) { $0[0].frac() },
    op("nanToNum", m23) { $0[0].nanToNum() },
    op("add alpha broadcast", broadcastPair) { $0[0].add($0[1], alpha: 2) },
    op("add scalar", m23) { $0[0] + 3 },
    op("scalar + tensor", m23) { 3 + $0[0] },
    op("sub", broadcastPair) { $0[0].sub($0[1], alpha: 0.5) },
    op("rsub", m23) { 2 - $0[0] },
    op("mul", broadcastPair) { $0[0] * $0[1] },
    op("mul scalar", m23) { $0[0] * 2.5 },
    op("div", { [leaf([2, 3]), leaf([3], 0.5, 2, seed: 2)] }) { $0[0] / $0[1] },
    op("div scalar", m23) { $0[0] / 4 },
    op("rdiv", positive) { 2 / $0[0] },
    op("div floor", { [leaf([2, 3], 0.1, 0.4), leaf([2, 3], 1.1, 1.4, seed: 2)] }) {
        $0[0].div($0[1], roundingMode: "floor")
    },
    op("remainder", { [leaf([2, 3], 2.1, 2.9), leaf([2, 3], 1.1, 1.4, seed: 2)] }) { $0[0].remainder($0[1]) },
    op("fmod", { [leaf([2, 3], 2.1, 2.9), leaf([2, 3], 1.1, 1.4, seed: 2)] }) { $0[0].fmod($0[1]) },
    op("pow", { [leaf([2, 3], 0.5, 2), leaf([2, 3], seed: 2)] }) { $0[0].pow($0[1]) },
    op("pow scalar", positive) { $0[0].pow(2.5) },
    op("pow scalar base", m23) { Tensor.pow(2.5, $0[0]) },
    op("atan2", twoM23) { $0[0].atan2($0[1]) },
    op("maximum", twoM23) { $0[0].maximum($0[1]) },
    op("minimum", twoM23) { $0[0].minimum($0[1]) },
    op("fmax", twoM23) { $0[0].fmax($0[1]) },
    op("fmin", twoM23) { $0[0].fmin($0[1]) },
    op("hypot", twoM23) { $0[0].hypot($0[1]) },
    op("logaddexp", twoM23) { $0[0].logaddexp($0[1]) },
    op("logaddexp2", twoM23) { $0[0].logaddexp2($0[1]) },
    op("copysign", twoM23) { $0[0].copysign($0[1]) },
    op("copysign scalar", m23) { $0[0].copysign(-1.0) },
    op("xlogy", { [leaf([2, 3]), leaf([2, 3], 0.5, 2, seed: 2)] }) { $0[0].xlogy($0[1]) },
    op("xlogy scalar", m23) { $0[0].xlogy(2.5) },
    op("addcmul", { [leaf([2, 3]), leaf([2, 3], seed: 2), leaf([3], seed: 3)] }) {
        $0[0].addcmul($0[1], $0[2], value: 0.5)
    },
    op("addcdiv", { [leaf([2, 3]), leaf([2, 3], seed: 2), leaf([3], 0.5, 2, seed: 3)] }) {
        $0[0].addcdiv($0[1], $0[2], value: 0.5)
    },
    op("lerp scalar", twoM23) { $0[0].lerp($0[1], weight: 0.3) },
    op("lerp tensor", { [leaf([2, 3]), leaf([2, 3], seed: 2), leaf([2, 3], seed: 3)] }) {
        $0[0].lerp($0[1], weight: $0[2])
    },
    op("clamp", m23) { $0[0].clamp(min: -0.5, max: 0.5) },
    op("clamp tensor", { [leaf([2, 3]), leaf([2, 3], -0.7, -0.3, seed: 2), leaf([2, 3], 0.3, 0.7, seed: 3)] }) {
        $0[0].clamp(min: $0[1], max: $0[2])
    },
    op("where", twoM23) { Tensor.where(mask23, $0[0], $0[1]) },
    op("where scalar", m23) { Tensor.where(mask23, $0[0], 0.5) },
    op("clone", m23) { $0[0].clone() },
    op("cast", m23, atol: 2e-3, eps: 1e-3) { $0[0].to(.float32).to(.float64) },
    op("asStrided", { [leaf([6])] }) { $0[0].asStrided([2, 2], [1, 2], offset: 1) },
]

let reductionCases: [OpCase] = [
    op("sum", m23) { $0[0].sum() },
    op("sum dims keepdim", { [leaf([2, 3, 2])] }) { $0[0].sum(dims: [0, 2], keepdim: true) },
    op("nansum", m23) { $0[0].nansum(dim: 1) },
    op("mean", { [leaf([2, 3, 2])] }) { $0[0].mean(dim: 1) },
    op("nanmean", m23) { $0[0].nanmean(dim: 0) },
    op("prod", m23) { $0[0].prod() },
    // Double backward through an exact zero is not supported (cumprod's derivative divides by x).
    op(
        "prod dim with zero", { [Tensor(copying: [0.5, 0, 2, 1.5, -1, 0.7], shape: [2, 3]).requiresGrad_()] },
        twice: false
    ) { $0[0].prod(dim: 1) },
    op("max", m23) { $0[0].max() },
    op("amax dims", { [leaf([2, 3, 2])] }) { $0[0].amax(dims: [0, 2]) },
    op("amin", m23) { $0[0].amin(dim: 1, keepdim: true) },
    op("median", m23) { $0[0].median() },
    op("max dim", m23) { $0[0].max(dim: 1).values },
    op("min dim keepdim", m23) { $0[0].min(dim: 0, keepdim: true).values },
    op("median dim", m23) { $0[0].median(dim: 1).values },
    op("kthvalue", m23) { $0[0].kthvalue(2, dim: 1).values },
    op("sort", m23) { $0[0].sort(dim: 1, descending: true).values },
    op("topk", m23) { $0[0].topk(2, dim: 1).values },
    op("cummax", m23) { $0[0].cummax(dim: 1).values },
    op("var", { [leaf([3, 4])] }) { $0[0].var(dim: 1) },
    op("var correction 0 keepdim", { [leaf([3, 4])] }) { $0[0].var(dims: [0], correction: 0, keepdim: true) },
    op("std", { [leaf([3, 4])] }) { $0[0].std() },
    op("logsumexp", { [leaf([3, 4])] }) { $0[0].logsumexp(dim: 1) },
    op("softmax", { [leaf([3, 4])] }) { $0[0].softmax(dim: 1) },
    op("logSoftmax", { [leaf([3, 4])] }) { $0[0].logSoftmax(dim: 0) },
    op("cumsum", { [leaf([3, 4])] }) { $0[0].cumsum(dim: 1) },
    op("cumprod", { [leaf([3, 4], 0.5, 1.5)] }) { $0[0].cumprod(dim: 1) },
    opMany("varMean", { [leaf([3, 4])] }) {
        let r = $0[0].varMean(dim: 1)
        return [r.var, r.mean]
    },
]

let shapeCases: [OpCase] = [
    op("view", m23) { $0[0].view([3, 2]) },
    op("reshape copy", m23) { $0[0].t().reshape([6]) },
    op("flatten/unflatten", { [leaf([2, 3, 2])] }) { $0[0].flatten(startDim: 1).unflatten(dim: 1, sizes: [2, 3]) },
    op("squeeze", { [leaf([2, 1, 3])] }) { $0[0].squeeze() },
    op("unsqueeze", m23) { $0[0].unsqueeze(1) },
    op("expand", { [leaf([3, 1])] }) { $0[0].expand([2, 3, 4]) },
    op("transpose", { [leaf([2, 3, 4])] }) { $0[0].transpose(0, 2) },
    op("permute", { [leaf([2, 3, 4])] }) { $0[0].permute([2, 0, 1]) },
    op("narrow", { [leaf([4, 3])] }) { $0[0].narrow(dim: 0, start: 1, length: 2) },
    op("select", { [leaf([4, 3])] }) { $0[0].select(dim: 1, index: -1) },
    op("subscript slice step", { [leaf([5, 3])] }) { $0[0][.slice(start: 0, end: 5, step: 2), 1] },
    op("split", { [leaf([5, 3])] }) { Tensor.cat($0[0].split(2, dim: 0).map { $0 * 2 }) },
    op("diagonal", square3) { $0[0].diagonal(offset: 1) },
    op("diag", { [leaf([3])] }) { $0[0].diag() },
    op("diagEmbed", m23) { $0[0].diagEmbed() },
    op("unfold", { [leaf([6])] }) { $0[0].unfold(dimension: 0, size: 3, step: 2) },
    op("cat", { [leaf([2, 3]), leaf([1, 3], seed: 2)] }) { Tensor.cat([$0[0], $0[1]], dim: 0) },
    op("stack", twoM23) { Tensor.stack([$0[0], $0[1]], dim: 1) },
    op("flip", m23) { $0[0].flip([0, 1]) },
    op("roll", m23) { $0[0].roll(shifts: [1], dims: [1]) },
    op("roll flat", m23) { $0[0].roll(2) },
    op("repeat", m23) { $0[0].repeat([2, 1, 2]) },
    op("tril", square3) { $0[0].tril() },
    op("triu", square3) { $0[0].triu(diagonal: 1) },
]

let indexingCases: [OpCase] = [
    op("index", { [leaf([4, 3])] }) { $0[0].index([Tensor(copying: [Int64(0), 2, 0], shape: [3])]) },
    op("advanced subscript", { [leaf([4, 3])] }) { $0[0][Tensor(copying: [Int64(3), 1], shape: [2]), 1...] },
    op("indexPut", { [leaf([4, 3]), leaf([2, 3], seed: 2)] }) { $0[0].indexPut([index02], $0[1]) },
    op("indexPut accumulate", { [leaf([4, 3]), leaf([3], seed: 2)] }) {
        $0[0].indexPut([Tensor(copying: [Int64(1), 1], shape: [2])], $0[1], accumulate: true)
    },
    op("gather", m23) { $0[0].gather(dim: 1, index: Tensor(copying: [Int64(0), 0, 2, 1], shape: [2, 2])) },
    op("scatter", { [leaf([2, 3]), leaf([2, 2], seed: 2)] }) {
        $0[0].scatter(dim: 1, index: Tensor(copying: [Int64(0), 2, 1, 0], shape: [2, 2]), src: $0[1])
    },
    op("scatter value", m23) {
        $0[0].scatter(dim: 1, index: Tensor(copying: [Int64(0), 2], shape: [2, 1]), value: 5)
    },
    op("scatterAdd", { [leaf([2, 3]), leaf([2, 2], seed: 2)] }) {
        $0[0].scatterAdd(dim: 1, index: Tensor(copying: [Int64(0), 0, 1, 1], shape: [2, 2]), src: $0[1])
    },
    op("scatterReduce sum", { [leaf([2, 3]), leaf([2, 2], seed: 2)] }) {
        $0[0].scatterReduce(
            dim: 1, index: Tensor(copying: [Int64(0), 0, 1, 1], shape: [2, 2]), src: $0[1], reduce: "sum")
    },
    op("scatterReduce mean", { [leaf([2, 3]), leaf([2, 2], seed: 2)] }) {
        $0[0].scatterReduce(
            dim: 1, index: Tensor(copying: [Int64(0), 0, 1, 1], shape: [2, 2]), src: $0[1], reduce: "mean",
            includeSelf: false)
    },
    op("scatterReduce amax", { [leaf([2, 3]), leaf([2, 2], seed: 2)] }) {
        $0[0].scatterReduce(
            dim: 1, index: Tensor(copying: [Int64(0), 0, 1, 1], shape: [2, 2]), src: $0[1], reduce: "amax")
    },
    op("scatterReduce prod", { [leaf([2, 3], 0.5, 1.5), leaf([2, 2], 0.5, 1.5, seed: 2)] }) {
        $0[0].scatterReduce(
            dim: 1, index: Tensor(copying: [Int64(0), 0, 1, 1], shape: [2, 2]), src: $0[1], reduce: "prod")
    },
    op("indexSelect", { [leaf([4, 3])] }) {
        $0[0].indexSelect(dim: 0, index: Tensor(copying: [Int64(3), 0, 3], shape: [3]))
    },
    op("indexSelect 0-dim", { [leaf([])] }) {
        $0[0].indexSelect(dim: 0, index: Tensor(copying: [Int64(0)], shape: [1]))
    },
    // Composed of indexSelect (no tag of their own): checked here because they are public API.
    op("repeatInterleave", { [leaf([3, 2])] }) {
        $0[0].repeatInterleave(Tensor(copying: [Int64(2), 0, 1], shape: [3]), dim: 0)
    },
    op("repeatInterleave flat", m23) { $0[0].repeatInterleave(2) },
    opMany("Linalg.cross", { [leaf([2, 3]), leaf([1, 3], seed: 2)] }) { [Linalg.cross($0[0], $0[1])] },
    op("indexAdd", { [leaf([4, 3]), leaf([2, 3], seed: 2)] }) {
        $0[0].indexAdd(dim: 0, index: index02, source: $0[1], alpha: 2)
    },
    op("indexCopy", { [leaf([4, 3]), leaf([2, 3], seed: 2)] }) {
        $0[0].indexCopy(dim: 0, index: index02, source: $0[1])
    },
    op("indexFill", { [leaf([4, 3])] }) { $0[0].indexFill(dim: 0, index: index02, value: 1.5) },
    op("indexFill tensor value", { [leaf([4, 3]), leaf([], seed: 2)] }) {
        $0[0].indexFill(dim: 1, index: index02, value: $0[1])
    },
    op("maskedFill", m23) { $0[0].maskedFill(mask23, 2) },
    op("maskedFill tensor value", { [leaf([2, 3]), leaf([], seed: 2)] }) { $0[0].maskedFill(mask23, $0[1]) },
    op("maskedSelect", m23) { $0[0].maskedSelect(mask23) },
    op("maskedScatter", { [leaf([2, 3]), leaf([4], seed: 2)] }) { $0[0].maskedScatter(mask23, $0[1]) },
    op("take", m23) { $0[0].take(Tensor(copying: [Int64(5), 0, 5], shape: [3])) },
    op("put", { [leaf([2, 3]), leaf([2], seed: 2)] }) { $0[0].put(Tensor(copying: [Int64(4), 1], shape: [2]), $0[1]) },
    op("takeAlongDim", m23) { $0[0].takeAlongDim(Tensor(copying: [Int64(2), 0], shape: [2, 1]), dim: 1) },
]

let linalgCases: [OpCase] = [
    op("matmul 2x2", { [leaf([2, 3]), leaf([3, 4], seed: 2)] }) { $0[0].matmul($0[1]) },
    op("matmul 1x1", { [leaf([3]), leaf([3], seed: 2)] }) { $0[0].matmul($0[1]) },
    op("matmul 1x2", { [leaf([3]), leaf([3, 2], seed: 2)] }) { $0[0].matmul($0[1]) },
    op("matmul 3x1", { [leaf([2, 2, 3]), leaf([3], seed: 2)] }) { $0[0].matmul($0[1]) },
    op("matmul broadcast batch", { [leaf([2, 1, 2, 3]), leaf([3, 3, 2], seed: 2)] }) { $0[0].matmul($0[1]) },
    op("mm", { [leaf([2, 3]), leaf([3, 4], seed: 2)] }) { $0[0].mm($0[1]) },
    // Column-major operands take torch's transposed gradient products (mm_mat1/mat2_backward).
    op("mm column-major", { [leaf([3, 2]), leaf([4, 3], seed: 2)] }) { $0[0].t().mm($0[1].t()) },
    op("matmul 2x2 column-major", { [leaf([3, 2]), leaf([4, 3], seed: 2)] }) { $0[0].t().matmul($0[1].t()) },
    op("bmm", { [leaf([2, 2, 3]), leaf([2, 3, 2], seed: 2)] }) { $0[0].bmm($0[1]) },
    op("mv", { [leaf([2, 3]), leaf([3], seed: 2)] }) { $0[0].mv($0[1]) },
    op("dot", { [leaf([3]), leaf([3], seed: 2)] }) { $0[0].dot($0[1]) },
    op("vdot", { [leaf([3]), leaf([3], seed: 2)] }) { $0[0].vdot($0[1]) },
    op("outer", { [leaf([3]), leaf([2], seed: 2)] }) { $0[0].outer($0[1]) },
    op("addmm", { [leaf([4]), leaf([2, 3], seed: 2), leaf([3, 4], seed: 3)] }) {
        $0[0].addmm($0[1], $0[2], beta: 0.5, alpha: 2)
    },
    op("addmm column-major, beta and alpha 1", { [leaf([4]), leaf([3, 2], seed: 2), leaf([4, 3], seed: 3)] }) {
        $0[0].addmm($0[1].t(), $0[2].t())
    },
    op("addmv", { [leaf([2]), leaf([2, 3], seed: 2), leaf([3], seed: 3)] }) {
        $0[0].addmv($0[1], $0[2], beta: 2, alpha: 0.5)
    },
    op("baddbmm", { [leaf([2, 2]), leaf([2, 2, 3], seed: 2), leaf([2, 3, 2], seed: 3)] }) {
        $0[0].baddbmm($0[1], $0[2])
    },
    op("inv", square3) { Linalg.inv($0[0] + Tensor.eye(3, dtype: .float64) * 2) },
    op("solve", { [leaf([3, 3]), leaf([3, 2], seed: 2)] }) {
        Linalg.solve($0[0] + Tensor.eye(3, dtype: .float64) * 2, $0[1])
    },
    op("solve vector", { [leaf([3, 3]), leaf([3], seed: 2)] }) {
        Linalg.solve($0[0] + Tensor.eye(3, dtype: .float64) * 2, $0[1])
    },
    op("solve right", { [leaf([3, 3]), leaf([2, 3], seed: 2)] }) {
        Linalg.solve($0[0] + Tensor.eye(3, dtype: .float64) * 2, $0[1], left: false)
    },
    op("det", square3) { Linalg.det($0[0] + Tensor.eye(3, dtype: .float64)) },
    op("slogdet", square3) { Linalg.slogdet($0[0] + Tensor.eye(3, dtype: .float64) * 2).logabsdet },
    op("cholesky", square3) { Linalg.cholesky(spd($0[0])) },
    op("cholesky upper", square3) { Linalg.cholesky(spd($0[0]), upper: true) },
    opMany("qr", { [leaf([4, 3])] }) {
        let (q, r) = Linalg.qr($0[0])
        return [q, r]
    },
    op("svd gauge-invariant", { [leaf([4, 3])] }) {
        let (u, s, vh) = Linalg.svd($0[0], fullMatrices: false)
        return u.matmul(vh) + s.sum()
    },
    op("svd full U S Vh", { [leaf([3, 3])] }, twice: false) {
        let (u, s, vh) = Linalg.svd($0[0])
        return (u * u).sum(dim: 0) + s + (vh * vh).sum(dim: 1)
    },
    op("svdvals", { [leaf([3, 4])] }) { Linalg.svdvals($0[0]) },
    opMany("eigh", square3) {
        let (l, v) = Linalg.eigh(symmetric($0[0]))
        return [l, v * v]
    },
    op("eigvalsh", square3) { Linalg.eigvalsh(symmetric($0[0])) },
    op("pinv", { [leaf([4, 3])] }) { Linalg.pinv($0[0]) },
    op("lstsq", { [leaf([4, 3]), leaf([4, 2], seed: 2)] }) { Linalg.lstsq($0[0], $0[1]).solution },
    op("vectorNorm 2", m23) { Linalg.vectorNorm($0[0]) },
    op("vectorNorm 1 dim", m23) { Linalg.vectorNorm($0[0], ord: 1, dim: [1]) },
    op("vectorNorm inf", m23) { Linalg.vectorNorm($0[0], ord: .infinity) },
    op("vectorNorm 3 keepdim", m23) { Linalg.vectorNorm($0[0], ord: 3, dim: [0], keepdim: true) },
    op("matrixNorm nuc", { [leaf([3, 4])] }) { Linalg.matrixNorm($0[0], ord: .nuc) },
    op("matrixNorm 2", { [leaf([3, 4])] }) { Linalg.matrixNorm($0[0], ord: 2) },
    op("matrixNorm 1", { [leaf([3, 4])] }) { Linalg.matrixNorm($0[0], ord: 1) },
    op("matrixNorm inf keepdim", { [leaf([3, 4])] }) { Linalg.matrixNorm($0[0], ord: .p(.infinity), keepdim: true) },
    op("trace", { [leaf([3, 4])] }) { $0[0].trace() },
    op("einsum", { [leaf([2, 3]), leaf([3, 4], seed: 2)] }) { Tensor.einsum("ij,jk->ik", $0[0], $0[1]) },
    op("einsum sums", { [leaf([2, 3]), leaf([3], seed: 2)] }) { Tensor.einsum("ij,j->", $0[0], $0[1]) },
    op("einsum batch ellipsis", { [leaf([2, 2, 3]), leaf([2, 3, 2], seed: 2)] }) {
        Tensor.einsum("...ij,...jk->...ik", $0[0], $0[1])
    },
]

/// NN ops recorded with their own backward kernels (first order only unless Autodiff has a recorded formula).
let nnCases: [OpCase] = [
    op("conv2d", { [leaf([1, 2, 5, 5]), leaf([3, 2, 3, 3], seed: 2), leaf([3], seed: 3)] }) {
        NNOps.conv2d($0[0], $0[1], $0[2], stride: 2, padding: 1)
    },
    op("conv1d no bias", { [leaf([2, 2, 6]), leaf([3, 2, 3], seed: 2)] }) { NNOps.conv1d($0[0], $0[1]) },
    op("convTranspose2d", { [leaf([1, 2, 3, 3]), leaf([2, 3, 2, 2], seed: 2), leaf([3], seed: 3)] }) {
        NNOps.convTranspose2d($0[0], $0[1], $0[2], stride: 2)
    },
    op("mseLoss", twoM23) { NNOps.mseLoss($0[0], $0[1]) },
    op("l1Loss sum", twoM23) { NNOps.l1Loss($0[0], $0[1], reduction: .sum) },
    op("smoothL1Loss", twoM23) { NNOps.smoothL1Loss($0[0], $0[1], beta: 0.5) },
    op("huberLoss none", twoM23) { NNOps.huberLoss($0[0], $0[1], reduction: .none, delta: 0.5) },
    op("crossEntropy", { [leaf([3, 4])] }) {
        NNOps.crossEntropy($0[0], Tensor(copying: [Int64(0), 3, 1], shape: [3]), labelSmoothing: 0.1)
    },
    op("bceWithLogits", { [leaf([2, 3])] }) {
        NNOps.binaryCrossEntropyWithLogits($0[0], uniform([2, 3], 0, 1, seed: 9))
    },
    op("maxPool2d", { [leaf([1, 1, 4, 4])] }) { NNOps.maxPool2d($0[0], kernelSize: 2) },
    op("nllLoss", { [leaf([3, 4])] }) {
        NNOps.nllLoss($0[0], Tensor(copying: [Int64(0), 3, 1], shape: [3]), weight: uniform([4], 0.5, 1.5, seed: 8))
    },
    op("embedding", { [leaf([5, 3])] }) {
        NNOps.embedding($0[0], Tensor(copying: [Int64(0), 4, 0, 2], shape: [2, 2]))
    },
    op("dropout with mask", m23) { NNOps.dropout($0[0], mask: mask23, p: 0.25) },
    op("binaryCrossEntropy", { [leaf([2, 3], 0.2, 0.8)] }) {
        NNOps.binaryCrossEntropy($0[0], uniform([2, 3], 0, 1, seed: 9))
    },
    op(
        "scaledDotProductAttention causal",
        { [leaf([2, 3, 4]), leaf([2, 3, 4], seed: 2), leaf([2, 3, 4], seed: 3)] }
    ) {
        NNOps.scaledDotProductAttention($0[0], $0[1], $0[2], isCausal: true)
    },
    op("pad reflect", { [leaf([1, 2, 4])] }) { NNOps.pad($0[0], pad: [2, 1], mode: "reflect") },
    op("pad constant", { [leaf([2, 3])] }) { NNOps.pad($0[0], pad: [1, 2, 0, 1], value: 0.5) },
    op("avgPool2d", { [leaf([1, 2, 5, 5])] }) { NNOps.avgPool2d($0[0], kernelSize: 3, stride: 2, padding: 1) },
    op("adaptiveAvgPool2d", { [leaf([1, 2, 5, 5])] }) { NNOps.adaptiveAvgPool2d($0[0], outputSize: 2) },
    op("batchNorm training", { [leaf([4, 3, 2]), leaf([3], seed: 2), leaf([3], seed: 3)] }) {
        NNOps.batchNorm($0[0], runningMean: nil, runningVar: nil, weight: $0[1], bias: $0[2], training: true).output
    },
    op("batchNorm eval", { [leaf([4, 3]), leaf([3], seed: 2)] }) {
        NNOps.batchNorm(
            $0[0], runningMean: uniform([3], seed: 4), runningVar: uniform([3], 0.5, 1.5, seed: 5), weight: $0[1],
            training: false
        ).output
    },
    opMany("layerNorm", { [leaf([2, 3, 4]), leaf([4], seed: 2), leaf([4], seed: 3)] }) {
        [NNOps.layerNorm($0[0], normalizedShape: [4], weight: $0[1], bias: $0[2]).output]
    },
    op("conv3d", { [leaf([1, 2, 3, 4, 4]), leaf([2, 2, 2, 2, 2], seed: 2), leaf([2], seed: 3)] }, twice: false) {
        NNOps.conv3d($0[0], $0[1], $0[2], stride: [1], padding: [1], dilation: [1], groups: 1)
    },
    op("maxPool3dWithIndices", { [leaf([1, 1, 2, 4, 4])] }, twice: false) {
        NNOps.maxPool3dWithIndices($0[0], kernelSize: [2, 2, 2]).output
    },
    op("avgPool3d", { [leaf([1, 2, 3, 4, 4])] }, twice: false) {
        NNOps.avgPool3d($0[0], kernelSize: [2, 3, 3], stride: [1, 2, 2], padding: [1, 1, 1])
    },
    op("adaptiveAvgPool3d", { [leaf([1, 2, 3, 5, 4])] }, twice: false) {
        NNOps.adaptiveAvgPool3d($0[0], outputSize: [2, 2, 3])
    },
    // Reseeded per call so every evaluation of gradcheck draws the same mask.
    op("nativeDropout", m23) {
        _ = manualSeed(7)
        return NNOps.nativeDropout($0[0], p: 0.25).output
    },
    op("dropout", m23) {
        _ = manualSeed(7)
        return NNOps.dropout($0[0], p: 0.25)
    },
]

/// Ops torch records without a derivative: recorded (the coverage test sees their tag), never gradchecked.
let recordedWithoutDerivative: [OpCase] = [
    op("remainder number by tensor", positive) { Tensor.remainder(5, $0[0]) }
]

/// Fused recurrent cells and layers (first order): every mode, both directions, with and without biases
/// and the LSTM projection.
let recurrentCases: [OpCase] = [
    opMany("lstmCell", { [leaf([2, 8]), leaf([2, 8], seed: 2), leaf([2, 2], seed: 3)] }, twice: false) {
        let r = NNOps.lstmCell(inputGates: $0[0], hiddenGates: $0[1], cx: $0[2])
        return [r.hy, r.cy]
    },
    op("gruCell", { [leaf([2, 6]), leaf([2, 6], seed: 2), leaf([2, 2], seed: 3)] }, twice: false) {
        NNOps.gruCell(inputGates: $0[0], hiddenGates: $0[1], hx: $0[2])
    },
    opMany(
        "rnnLayer lstm",
        {
            [
                leaf([3, 2, 8]), leaf([2, 2], seed: 2), leaf([2, 2], seed: 3), leaf([8, 2], seed: 4),
                leaf([8], seed: 5),
            ]
        }, twice: false
    ) {
        let r = NNOps.rnnLayer(.lstm, inputGates: $0[0], hx: $0[1], cx: $0[2], weightHh: $0[3], biasHh: $0[4])
        return [r.output, r.hy, r.cy!]
    },
    opMany(
        "rnnLayer lstm projected reverse",
        {
            [
                leaf([3, 2, 12]), leaf([2, 2], seed: 2), leaf([2, 3], seed: 3), leaf([12, 2], seed: 4),
                leaf([12], seed: 5), leaf([2, 3], seed: 6),
            ]
        }, twice: false
    ) {
        let r = NNOps.rnnLayer(
            .lstm, inputGates: $0[0], hx: $0[1], cx: $0[2], weightHh: $0[3], biasHh: $0[4], weightHr: $0[5],
            reverse: true)
        return [r.output, r.hy, r.cy!]
    },
    opMany(
        "rnnLayer gru", { [leaf([3, 2, 6]), leaf([2, 2], seed: 2), leaf([6, 2], seed: 4), leaf([6], seed: 5)] },
        twice: false
    ) {
        let r = NNOps.rnnLayer(.gru, inputGates: $0[0], hx: $0[1], cx: nil, weightHh: $0[2], biasHh: $0[3])
        return [r.output, r.hy]
    },
    opMany(
        "rnnLayer gru reverse no bias", { [leaf([3, 2, 6]), leaf([2, 2], seed: 2), leaf([6, 2], seed: 4)] },
        twice: false
    ) {
        let r = NNOps.rnnLayer(.gru, inputGates: $0[0], hx: $0[1], cx: nil, weightHh: $0[2], biasHh: nil, reverse: true)
        return [r.output, r.hy]
    },
    opMany(
        "rnnLayer tanh", { [leaf([4, 2, 3]), leaf([2, 3], seed: 2), leaf([3, 3], seed: 4), leaf([3], seed: 5)] },
        twice: false
    ) {
        let r = NNOps.rnnLayer(.rnnTanh, inputGates: $0[0], hx: $0[1], cx: nil, weightHh: $0[2], biasHh: $0[3])
        return [r.output, r.hy]
    },
    opMany(
        "rnnLayer relu reverse",
        { [leaf([4, 2, 3], 0.1, 1), leaf([2, 3], seed: 2), leaf([3, 3], 0, 0.5, seed: 4)] }, twice: false
    ) {
        let r = NNOps.rnnLayer(
            .rnnRelu, inputGates: $0[0], hx: $0[1], cx: nil, weightHh: $0[2], biasHh: nil, reverse: true)
        return [r.output, r.hy]
    },
]

let allCases =
    elementwiseCases + reductionCases + shapeCases + indexingCases + linalgCases + nnCases + nnTaggedCases
    + recurrentCases

/// Op tags recorded while the gradchecks ran.
final class TagLog: @unchecked Sendable {
    static let shared = TagLog()
    private let lock = NSLock()
    private var names = Set<String>()
    func add(_ op: DifferentiableOp) {
        lock.lock()
        names.insert(op.name.rawValue)
        lock.unlock()
    }
    var all: Set<String> {
        lock.lock()
        defer { lock.unlock() }
        return names
    }
}

@Suite(.serialized) struct AllOpsGradcheckTests {
    @Test(arguments: allCases) func gradcheckFloat64(_ c: OpCase) {
        GraphRecorder.observer = { TagLog.shared.add($0) }
        #expect(
            gradcheck(c.function, inputs: c.inputs(), eps: c.eps, atol: c.atol, raiseException: false),
            "gradcheck \(c.name)")
        if c.twice {
            #expect(
                gradgradcheck(
                    c.function, inputs: c.inputs(), eps: c.eps, atol: max(c.atol, 1e-4), raiseException: false),
                "gradgradcheck \(c.name)")
        }
    }

    /// Every case of TensorCore's DifferentiableOp was recorded (hence has a derivative checked above).
    @Test func everyOpTagIsCovered() throws {
        for c in allCases { _ = c.function(c.inputs()) }
        // The list kept in code: DifferentiableOpName, which DifferentiableOp.name's exhaustive switch keeps whole.
        let names = DifferentiableOpName.allCases.map(\.rawValue)
        GraphRecorder.observer = { TagLog.shared.add($0) }
        for c in allCases + recordedWithoutDerivative { _ = c.function(c.inputs()) }
        let seen = TagLog.shared.all
        let missing = names.filter { !seen.contains($0) }
        #expect(names.count > 100)
        #expect(missing.isEmpty, "op tags without a gradcheck: \(missing)")
    }
}
