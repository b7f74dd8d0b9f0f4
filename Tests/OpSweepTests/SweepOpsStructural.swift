import Layers
import TensorCore

extension SweepOps {
    static let reductions: [String: SweepOp] = [
        "sum": r(
            all: { [$0.sum()] }, dim: { [$0.sum(dim: $1, keepdim: $2)] }, dims: { [$0.sum(dims: $1, keepdim: $2)] }),
        "mean": r(
            all: { [$0.mean()] }, dim: { [$0.mean(dim: $1, keepdim: $2)] }, dims: { [$0.mean(dims: $1, keepdim: $2)] }),
        "prod": r(all: { [$0.prod()] }, dim: { [$0.prod(dim: $1, keepdim: $2)] }),
        "amax": r(
            all: { [$0.amax()] }, dim: { [$0.amax(dim: $1, keepdim: $2)] }, dims: { [$0.amax(dims: $1, keepdim: $2)] }),
        "amin": r(
            all: { [$0.amin()] }, dim: { [$0.amin(dim: $1, keepdim: $2)] }, dims: { [$0.amin(dims: $1, keepdim: $2)] }),
        "argmax": r(all: { [$0.argmax()] }, dim: { [$0.argmax(dim: $1, keepdim: $2)] }),
        "argmin": r(all: { [$0.argmin()] }, dim: { [$0.argmin(dim: $1, keepdim: $2)] }),
        "max": r(all: { [$0.max()] }, dim: { pair($0.max(dim: $1, keepdim: $2)) }),
        "min": r(all: { [$0.min()] }, dim: { pair($0.min(dim: $1, keepdim: $2)) }),
        "median": r(all: { [$0.median()] }, dim: { pair($0.median(dim: $1, keepdim: $2)) }),
        "std": r(
            all: { [$0.std()] }, dim: { [$0.std(dim: $1, keepdim: $2)] }, dims: { [$0.std(dims: $1, keepdim: $2)] }),
        "var": r(
            all: { [$0.var()] }, dim: { [$0.var(dim: $1, keepdim: $2)] }, dims: { [$0.var(dims: $1, keepdim: $2)] }),
        "logsumexp": r(dim: { [$0.logsumexp(dim: $1, keepdim: $2)] }, dims: { [$0.logsumexp(dims: $1, keepdim: $2)] }),
        "all": r(
            all: { [$0.all()] }, dim: { [$0.all(dim: $1, keepdim: $2)] }, dims: { [$0.all(dims: $1, keepdim: $2)] }),
        "any": r(
            all: { [$0.any()] }, dim: { [$0.any(dim: $1, keepdim: $2)] }, dims: { [$0.any(dims: $1, keepdim: $2)] }),
        "nansum": r(
            all: { [$0.nansum()] }, dim: { [$0.nansum(dim: $1, keepdim: $2)] },
            dims: { [$0.nansum(dims: $1, keepdim: $2)] }),
        "nanmean": r(
            all: { [$0.nanmean()] }, dim: { [$0.nanmean(dim: $1, keepdim: $2)] },
            dims: { [$0.nanmean(dims: $1, keepdim: $2)] }),
        "count_nonzero": r(
            all: { [$0.countNonzero()] }, dim: { x, d, _ in [x.countNonzero(dim: d)] },
            dims: { x, d, _ in [x.countNonzero(dims: d)] }),
        "cumsum": r(dim: { x, d, _ in [x.cumsum(dim: d)] }), "cumprod": r(dim: { x, d, _ in [x.cumprod(dim: d)] }),
        "softmax": r(dim: { x, d, _ in [x.softmax(dim: d)] }),
        "log_softmax": r(dim: { x, d, _ in [x.logSoftmax(dim: d)] }),
        "cummax": r(dim: { x, d, _ in pair(x.cummax(dim: d)) }),
        "cummin": r(dim: { x, d, _ in pair(x.cummin(dim: d)) }),
        "argsort": r(dim: { x, d, _ in [x.argsort(dim: d)] }), "sort": r(dim: { x, d, _ in pair(x.sort(dim: d)) }),
    ]

    static let shape: [String: SweepOp] = [
        "reshape": u { $0.reshape([2, -1]) }, "flatten": u { $0.flatten() }, "transpose": u { $0.transpose(0, 1) },
        "permute": u { $0.permute([1, 0]) }, "unsqueeze": u { $0.unsqueeze(1) },
        "squeeze": u { $0.unsqueeze(0).squeeze(dim: 0) },
        "flip": u { $0.flip([0, 1]) }, "roll": u { $0.roll(2, dim: 1) }, "repeat": u { $0.repeat([2, 1]) },
        "expand": u { $0[..<1].expand([3, -1]) }, "narrow": u { $0.narrow(dim: 1, start: 1, length: 2) },
        "tril": u { $0.tril() }, "triu": u { $0.triu(diagonal: 1) },
        "cat": u { Tensor.cat([$0, $0.mul(.int(2))], dim: 1) },
        "stack": u { Tensor.stack([$0, $0], dim: 0) }, "chunk": { c in c.tensors[0].chunk(2, dim: 1) },
        "split": { c in c.tensors[0].split([1, 2], dim: 0) }, "movedim": u { $0.movedim(0, 1) },
        "clone": u { $0.clone() }, "contiguous": u { $0.contiguous() },
    ]
}
