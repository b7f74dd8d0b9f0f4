import Autodiff
import TensorCore
import Testing

@testable import Layers

extension Layers {
    @Suite("Recurrent layers") struct RecurrentTests {
        let fx: Fixture
        init() throws { fx = try Fixture("rnn") }

        func dict(_ name: String) -> [String: Any] { fx[name] as! [String: Any] }

        /// Builds after manualSeed(0) (so torch's init must be reproduced), checks keys, repr, state,
        /// outputs, final states and gradients.
        func check(
            _ name: String, _ make: () -> RNNBase, state: [Tensor]? = nil, trainSeed: Int? = nil,
            _ call: (RNNBase, Tensor) -> (Tensor, [Tensor])
        ) throws {
            _ = manualSeed(0)
            let m = make()
            #expect(m.description == fx[name + "_repr"] as! String)
            #expect(m.stateDict().keys.map(\.text) == fx[name + "_keys"] as! [String])
            let torchState = dict(name + "_state")
            for (k, v) in m.stateDict().tensors {
                expectEqual(v, try Fixture.decodeTensor(torchState[k]!), "\(name) \(k)")
            }
            let c = dict(name)
            let x = try Fixture.decodeTensor(c["x"]!).requiresGrad_()
            if let trainSeed { _ = manualSeed(trainSeed) } else { m.eval() }
            let (out, hn) = call(m, x)
            expectClose(out, try Fixture.decodeTensor(c["out"]!), atol: 1e-5, "\(name) output")
            let wantH = try (c["hn"] as! [Any]).map { try Fixture.decodeTensor($0) }
            for (h, w) in zip(hn, wantH) { expectClose(h, w, atol: 1e-5, "\(name) final state") }
            let loss = hn.reduce(out.pow(2).sum()) { $0 + $1.sum() }
            loss.backward()
            expectClose(x.grad!, try Fixture.decodeTensor(c["grad_x"]!), atol: 1e-5, "\(name) grad x")
            let pg = c["pgrads"] as! [String: Any]
            for (k, p) in m.namedParameters() {
                expectClose(p.grad!, try Fixture.decodeTensor(pg[k]!), atol: 1e-5, "\(name) grad \(k)")
            }
        }

        @Test func lstmGruRnn() throws {
            try check(
                "lstm_bi", { LSTM(4, 3, numLayers: 2, batchFirst: true, dropout: 0.3, bidirectional: true) },
                trainSeed: 5
            ) { m, x in
                let (o, s) = (m as! LSTM)(x)
                return (o, [s.h, s.c])
            }
            try check("lstm_state", { LSTM(4, 3) }) { m, x in
                let (o, s) = (m as! LSTM)(x, (try! storedState("lstm_state")[0], try! storedState("lstm_state")[1]))
                return (o, [s.h, s.c])
            }
            try check("gru", { GRU(4, 3, numLayers: 2, bidirectional: true) }) { m, x in
                let (o, h) = (m as! GRU)(x)
                return (o, [h])
            }
            try check("rnn_relu", { RNN(4, 3, nonlinearity: "relu", bias: false, batchFirst: true) }) { m, x in
                let (o, h) = (m as! RNN)(x, try! storedState("rnn_relu")[0])
                return (o, [h])
            }
            try check("lstm_unbatched", { LSTM(4, 2) }) { m, x in
                let (o, s) = (m as! LSTM)(x)
                return (o, [s.h, s.c])
            }
        }

        /// proj_size: torch's weight_hr_l0 keys, [T, B, dirs·proj] outputs, h_n of proj_size and c_n of
        /// hidden_size, gradients through the projection.
        @Test func lstmProjection() throws {
            try check("lstm_proj", { LSTM(4, 5, numLayers: 2, batchFirst: true, bidirectional: true, projSize: 2) }) {
                m, x in
                let (o, s) = (m as! LSTM)(x)
                #expect(o.sizes == [3, 5, 4] && s.h.sizes == [4, 3, 2] && s.c.sizes == [4, 3, 5])
                return (o, [s.h, s.c])
            }
            try check("lstm_proj_h0", { LSTM(4, 3, projSize: 1) }) { m, x in
                let state = try! storedState("lstm_proj_h0")
                let (o, s) = (m as! LSTM)(x, (state[0], state[1]))
                return (o, [s.h, s.c])
            }
        }

