import Testing

@testable import TensorCore

/// Misuse stops with torch's exact messages (checked against torch 2.15). Exit tests cannot capture
/// values, so every case builds its own inputs from a case index.
@Suite struct LinearAlgebraErrorTests {
    static let expected: [String] = [
        "mm: mat1 and mat2 shapes cannot be multiplied (64x783 and 784x512)",
        "addmm: mat1 and mat2 shapes cannot be multiplied (64x783 and 784x512)",
        "mm: mat1 and mat2 shapes cannot be multiplied (3x4 and 5x6)",
        "expected m1 and m2 to have the same dtype, but got: float != double",
        "Expected size for first two dimensions of batch2 tensor to be: [2, 4] but got: [3, 4].",
        "inconsistent tensor size, expected tensor [3] and src [4] to have the same number of elements, but got 3 and 4 elements respectively",
        "linalg.inv: A must be batches of square matrices, but they are 3 by 4 matrices",
        "linalg.inv: The diagonal element 2 is zero, the inversion could not be completed because the input matrix is singular.",
        "linalg.cholesky: The factorization could not be completed because the input is not positive-definite (the leading minor of order 2 is not positive-definite).",
        "einsum(): output subscript k does not appear in the equation for any input operand",
        "einsum(): subscript j has size 4 for operand 1 which does not broadcast with previously seen size 3",
        "einsum(): invalid subscript given at index 1 in the equation string, subscripts must be in [a-zA-Z]",
        "einsum(): fewer operands were provided than specified in the equation",
        "both arguments to matmul need to be at least 1D, but they are 0D and 1D",
        "size mismatch, got input (6), mat (6x4), vec (5)",
        "dot : expected both vectors to have same dtype, but found Float and Double",
        "\"addmm_impl_cpu_\" not implemented for 'Bool'",
        "linalg.inv: (Batch element 0): The diagonal element 1 is zero, the inversion could not be completed because the input matrix is singular.",
        "torch.linalg.solve: The solver failed because the input matrix is singular.",
        "linalg.solve: Incompatible shapes of A and B for the equation AX = B (3x3 and 4x1)",
        "linalg.inv: Expected a floating point or complex tensor as input. Got Long",
        "linalg.matrix_norm: Order 3 not supported.",
        "trace: expected a matrix, but got tensor with dim 3",
        "einsum(): the number of subscripts in the equation (3) does not match the number of dimensions (2) for operand 0 and no ellipsis was given",
        "expected scalar type Float but found Double",
        "batch1 must be a 3D tensor",
    ]

    static func trigger(_ index: Int) {
        let f = { (shape: [Int]) in Tensor.ones(shape) }
        switch index {
        case 0: _ = f([64, 783]).matmul(f([784, 512]))
        case 1: _ = Tensor.addmm(f([512]), f([64, 783]), f([784, 512]))
        case 2: _ = f([3, 4]).mm(f([5, 6]))
        case 3: _ = f([3, 4]).mm(Tensor.ones([4, 2], dtype: .float64))
        case 4: _ = f([2, 3, 4]).bmm(f([3, 4, 5]))
        case 5: _ = f([3]).dot(f([4]))
        case 6: _ = Linalg.inv(f([3, 4]))
        case 7: _ = Linalg.inv(Tensor([[1.0, 2.0], [2.0, 4.0]]))
        case 8: _ = Linalg.cholesky(Tensor([[1.0, 2.0], [2.0, 1.0]]))
        case 9: _ = Tensor.einsum("ij->ik", f([2, 3]))
        case 10: _ = Tensor.einsum("ij,jk->ik", f([2, 3]), f([4, 5]))
        case 11: _ = Tensor.einsum("i$->i", f([2, 3]))
        case 12: _ = Tensor.einsum("ij,jk", f([2, 3]))
        case 13: _ = Tensor(1.0).matmul(f([4]))
        case 14: _ = f([2, 3, 4]).matmul(f([5]))
        case 15: _ = f([3]).dot(Tensor.ones([3], dtype: .float64))
        case 16: _ = Tensor.ones([2, 2], dtype: .bool).mm(Tensor.ones([2, 2], dtype: .bool))
        case 17: _ = Linalg.inv(Tensor.zeros([2, 3, 3]))
        case 18: _ = Linalg.solve(Tensor([[1.0, 2.0], [2.0, 4.0]]), f([2]))
        case 19: _ = Linalg.solve(f([3, 3]), f([4]))
        case 20: _ = Linalg.inv(Tensor.ones([3, 3], dtype: .int64))
        case 21: _ = Linalg.matrixNorm(f([2, 3]), ord: 3)
        case 22: _ = f([3, 3, 3]).trace()
        case 23: _ = Tensor.einsum("ijk->ij", f([2, 3]))
        case 24: _ = f([2, 3, 4]).matmul(Tensor.ones([2, 4, 6], dtype: .float64))
        case 25: _ = f([3, 4]).bmm(f([2, 4, 5]))
        default: break
        }
    }

    @Test(arguments: 0..<26) func misuseStopsWithTorchMessage(index: Int) async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) { [index] in
            LinearAlgebraErrorTests.trigger(index)
        }.map { result in
            let text = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(text.contains(LinearAlgebraErrorTests.expected[index]), "case \(index): \(text)")
        }
    }
}
