import Foundation
import Torch

/// The guide's hand-written MultiHeadAttention (not the library's `MultiheadAttention`, which packs Q/K/V).
final class MultiHeadAttention: Module {
    let dModel: Int
    let numHeads: Int
    let dK: Int  // 헤드당 차원
    let scale: Double
    // Q, K, V, 출력 프로젝션: explicit keys keep the guide's state-dict names (`W_q.weight`, ...).
    @Child(name: "W_q") var wQ: Linear
    @Child(name: "W_k") var wK: Linear
    @Child(name: "W_v") var wV: Linear
    @Child(name: "W_o") var wO: Linear
    @Child var dropout: Dropout

    init(dModel: Int = 512, numHeads: Int = 8, dropout: Double = 0.1) {
        precondition(dModel % numHeads == 0, "d_model must be divisible by num_heads")
        self.dModel = dModel
        self.numHeads = numHeads
        dK = dModel / numHeads
        scale = Double(dK).squareRoot()
        self.dropout = Dropout(dropout)
        super.init()
        // Children with an explicit key are assigned after super.init (in the guide's order: W_q first).
        wQ = Linear(dModel, dModel)
        wK = Linear(dModel, dModel)
        wV = Linear(dModel, dModel)
        wO = Linear(dModel, dModel)
    }

    func splitHeads(_ x: Tensor) -> Tensor {
        // x: [batch, seq, d_model] → [batch, num_heads, seq, d_k]
        let (batch, seq) = (x.size(0), x.size(1))
        return x.view(batch, seq, numHeads, dK).transpose(1, 2)
    }

    func callAsFunction(_ query: Tensor, _ key: Tensor, _ value: Tensor, mask: Tensor? = nil) -> (Tensor, Tensor) {
        let batchSize = query.size(0)
        // 1. Q, K, V 선형 변환 및 헤드 분리
        let q = splitHeads(wQ(query))  // [B, H, Sq, dk]
        let k = splitHeads(wK(key))  // [B, H, Sk, dk]
        let v = splitHeads(wV(value))  // [B, H, Sk, dk]
        // 2. Scaled Dot-Product Attention — scores: [B, H, Sq, Sk]
        var scores = q.matmul(k.transpose(-2, -1)) / Scalar.double(scale)
        if let mask { scores = scores.maskedFill(mask.eq(0), .double(-.infinity)) }
        var attnWeights = F.softmax(scores, dim: -1)
        attnWeights = dropout(attnWeights)
        // 3. Value와 가중합
        var context = attnWeights.matmul(v)  // [B, H, Sq, dk]
        // 4. 헤드 합치기
        context = context.transpose(1, 2).contiguous()
        context = context.view(batchSize, -1, dModel)
        // 5. 출력 프로젝션
        return (wO(context), attnWeights)
    }
}

final class FeedForward: Module {
    @Child var net: Sequential

    init(dModel: Int = 512, dFF: Int = 2048, dropout: Double = 0.1) {
        net = Sequential(Linear(dModel, dFF), ReLU(), Dropout(dropout), Linear(dFF, dModel))
        super.init()
    }

    override func forward(_ x: Tensor) -> Tensor { net(x) }
}

final class TransformerEncoderLayer: Module {
    @Child var selfAttn: MultiHeadAttention
    @Child var ff: FeedForward
    @Child var norm1: LayerNorm
    @Child var norm2: LayerNorm
    @Child var dropout: Dropout

    init(dModel: Int = 512, numHeads: Int = 8, dFF: Int = 2048, dropout: Double = 0.1) {
        selfAttn = MultiHeadAttention(dModel: dModel, numHeads: numHeads, dropout: dropout)
        ff = FeedForward(dModel: dModel, dFF: dFF, dropout: dropout)
        norm1 = LayerNorm(dModel)
        norm2 = LayerNorm(dModel)
        self.dropout = Dropout(dropout)
        super.init()
    }

    // `encoder_layer(x)` with no mask: a one-argument call goes through Module's callAsFunction → forward.
    override func forward(_ x: Tensor) -> Tensor { self(x, mask: nil) }

    func callAsFunction(_ input: Tensor, mask: Tensor?) -> Tensor {
        // Pre-Norm 방식 (원 논문은 Post-Norm) — the code normalizes after the residual sum (Post-Norm), as written.
        let (attnOut, _) = selfAttn(input, input, input, mask: mask)
        let x = norm1(input + dropout(attnOut))
        let ffOut = ff(x)
        return norm2(x + dropout(ffOut))
    }
}

final class PositionalEncoding: Module {
    @Child var dropout: Dropout

    init(dModel: Int = 512, maxLen: Int = 5000, dropout: Double = 0.1) {
        self.dropout = Dropout(dropout)
        super.init()
        // 위치 인코딩 계산
        let pe = Tensor.zeros(maxLen, dModel)
        let position = Tensor.arange(0, .int(Int64(maxLen))).unsqueeze(1).float()
        let divTerm = (Tensor.arange(0, .int(Int64(dModel)), 2).float() * Scalar.double(-log(10000.0) / Double(dModel)))
            .exp()
        pe[.all, .slice(start: 0, step: 2)] = (position * divTerm).sin()
        pe[.all, .slice(start: 1, step: 2)] = (position * divTerm).cos()
        registerBuffer("pe", pe.unsqueeze(0))  // [1, max_len, d_model]
    }

    override func forward(_ x: Tensor) -> Tensor {
        dropout(x + buffer("pe")![.all, ..<x.size(1)])
    }
}
