# Guide §16 (TorchScript와 모델 배포). Twin of Examples/ExportModel, which saves its traced modules as ONNX
# files where this saves TorchScript; the lines printed are the same.
import torch
import torch.nn as nn

torch.manual_seed(42)


class SimpleNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(10, 5)

    def forward(self, x):
        return torch.relu(self.fc(x))


model = SimpleNet()
model.eval()

# 방법 1: torch.jit.script — 전체 모델 컴파일
# (the Swift program traces here: it draws the example input the trace needs, so this draws it too)
_ = torch.randn(1, 10)
scripted_model = torch.jit.script(model)
# 저장 및 로딩
scripted_model.save('model_scripted.pt')
loaded_scripted = torch.jit.load('model_scripted.pt')
x = torch.randn(4, 10)
with torch.no_grad():
    out = loaded_scripted(x)
print(f"TorchScript 출력: {out.shape}")
with torch.no_grad():
    print(f"불러온 모델 출력 일치: {torch.allclose(out, model(x))}")

# 방법 2: torch.jit.trace — 예제 입력으로 추적
example_input = torch.randn(1, 10)
traced_model = torch.jit.trace(model, example_input)
traced_model.save('model_traced.pt')

# 방법 3: ONNX 내보내기 (다른 프레임워크 호환)
dummy_input = torch.randn(1, 10)
torch.onnx.export(
    model,
    dummy_input,
    'model.onnx',
    export_params=True,
    opset_version=17,
    input_names=['input'],
    output_names=['output'],
    dynamic_axes={
        'input': {0: 'batch_size'},
        'output': {0: 'batch_size'}
    },
    dynamo=False,
)
print("ONNX 내보내기 완료")

# torch.compile (PyTorch 2.0+): 최신 컴파일 방식
# 기존 코드 변경 없이 적용 가능
compiled_model = torch.compile(model)
out = compiled_model(x)
print(f"torch.compile 출력: {out.shape}")
