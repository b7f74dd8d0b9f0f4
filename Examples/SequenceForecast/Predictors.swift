import Torch

/// LSTM 기반 시계열 예측 모델: the guide's LSTMPredictor.
final class LSTMPredictor: Module {
    let hiddenSize: Int
    let numLayers: Int
    // LSTM 레이어
    @Child var lstm: LSTM
    // 출력 레이어
    @Child var fc: Sequential

    init(inputSize: Int = 1, hiddenSize: Int = 64, numLayers: Int = 2, outputSize: Int = 1, dropout: Double = 0.2) {
        self.hiddenSize = hiddenSize
        self.numLayers = numLayers
        lstm = LSTM(
            inputSize: inputSize, hiddenSize: hiddenSize, numLayers: numLayers,
            batchFirst: true,  // 입력: [batch, seq_len, features]
            dropout: numLayers > 1 ? dropout : 0, bidirectional: false)
        fc = Sequential(Linear(hiddenSize, 32), ReLU(), Linear(32, outputSize))
        super.init()
    }

    override func forward(_ x: Tensor) -> Tensor {
        // x shape: [batch_size, seq_len, input_size]
        let batchSize = x.size(0)
        // 초기 hidden/cell state (0으로 초기화)
        let h0 = Tensor.zeros(numLayers, batchSize, hiddenSize)
        let c0 = Tensor.zeros(numLayers, batchSize, hiddenSize)
        // LSTM 순전파 — out: [batch_size, seq_len, hidden_size]
        let (out, _) = lstm(x, (h0, c0))
        // 마지막 시퀀스의 출력만 사용
        return fc(out[.all, -1, .all])  // [batch_size, output_size]
    }
}

/// GRU — LSTM보다 파라미터 적은 변형: the guide's GRUPredictor.
final class GRUPredictor: Module {
    @Child var gru: GRU
    @Child var fc: Linear

    init(inputSize: Int = 1, hiddenSize: Int = 64, numLayers: Int = 2) {
        gru = GRU(inputSize, hiddenSize, numLayers: numLayers, batchFirst: true, dropout: 0.2)
        fc = Linear(hiddenSize, 1)
        super.init()
    }

    override func forward(_ x: Tensor) -> Tensor {
        let (out, _) = gru(x)
        return fc(out[.all, -1, .all])
    }
}
