import Foundation
import Layers
import TensorCore

/// The guide's hand-written attention (section 9), translated line by line.
final class GuideMultiHeadAttention: Module {
    let dModel: Int, numHeads: Int, dK: Int, scale: Double
    @Child(name: "W_q") var wQ: Linear
    @Child(name: "W_k") var wK: Linear
    @Child(name: "W_v") var wV: Linear
    @Child(name: "W_o") var wO: Linear
    @Child var dropout: Dropout

    init(dModel: Int = 512, numHeads: Int = 8, dropout: Double = 0.1) {
        precondition(dModel % numHeads == 0)
        self.dModel = dModel
        self.numHeads = numHeads
        dK = dModel / numHeads
        self.dropout = Dropout(dropout)
        scale = Double(dK).squareRoot()
        super.init()
        // Children declared with an explicit key (`W_q`, as the guide names them) are assigned after super.init.
        wQ = Linear(dModel, dModel)
        wK = Linear(dModel, dModel)
        wV = Linear(dModel, dModel)
        wO = Linear(dModel, dModel)
    }

    /// Printed under the guide's class name (this Swift class is prefixed to keep it apart from the library's).
    override var typeName: String { "MultiHeadAttention" }

    func splitHeads(_ x: Tensor) -> Tensor {
        x.view(x.size(0), x.size(1), numHeads, dK).transpose(1, 2)
    }

    func callAsFunction(_ query: Tensor, _ key: Tensor, _ value: Tensor, mask: Tensor? = nil) -> (Tensor, Tensor) {
        let batch = query.size(0)
        let q = splitHeads(wQ(query)), k = splitHeads(wK(key)), v = splitHeads(wV(value))
        var scores = q.matmul(k.transpose(-2, -1)) / Scalar.double(scale)
        if let mask { scores = scores.maskedFill(mask.eq(0), .double(-.infinity)) }
        let weights = dropout(F.softmax(scores, dim: -1))
        let context = weights.matmul(v).transpose(1, 2).contiguous().view(batch, -1, dModel)
        return (wO(context), weights)
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

final class GuideEncoderLayer: Module {
    @Child var selfAttn: GuideMultiHeadAttention
    @Child var ff: FeedForward
    @Child var norm1: LayerNorm
    @Child var norm2: LayerNorm
    @Child var dropout: Dropout

    init(dModel: Int = 512, numHeads: Int = 8, dFF: Int = 2048, dropout: Double = 0.1) {
        selfAttn = GuideMultiHeadAttention(dModel: dModel, numHeads: numHeads, dropout: dropout)
        ff = FeedForward(dModel: dModel, dFF: dFF, dropout: dropout)
        norm1 = LayerNorm(dModel)
        norm2 = LayerNorm(dModel)
        self.dropout = Dropout(dropout)
        super.init()
    }

    override func forward(_ x: Tensor) -> Tensor { self(x, mask: nil) }

    func callAsFunction(_ input: Tensor, mask: Tensor?) -> Tensor {
        let (attn, _) = selfAttn(input, input, input, mask: mask)
        let x = norm1(input + dropout(attn))
        return norm2(x + dropout(ff(x)))
    }
}

final class PositionalEncoding: Module {
    @Child var dropout: Dropout

    init(dModel: Int = 512, maxLen: Int = 5000, dropout: Double = 0.1) {
        self.dropout = Dropout(dropout)
        super.init()
        let pe = Tensor.zeros(maxLen, dModel)
        let position = Tensor.arange(0, .int(Int64(maxLen))).unsqueeze(1).float()
        let divTerm = (Tensor.arange(0, .int(Int64(dModel)), 2).float() * Scalar.double(-log(10000.0) / Double(dModel)))
            .exp()
        pe[.all, .slice(start: 0, step: 2)] = (position * divTerm).sin()
        pe[.all, .slice(start: 1, step: 2)] = (position * divTerm).cos()
        registerBuffer("pe", pe.unsqueeze(0))
    }

    override func forward(_ x: Tensor) -> Tensor {
        dropout(x + buffer("pe")![.all, ..<x.size(1)])
    }
}
