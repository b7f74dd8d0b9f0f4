import Layers
import TensorCore

/// Creation, random sampling and casts, with op_sweep.py's arguments; random cases seed torch's generator
/// (ours) with the case's seed first.
extension SweepOps {
    static func seeded(_ f: @escaping @Sendable (DType) -> Tensor) -> SweepOp {
        { c in
            guard let dtype = (c.kwargs["dtype"] as? String).flatMap({ DType(name: $0) }) else { return nil }
            _ = manualSeed(UInt64(c.int("seed") ?? 0))
            return [f(dtype)]
        }
    }

    static let creation: [String: SweepOp] = [
        "arange": seeded { Tensor.arange(.int(1), .int(11), .int(3), dtype: $0) },
        "linspace": seeded { Tensor.linspace(-2, 3, 7, dtype: $0) },
        "logspace": seeded { Tensor.logspace(-1, 2, 5, dtype: $0) },
        "eye": seeded { Tensor.eye(3, 4, dtype: $0) },
        "full": seeded { Tensor.full([2, 3], .int(3), dtype: $0) },
        "zeros": seeded { Tensor.zeros([2, 3], dtype: $0) }, "ones": seeded { Tensor.ones([2, 3], dtype: $0) },
        "scalar_tensor": seeded { Tensor.scalarTensor(.int(2), dtype: $0) },
        "rand": seeded { Tensor.rand([2, 5], dtype: $0) }, "randn": seeded { Tensor.randn([2, 5], dtype: $0) },
        "randint": seeded { Tensor.randint(-3, 9, [2, 5], dtype: $0) },
        "randperm": seeded { Tensor.randperm(7, dtype: $0) },
        "normal": seeded { Tensor.empty([2, 5], dtype: $0).normal_(1, 2) },
        "uniform": seeded { Tensor.empty([2, 5], dtype: $0).uniform_(-1, 3) },
        "exponential": seeded { Tensor.empty([2, 5], dtype: $0).exponential_(0.5) },
        "bernoulli": seeded { Tensor.empty([2, 5], dtype: $0).bernoulli_(0.3) },
        "multinomial": seeded { Tensor([0.1, 0.4, 0.2, 0.3]).to($0).multinomial(3) },
        "float": u { $0.float() }, "double": u { $0.double() }, "half": u { $0.half() },
        "bfloat16": u { $0.bfloat16() }, "long": u { $0.long() }, "int": u { $0.int() }, "short": u { $0.short() },
        "char": u { $0.char() }, "byte": u { $0.byte() }, "bool": u { $0.bool() },
    ]
}
