// The guide's section 9 (Transformer 구현 — Multi-head Attention from Scratch): the hand-written
// MultiHeadAttention, FeedForward, TransformerEncoderLayer and PositionalEncoding (Attention.swift), used as
// the guide uses them, plus a look at the attention weights with a causal mask.
import Torch

// The guide draws x unseeded; seeding makes the printed values reproducible (twin: torch.manual_seed(42)).
manualSeed(42)

// 사용 예시
let dModel = 512
let encoderLayer = TransformerEncoderLayer(dModel: dModel, numHeads: 8)
let posEnc = PositionalEncoding(dModel: dModel)
print(encoderLayer)
print("파라미터 수: \(encoderLayer.parameterCount())")
print("pe 버퍼: \(posEnc.buffer("pe")!.shape)")

var x = Tensor.randn(2, 10, dModel)  // [batch=2, seq=10, d_model=512]
x = posEnc(x)
let output = encoderLayer(x)
print("Transformer Encoder 출력: \(output.shape)")  // [2, 10, 512]
// Post-norm: every position comes out of LayerNorm with mean 0 and (biased) standard deviation 1.
print("output[0, 0, :5]: \(output[0, 0, ..<5].detach())")

// 마스크: a causal mask (mask == 0 is hidden) lets position i attend to positions ≤ i only.
_ = encoderLayer.eval()  // no dropout on the weights, so each row sums to 1
let mask = Tensor.ones(10, 10).tril()
let (_, weights) = noGrad { encoderLayer.selfAttn(x, x, x, mask: mask) }
print("어텐션 가중치: \(weights.shape)")
print("미래 위치 가중치 합: \(weights.triu(diagonal: 1).sum().item(Double.self))")
print("첫 위치는 자기 자신만 봄: \(weights[0, 0, 0, 0].item(Double.self))")
