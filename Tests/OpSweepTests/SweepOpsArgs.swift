import Layers
import TensorCore

/// Argument variants read from the case's kwargs (op_sweep.py's conv_transpose, avg_pool3d_args, pad_args and
/// *_loss_args tables), the decompositions in canonical form, in-place fills and copies, `to`, seeded random
/// ops on tensors, and subscripts.
extension SweepCase {
    func string(_ key: String) -> String? { kwargs[key] as? String }
    /// An int or a tuple of ints (`kernel_size=2`, `padding=[1, 0, 1]`); nil for None or absent.
    func intOrTuple(_ key: String) -> IntOrTuple? {
        int(key).map { IntOrTuple([$0]) } ?? ints(key).map { IntOrTuple($0) }
    }
    func dtype(_ key: String) -> DType? { string(key).flatMap { DType(name: $0) } }
}

extension SweepOps {
    static func reduction(_ c: SweepCase) -> LossReduction { LossReduction(rawValue: c.string("reduction") ?? "mean")! }

    /// A random op on the case's tensors after seeding torch's generator (ours) with the case's seed.
    static func seededOn(_ f: @escaping @Sendable ([Tensor]) -> Tensor) -> SweepOp {
        { c in
            _ = manualSeed(UInt64(c.int("seed") ?? 0))
            return [f(c.tensors)]
        }
    }

    /// A copy of `x` with `x[indices] = value` (torch's __setitem__).
    static func setItem(_ x: Tensor, _ indices: [TensorIndex], _ value: Tensor) -> Tensor {
        let y = x.clone()
        y.setItem(indices, value)
        return y
    }

    static let args: [String: SweepOp] = [
        "conv_transpose": { c in
            let t = c.tensors
            let (stride, padding, outputPadding) = (
                c.intOrTuple("stride")!, c.intOrTuple("padding")!, c.intOrTuple("output_padding")!
            )
            let (groups, dilation) = (c.int("groups")!, c.intOrTuple("dilation")!)
            return [
                t[0].ndim == 3
                    ? F.convTranspose1d(
                        t[0], t[1], t[2], stride: stride, padding: padding, outputPadding: outputPadding,
                        groups: groups, dilation: dilation)
                    : F.convTranspose2d(
                        t[0], t[1], t[2], stride: stride, padding: padding, outputPadding: outputPadding,
                        groups: groups, dilation: dilation)
            ]
        },
        "avg_pool3d_args": { c in
            [
                F.avgPool3d(
                    c.tensors[0], kernelSize: c.intOrTuple("kernel_size")!, stride: c.intOrTuple("stride"),
                    padding: c.intOrTuple("padding")!,
                    ceilMode: c.bool("ceil_mode"), countIncludePad: c.bool("count_include_pad"),
                    divisorOverride: c.int("divisor_override"))
            ]
        },
        "pad_args": { c in [F.pad(c.tensors[0], c.ints("pad")!, mode: c.string("mode")!)] },
        "mse_loss_args": { c in [F.mseLoss(c.tensors[0], c.tensors[1], reduction: reduction(c))] },
        "l1_loss_args": { c in [F.l1Loss(c.tensors[0], c.tensors[1], reduction: reduction(c))] },
        "smooth_l1_loss_args": { c in [F.smoothL1Loss(c.tensors[0], c.tensors[1], reduction: reduction(c))] },
        "huber_loss_args": { c in [F.huberLoss(c.tensors[0], c.tensors[1], reduction: reduction(c))] },
        "kl_div_args": { c in [F.klDiv(c.tensors[0], c.tensors[1], reduction: reduction(c))] },

        "zero": n { $0[0].clone().zero_() },
        "fill": { c in c.number.map { [c.inputs[0].tensor.clone().fill_($0)] } },
        "copy": n { $0[0].clone().copy_($0[1]) },
        "to": { c in c.dtype("dtype").map { [c.tensors[0].to($0)] } },
        "random": seededOn { $0[0].clone().random_($0[0].dtype == .bool ? 0 : -3, $0[0].dtype == .bool ? 2 : 9) },
        "random_to": seededOn { $0[0].clone().random_($0[0].dtype == .bool ? 2 : 7) },
        "rand_like": seededOn { Tensor.randLike($0[0]) },
        "randn_like": seededOn { Tensor.randnLike($0[0]) },
        "randint_like": seededOn {
            $0[0].dtype == .bool ? Tensor.randintLike($0[0], 0, 2) : Tensor.randintLike($0[0], 2, 9)
        },
        "dropout_train": seededOn { F.dropout($0[0], p: 0.4, training: true) },
        "dropout2d": seededOn { F.dropout2d($0[0], p: 0.5, training: true) },
        "tril_indices": { c in
            if let dtype = c.dtype("dtype") { return [Tensor.trilIndices(4, 3, offset: -1, dtype: dtype)] }
            return [Tensor.trilIndices(c.int("r")!, c.int("c")!, offset: c.int("off")!)]
        },
        "triu_indices": { c in
            if let dtype = c.dtype("dtype") { return [Tensor.triuIndices(4, 3, offset: -1, dtype: dtype)] }
            return [Tensor.triuIndices(c.int("r")!, c.int("c")!, offset: c.int("off")!)]
        },
        "max_pool2d_with_indices": { c in
            let r = F.maxPool2dWithIndices(c.tensors[0], kernelSize: 2, stride: 1, padding: 1, dilation: 2)
            return [r.output, r.indices]
        },
        "adaptive_max_pool2d_with_indices": { c in
            let r = F.adaptiveMaxPool2dWithIndices(c.tensors[0], outputSize: [2, 3])
            return [r.output, r.indices]
        },

        "index": { c in
            let (x, i) = (c.tensors[0], c.tensors[1])
            return [c.id.hasSuffix(",columns]") ? x.index([nil, i]) : x.index([i])]
        },
        "get_item": { c in
            let x = c.tensors[0]
            if c.id.hasSuffix(",slices]") { return [x.getItem([.slice(start: 1), .slice(step: 2)])] }
            if c.id.hasSuffix(",int,newaxis]") { return [x.getItem([.newAxis, .at(-1), .slice(start: 1, end: 3)])] }
            return [x.getItem([.ellipsis, .tensor(Tensor([Int64(0), 3]))])]
        },
        "set_item": { c in
            let x = c.tensors[0]
            if c.id.hasSuffix(",slice=number]") {
                let y = x.clone()
                y.setItem([.slice(start: 1), .at(0)], .int(2))
                return [y]
            }
            return [setItem(x, [.tensor(Tensor([Int64(0), 2]))], c.tensors[1])]
        },
        "item": n { Tensor.scalarTensor($0[0].item(), dtype: $0[0].dtype) },
    ]

