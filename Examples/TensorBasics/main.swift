// The guide's section 2 (텐서 기초) translated line by line: each print shows what the Python prints.
// Twin: Examples/pytorch/tensor-basics.py (seeded the same way, so the random tensors print torch's values).
import TensorCore

manualSeed(42)

// 텐서 생성 — 직접 데이터로부터 생성
let t1 = Tensor([1, 2, 3, 4, 5])
print("1D 텐서: \(t1), shape: \(t1.shape), dtype: \(t1.dtype)")
let t2 = Tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
print("2D 텐서:\n\(t2), shape: \(t2.shape)")

// 특수 텐서 생성
let zeros = Tensor.zeros(3, 4)
_ = Tensor.ones(2, 3)
_ = Tensor.rand(3, 3)
let randn = Tensor.randn(3, 3)
_ = Tensor.eye(4)
let arange = Tensor.arange(0, 10, 2)
let linspace = Tensor.linspace(0, 1, 5)
print("zeros:\n\(zeros)")
print("randn:\n\(randn)")
print("arange: \(arange)")
print("linspace: \(linspace)")

// 기존 텐서와 같은 크기로 생성
_ = Tensor.zerosLike(t2)
_ = Tensor.onesLike(t2)
_ = Tensor.randLike(t2)

// NumPy 배열과의 변환: a Swift array plays the NumPy array (float64 stays float64, like from_numpy).
let tFromArray = Tensor(copying: [1.0, 2.0, 3.0], shape: [3])
print("NumPy로부터: \(tFromArray)")
let arrayFromTensor: [Int64] = t1.toArray()
print("NumPy로: \(arrayFromTensor)")

// 텐서 속성 및 타입 변환
var t = Tensor.rand(3, 4, 5)
print("shape: \(t.shape)")
print("ndim: \(t.ndim)")
print("dtype: \(t.dtype)")
print("device: \(t.device)")
print("numel: \(t.numel)")
print(
    "to(int32): \(t.to(.int32).dtype), long: \(t.long().dtype), float: \(t.float().dtype), double: \(t.double().dtype), half: \(t.half().dtype)"
)
if CUDA.isAvailable() { _ = t.to("cuda") }

// 텐서 형태 변환
t = Tensor.arange(24)
print(
    "reshape(4, 6): \(t.reshape(4, 6).shape), reshape(2, 3, 4): \(t.reshape(2, 3, 4).shape), reshape(6, -1): \(t.reshape(6, -1).shape), view(3, 8): \(t.view(3, 8).shape)"
)
t = Tensor.zeros(1, 3, 1, 4)
print("원본 shape: \(t.shape)")
let tSq = t.squeeze()
print("squeeze(0): \(t.squeeze(dim: 0).shape), unsqueeze(0): \(tSq.unsqueeze(0).shape)")
t = Tensor.rand(2, 3, 4)
print("transpose(0, 1): \(t.transpose(0, 1).shape)")
let tPerm = t.permute(2, 0, 1)
print("contiguous: \(Scalar.bool(tPerm.isContiguous)) → \(Scalar.bool(tPerm.contiguous().isContiguous))")
print("squeeze: \(tSq.shape)")
print("permute: \(tPerm.shape)")

// 텐서 연산
var a = Tensor([[1.0, 2.0], [3.0, 4.0]])
var b = Tensor([[5.0, 6.0], [7.0, 8.0]])
print(a + b)
print(a - b)
print(a * b)
print(a / b)
print(a.pow(2))
print("행렬 곱:\n\(a.matmul(b))")
print("mm:\n\(a.mm(b))")

// 집계 연산 — Python's f-string formats a 0-dim tensor as its number, hence `item()`.
t = Tensor.rand(3, 4)
print("합계: \(t.sum().item())")
print("평균: \(t.mean().item())")
print("최대: \(t.max().item())")
print("최소: \(t.min().item())")
print("표준편차: \(t.std().item())")
print("행별 합: \(t.sum(dim: 0))")
print("열별 합: \(t.sum(dim: 1))")
print("keepdim:\n\(t.sum(dim: 1, keepdim: true))")
print("최대값 인덱스: \(t.argmax().item())")
print("행별 최대값 인덱스: \(t.argmax(dim: 1))")

// 브로드캐스팅
a = Tensor([[1, 2, 3], [4, 5, 6]])
b = Tensor([10, 20, 30])
print(a + b)
print(a * 2)
print(a + 100)
let col = Tensor([[1], [2], [3]])
let row = Tensor([10, 20, 30])
print(col + row)

// 인덱싱과 슬라이싱
t = Tensor.arange(24).reshape(2, 3, 4).float()
print(t[0])
print(t[0, 1])
print(t[0, 1, 2])
print(t[.all, 1..., ..<2])
let indices = Tensor([0, 2])
print(t[.all, indices, .all])
let mask = t > 10
print(t[mask])

// where: 조건에 따라 두 텐서에서 선택
a = Tensor([1.0, 2.0, 3.0, 4.0])
b = Tensor([10.0, 20.0, 30.0, 40.0])
let condition = a > 2
print(Tensor.where(condition, b, a))