        /// Batches of 32+ rows run the sequence in per-thread row chunks: a batch of 40 must give what its
        /// two halves give on their own (outputs, input gradients, summed parameter gradients).
        @Test(arguments: [RNNMode.lstm, .gru, .rnnTanh]) func rowChunksMatchHalves(_ mode: RNNMode) {
            _ = manualSeed(1)
            let m: RNNBase =
                switch mode {
                case .lstm: LSTM(3, 5, numLayers: 2, bidirectional: true, projSize: 2)
                case .gru: GRU(3, 5, bidirectional: true)
                default: RNN(3, 5)
                }
            let x = Tensor.randn(6, 40, 3)
            func run(_ input: Tensor) -> (Tensor, Tensor, [Tensor]) {
                m.zeroGrad()
                let xi = input.detach().requiresGrad_()
                let out: Tensor =
                    switch m {
                    case let l as LSTM: l(xi).output
                    case let g as GRU: g(xi).output
                    default: (m as! RNN)(xi).output
                    }
                out.pow(2).sum().backward()
                return (out.detach(), xi.grad!, m.parameters().map { $0.grad!.clone() })
            }
            let (whole, gxWhole, gpWhole) = run(x)
            let (a, gxA, gpA) = run(x[.all, 0..<20])
            let (b, gxB, gpB) = run(x[.all, 20..<40])
            expectClose(whole, Tensor.cat([a, b], dim: 1), atol: 1e-5)
            expectClose(gxWhole, Tensor.cat([gxA, gxB], dim: 1), atol: 1e-5)
            for (g, (ga, gb)) in zip(gpWhole, zip(gpA, gpB)) { expectClose(g, ga + gb, atol: 1e-4) }
        }

        /// One thread and several give the same numbers up to float32 rounding: the sequence run inside a
        /// parallel region (nested regions run serially, so the whole batch is one chunk with
        /// single-threaded BLAS) against the normal run, whose 64 rows are split across the worker
        /// threads — outputs, final states and every gradient. (Not bit for bit: OpenBLAS blocks the rows
        /// of a 64-row GEMM differently from two 32-row ones.)
        @Test(arguments: [RNNMode.lstm, .gru]) func oneThreadMatchesRowChunks(_ mode: RNNMode) {
            _ = manualSeed(2)
            let m: RNNBase =
                mode == .lstm ? LSTM(3, 24, numLayers: 2, batchFirst: true) : GRU(3, 24, numLayers: 2, batchFirst: true)
            let x = Tensor.randn(64, 7, 3)
            func run() -> [Tensor] {
                m.zeroGrad()
                let xi = x.detach().requiresGrad_()
                var out: Tensor, state: Tensor
                if let l = m as? LSTM {
                    let r = l(xi, nil)
                    (out, state) = (r.output, r.state.h + r.state.c)
                } else {
                    (out, state) = (m as! GRU)(xi, nil)
                }
                (out.pow(2).sum() + state.sum()).backward()
                return [out.detach(), state.detach(), xi.grad!] + m.parameters().map { $0.grad!.clone() }
            }
            let chunked = run()
            var serial: [Tensor] = []
            parallelFor(2, grain: 1) { rows in if rows.contains(0) { serial = run() } }
            #expect(serial.count == chunked.count)
            for (a, b) in zip(chunked, serial) { expectClose(a, b, rtol: 1e-5, atol: 1e-6) }
        }

        /// The Elman RNN with biases adds b_ih + b_hh once per step inside the fused node; it must give
        /// what the composed cell tanh(x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh) gives, outputs and gradients of
        /// both biases included (the torch fixtures cover it only without biases).
        @Test func elmanRNNWithBiasesMatchesComposedCell() {
            _ = manualSeed(4)
            let m = RNN(3, 5)
            let x = Tensor.randn(4, 2, 3), h0 = Tensor.randn(1, 2, 5)
            let (out, hn) = m(x, h0)
            (out.pow(2).sum() + hn.sum()).backward()
            let fused = m.parameters().map { $0.grad!.clone() }
            m.zeroGrad()
            var h = h0[0]
            var steps: [Tensor] = []
            let w = m.weights(layer: 0, direction: 0)
            for t in 0..<4 {
                h = (F.linear(x[t], w.wIh, w.bIh) + F.linear(h, w.wHh, w.bHh)).tanh()
                steps.append(h)
            }
            let composed = Tensor.stack(steps, dim: 0)
            expectClose(out, composed, atol: 1e-6)
            (composed.pow(2).sum() + h.sum()).backward()
            for (a, b) in zip(fused, m.parameters().map { $0.grad! }) { expectClose(a, b, atol: 1e-5) }
        }

