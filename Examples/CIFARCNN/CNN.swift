import Torch

/// CNN 모델 정의 (VGG 스타일): the guide's model, key for key (`features.0.weight`, `classifier.1.weight`, ...).
final class CNN: Module {
    // 특징 추출부
    @Child var features = Sequential(
        // Block 1: 3 → 64
        Conv2d(3, 64, kernelSize: 3, padding: 1), BatchNorm2d(64), ReLU(inplace: true),
        Conv2d(64, 64, kernelSize: 3, padding: 1), BatchNorm2d(64), ReLU(inplace: true),
        MaxPool2d(2, stride: 2),  // 32x32 → 16x16
        Dropout2d(0.1),
        // Block 2: 64 → 128
        Conv2d(64, 128, kernelSize: 3, padding: 1), BatchNorm2d(128), ReLU(inplace: true),
        Conv2d(128, 128, kernelSize: 3, padding: 1), BatchNorm2d(128), ReLU(inplace: true),
        MaxPool2d(2, stride: 2),  // 16x16 → 8x8
        Dropout2d(0.2),
        // Block 3: 128 → 256
        Conv2d(128, 256, kernelSize: 3, padding: 1), BatchNorm2d(256), ReLU(inplace: true),
        Conv2d(256, 256, kernelSize: 3, padding: 1), BatchNorm2d(256), ReLU(inplace: true),
        MaxPool2d(2, stride: 2))  // 8x8 → 4x4
    // 분류부
    @Child var classifier: Sequential

    init(numClasses: Int = 10) {
        classifier = Sequential(
            Flatten(),
            Linear(256 * 4 * 4, 1024), ReLU(inplace: true), Dropout(0.5),
            Linear(1024, 512), ReLU(inplace: true), Dropout(0.3),
            Linear(512, numClasses))
        super.init()
    }

    override func forward(_ x: Tensor) -> Tensor {
        classifier(features(x))
    }
}