    /// Canonical forms of the sign-ambiguous decompositions, computed as op_sweep.py's `*_canonical`: each
    /// vector's sign makes its largest-magnitude entry positive (QR: R's diagonal), plus reconstruction and
    /// orthogonality products.
    static func flipToPositive(_ v: Tensor, dim: Int) -> Tensor {
        v * v.gather(dim: dim, index: v.abs().argmax(dim: dim, keepdim: true)).sign()
    }

    static func svdCanonical(_ a: Tensor, fullMatrices: Bool) -> [Tensor] {
        let r = Linalg.svd(a, fullMatrices: fullMatrices)
        let k = r.S.numel
        let u = r.U.narrow(dim: 1, start: 0, length: k), vh = r.Vh.narrow(dim: 0, start: 0, length: k)
        let sign = u.gather(dim: 0, index: u.abs().argmax(dim: 0, keepdim: true)).sign()
        return [r.S, u * sign, vh * sign.mT, (u * r.S).matmul(vh), r.U.mT.matmul(r.U), r.Vh.matmul(r.Vh.mT)]
    }

    static func qrCanonical(_ a: Tensor, mode: String) -> [Tensor] {
        let r = Linalg.qr(a, mode: mode)
        let k = Swift.min(a.size(-2), a.size(-1))
        let sign = r.R.diagonal().narrow(dim: 0, start: 0, length: k).sign()
        return [
            r.Q.narrow(dim: 1, start: 0, length: k) * sign, r.R.narrow(dim: 0, start: 0, length: k) * sign.unsqueeze(1),
            r.Q.matmul(r.R), r.Q.mT.matmul(r.Q),
        ]
    }

    static let decompositions: [String: SweepOp] = [
        "eigh": { c in
            let r = Linalg.eigh(c.tensors[0])
            let (l, v) = (r.eigenvalues, r.eigenvectors)
            return [l, flipToPositive(v, dim: 0), (v * l.unsqueeze(0)).matmul(v.mT), v.mT.matmul(v)]
        },
        "svd": { c in svdCanonical(c.tensors[0], fullMatrices: false) },
        "svd_full": { c in svdCanonical(c.tensors[0], fullMatrices: true) },
        "qr": { c in qrCanonical(c.tensors[0], mode: "reduced") },
        "qr_complete": { c in qrCanonical(c.tensors[0], mode: "complete") },
        "lstsq": { c in
            let r = Linalg.lstsq(c.tensors[0], c.tensors[1])
            return [r.solution, r.residuals, r.rank, r.singularValues]
        },
    ]
}

/// op_sweep.py's interpolate_args: bilinear (or linear) resizes with a size or scale factors and align_corners.
extension SweepOps {
    static let resizes: [String: SweepOp] = [
        "interpolate_args": { c in
            let mode = c.tensors[0].ndim == 3 ? "linear" : "bilinear"
            let alignCorners = c.kwargs["align_corners"] == nil ? nil : c.bool("align_corners")
            let scaleFactor = (c.kwargs["scale_factor"] as? [Any])?.compactMap {
                ($0 as? Double) ?? ($0 as? Int).map(Double.init)
            }
            return [
                F.interpolate(
                    c.tensors[0], size: c.ints("size"), scaleFactor: scaleFactor, mode: mode, alignCorners: alignCorners
                )
            ]
        }
    ]
}

/// op_sweep.py's shape and dtype functions: a shape as an int64 tensor, a dtype as an empty tensor of it.
extension SweepOps {
    static let typing: [String: SweepOp] = [
        "broadcast_shapes": { c in
            let shapes = (c.kwargs["shapes"] as? [[Int]]) ?? []
            return [Tensor(broadcastShapes(shapes).map(Int64.init)).to(.int64)]
        },
        "promote": n { Tensor.empty([0], dtype: DType.promote($0[0].dtype, $0[1].dtype)) },
        "result_type": { c in
            let operands: [PromotionOperand] = c.inputs.map { arg in
                if case .scalar(let s) = arg { return .scalar(s) }
                return .tensor(arg.tensor.dtype, ndim: arg.tensor.ndim)
            }
            return [Tensor.empty([0], dtype: DType.resultType(operands))]
        },
    ]
}