        func storedState(_ name: String) throws -> [Tensor] {
            try (dict(name)["state"] as! [Any]).map { try Fixture.decodeTensor($0) }
        }

        @Test func cells() throws {
            _ = manualSeed(0)
            let lstm = LSTMCell(4, 3), gru = GRUCell(4, 3), rnn = RNNCell(4, 3, nonlinearity: "relu")
            for (name, m) in [("lstm_cell", lstm as Module), ("gru_cell", gru), ("rnn_cell", rnn)] {
                #expect(m.description == fx[name + "_repr"] as! String)
                let s = dict(name + "_state")
                #expect(m.stateDict().keys.map(\.text) == ["weight_ih", "weight_hh", "bias_ih", "bias_hh"])
                for (k, v) in m.stateDict().tensors { expectEqual(v, try Fixture.decodeTensor(s[k]!), "\(name) \(k)") }
            }
            let x = try fx.tensor("cell_x"), h = try fx.tensor("cell_h"), c = try fx.tensor("cell_c")
            let want = try (fx["lstm_cell_out"] as! [Any]).map { try Fixture.decodeTensor($0) }
            let (h1, c1) = lstm(x, (h, c))
            expectClose(h1, want[0])
            expectClose(c1, want[1])
            expectClose(gru(x, h), try fx.tensor("gru_cell_out"))
            expectClose(rnn(x), try fx.tensor("rnn_cell_out"))
        }

        /// Gradients through the fused LSTM and GRU cells: input, states and parameters.
        @Test func cellGradients() throws {
            _ = manualSeed(0)
            let lstm = LSTMCell(4, 3), gru = GRUCell(4, 3)
            for (name, m) in [("lstm_cell", lstm as RNNCellBase), ("gru_cell", gru)] {
                let x = try fx.tensor("cell_x").requiresGrad_(), h = try fx.tensor("cell_h").requiresGrad_()
                let c = try fx.tensor("cell_c").requiresGrad_()
                let want = dict(name + "_grads")
                if name == "lstm_cell" {
                    let (h1, c1) = lstm(x, (h, c))
                    (h1.pow(2).sum() + (c1 * 0.5).sum()).backward()
                    expectClose(c.grad!, try Fixture.decodeTensor(want["c"]!), atol: 1e-5, "lstm_cell grad c")
                } else {
                    gru(x, h).pow(2).sum().backward()
                }
                expectClose(x.grad!, try Fixture.decodeTensor(want["x"]!), atol: 1e-5, "\(name) grad x")
                expectClose(h.grad!, try Fixture.decodeTensor(want["h"]!), atol: 1e-5, "\(name) grad h")
                for (k, p) in m.namedParameters() {
                    expectClose(p.grad!, try Fixture.decodeTensor(want[k]!), atol: 1e-5, "\(name) grad \(k)")
                }
            }
        }

        @Test(arguments: ["lstm_predictor", "gru_predictor"]) func guidePredictors(_ name: String) throws {
            _ = manualSeed(0)
            let m: Module = name == "lstm_predictor" ? LSTMPredictor() : GRUPredictor()
            #expect(m.description == fx[name + "_repr"] as! String)
            #expect(m.stateDict().keys.map(\.text) == fx[name + "_keys"] as! [String])
            #expect(m.parameterCount() == fx[name + "_count"] as! Int)
            let x = try fx.tensor(name + "_x")
            _ = manualSeed(3)
            let y = m(x)
            expectClose(y, try fx.tensor(name + "_train_y"), atol: 1e-5)
            y.sum().backward()
            let key = name == "lstm_predictor" ? "lstm.weight_hh_l0" : "gru.weight_hh_l0"
            let p = m.namedParameters().first { $0.0 == key }!.1
            expectClose(p.grad![0..<4], try fx.tensor(name + "_grad_whh0"), atol: 1e-5)
            m.eval()
            expectClose(m(x), try fx.tensor(name + "_eval_y"), atol: 1e-5)
        }
    }
}
