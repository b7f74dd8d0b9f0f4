// The guide's section 16 (TorchScript와 모델 배포): a trained model handed to a deployment stack that knows
// nothing of Swift. torch.jit's saved form is TorchScript; here it is ONNX: a traced module runs its
// recorded graph and saves it as an ONNX file, which `JIT.load` (or onnxruntime, or torch) runs without
// this program's source. Files go to the current folder.
import Foundation
import Torch

final class SimpleNet: Module {
    @Child var fc = Linear(10, 5)

    override func forward(_ x: Tensor) -> Tensor { fc(x).relu() }
}

do {
    _ = manualSeed(42)
    let model = SimpleNet()
    model.eval()

    // 방법 1: torch.jit.script — 전체 모델 컴파일
    // Swift has no scripting of a model's source: tracing is the way to its graph (method 2), and the
    // saved graph is the ONNX file.
    let scriptedModel = try JIT.trace(model, Tensor.randn([1, 10]))
    // 저장 및 로딩
    try scriptedModel.save(to: URL(fileURLWithPath: "model_scripted.onnx"))
    let loadedScripted = try JIT.load(URL(fileURLWithPath: "model_scripted.onnx"))
    let x = Tensor.randn([4, 10])
    let out = noGrad { loadedScripted(x) }
    print("TorchScript 출력: \(out.shape)")
    print("불러온 모델 출력 일치: \(out.allclose(noGrad { model(x) }) ? "True" : "False")")

    // 방법 2: torch.jit.trace — 예제 입력으로 추적
    let exampleInput = Tensor.randn([1, 10])
    let tracedModel = try JIT.trace(model, exampleInput)
    try tracedModel.save(to: URL(fileURLWithPath: "model_traced.onnx"))

    // 방법 3: ONNX 내보내기 (다른 프레임워크 호환)
    let dummyInput = Tensor.randn([1, 10])
    try export(
        model, dummyInput, to: URL(fileURLWithPath: "model.onnx"), opsetVersion: 17, inputNames: ["input"],
        outputNames: ["output"], dynamicAxes: ["input": [0: "batch_size"], "output": [0: "batch_size"]])
    print("ONNX 내보내기 완료")

    // torch.compile (PyTorch 2.0+): 최신 컴파일 방식
    // 기존 코드 변경 없이 적용 가능
    let compiledModel = compile(model)
    let compiledOut = compiledModel(x)
    print("torch.compile 출력: \(compiledOut.shape)")
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
