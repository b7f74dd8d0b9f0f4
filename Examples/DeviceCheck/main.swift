// The guide's section 1 (환경 설정): the device checks. Twin: Examples/pytorch/device-check.py.
import Torch

// PyTorch 버전 확인 — swift-torch has no release version of its own; it names the PyTorch release whose
// semantics and numbers it follows (the twin prints its installed torch, so this line differs).
print("PyTorch 버전: \(pytorchVersion) (swift-torch)")

// CUDA 사용 가능 여부 확인 — a Swift Bool prints `false`; wrapped in a Scalar it prints Python's `False`.
print("CUDA 사용 가능: \(Scalar.bool(CUDA.isAvailable()))")

// GPU 개수 확인 — this build computes on the CPU only: there are no devices to name or measure, so
// torch.cuda.get_device_name/get_device_properties have no counterpart.
if CUDA.isAvailable() {
    print("GPU 개수: \(CUDA.deviceCount())")
}

// Apple Silicon (M1/M2/M3) MPS 확인
print("MPS 사용 가능: \(Scalar.bool(MPS.isAvailable()))")

// 사용할 디바이스 설정 (자동 선택)
let device: Device
if CUDA.isAvailable() {
    device = Device("cuda")
} else if MPS.isAvailable() {
    device = Device("mps")
} else {
    device = Device("cpu")
}
print("사용 디바이스: \(device)")  // `Device.best()` makes the same choice in one call.

/// The PyTorch release whose behaviour swift-torch reproduces.
var pytorchVersion: String { "2.15" }
