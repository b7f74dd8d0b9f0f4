# Guide §2 (텐서 기초), with the prints Examples/TensorBasics makes. Twin of Examples/TensorBasics.
import numpy as np
import torch

torch.manual_seed(42)

# 텐서 생성 — 직접 데이터로부터 생성
t1 = torch.tensor([1, 2, 3, 4, 5])
print(f"1D 텐서: {t1}, shape: {t1.shape}, dtype: {t1.dtype}")
t2 = torch.tensor([[1.0, 2.0, 3.0],
                   [4.0, 5.0, 6.0]])
print(f"2D 텐서:\n{t2}, shape: {t2.shape}")

# 특수 텐서 생성
zeros = torch.zeros(3, 4)
ones = torch.ones(2, 3)
rand = torch.rand(3, 3)
randn = torch.randn(3, 3)
eye = torch.eye(4)
arange = torch.arange(0, 10, 2)
linspace = torch.linspace(0, 1, 5)
print(f"zeros:\n{zeros}")
print(f"randn:\n{randn}")
print(f"arange: {arange}")
print(f"linspace: {linspace}")

# 기존 텐서와 같은 크기로 생성
t3 = torch.zeros_like(t2)
t4 = torch.ones_like(t2)
t5 = torch.rand_like(t2)

# NumPy 배열로부터 생성 (메모리 공유)
np_arr = np.array([1.0, 2.0, 3.0])
t_from_np = torch.from_numpy(np_arr)
print(f"NumPy로부터: {t_from_np}")
np_from_t = t1.numpy()
print(f"NumPy로: {np_from_t.tolist()}")

# 텐서 속성 및 타입 변환
t = torch.rand(3, 4, 5)
print(f"shape: {t.shape}")
print(f"ndim: {t.ndim}")
print(f"dtype: {t.dtype}")
print(f"device: {t.device}")
print(f"numel: {t.numel()}")
print(f"to(int32): {t.to(torch.int32).dtype}, long: {t.long().dtype}, float: {t.float().dtype}, "
      f"double: {t.double().dtype}, half: {t.half().dtype}")
if torch.cuda.is_available():
    t_gpu = t.to("cuda")

# 텐서 형태 변환
t = torch.arange(24)
print(f"reshape(4, 6): {t.reshape(4, 6).shape}, reshape(2, 3, 4): {t.reshape(2, 3, 4).shape}, "
      f"reshape(6, -1): {t.reshape(6, -1).shape}, view(3, 8): {t.view(3, 8).shape}")
t = torch.zeros(1, 3, 1, 4)
print(f"원본 shape: {t.shape}")
t_sq = t.squeeze()
print(f"squeeze(0): {t.squeeze(0).shape}, unsqueeze(0): {t_sq.unsqueeze(0).shape}")
t = torch.rand(2, 3, 4)
print(f"transpose(0, 1): {t.transpose(0, 1).shape}")
t_perm = t.permute(2, 0, 1)
print(f"contiguous: {t_perm.is_contiguous()} → {t_perm.contiguous().is_contiguous()}")
print(f"squeeze: {t_sq.shape}")
print(f"permute: {t_perm.shape}")

# 텐서 연산
a = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
b = torch.tensor([[5.0, 6.0], [7.0, 8.0]])
print(a + b)
print(a - b)
print(a * b)
print(a / b)
print(a ** 2)
print(f"행렬 곱:\n{a @ b}")
print(f"mm:\n{torch.mm(a, b)}")

# 집계 연산
t = torch.rand(3, 4)
print(f"합계: {t.sum()}")
print(f"평균: {t.mean()}")
print(f"최대: {t.max()}")
print(f"최소: {t.min()}")
print(f"표준편차: {t.std()}")
print(f"행별 합: {t.sum(dim=0)}")
print(f"열별 합: {t.sum(dim=1)}")
print(f"keepdim:\n{t.sum(dim=1, keepdim=True)}")
print(f"최대값 인덱스: {t.argmax()}")
print(f"행별 최대값 인덱스: {t.argmax(dim=1)}")

# 브로드캐스팅
a = torch.tensor([[1, 2, 3],
                  [4, 5, 6]])
b = torch.tensor([10, 20, 30])
print(a + b)
print(a * 2)
print(a + 100)
col = torch.tensor([[1], [2], [3]])
row = torch.tensor([10, 20, 30])
print(col + row)

# 인덱싱과 슬라이싱
t = torch.arange(24).reshape(2, 3, 4).float()
print(t[0])
print(t[0, 1])
print(t[0, 1, 2])
print(t[:, 1:, :2])
indices = torch.tensor([0, 2])
print(t[:, indices, :])
mask = t > 10
print(t[mask])

# where: 조건에 따라 두 텐서에서 선택
a = torch.tensor([1.0, 2.0, 3.0, 4.0])
b = torch.tensor([10.0, 20.0, 30.0, 40.0])
condition = a > 2
print(torch.where(condition, b, a))
