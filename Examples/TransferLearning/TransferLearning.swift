// The guide's section 14 (전이학습): a torchvision ResNet-18 as a frozen feature extractor with a new head,
// then fine-tuned with AdamW's five per-layer learning rates, on the bundled CIFAR-10 JPEG sample read through
// ImageFolder with the guide's ImageNet preprocessing. Twin: Examples/pytorch/transfer-learning.py.
import ArgumentParser
import ExampleSupport
import Foundation
import Torch

@main
struct TransferLearning: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transfer-learning",
        abstract: "The guide's transfer learning: feature extraction and fine-tuning of resnet18 (§14).")

    @Option(
        help: ArgumentHelp(
            "Crop size of the guide's preprocessing (224; the resize keeps its 256:224 ratio). Smaller is faster on 2 cores.",
            valueName: "pixels"))
    var imageSize = 224
    @Option(help: "Epochs of each method.")
    var epochs = 3
    @Option(help: "Batch size.")
    var batchSize = 10
    @Option(
        help: ArgumentHelp(
            "A torchvision resnet18 state dict (e.g. ~/.cache/torch/hub/checkpoints/resnet18-f37072fd.pth) to start from.",
            valueName: "file.pth"))
    var weights: String?
    @Flag(
        help:
            "Start from torchvision's ImageNet weights (ResNet18_Weights.IMAGENET1K_V1), from torch's hub cache or downloaded into it."
    )
    var pretrained = false
    @Option(
        help: ArgumentHelp(
            "Folder with test/<class>/*.jpg (default: data/cifar10-jpeg-sample bundled with swift-torch).",
            valueName: "dir"))
    var dataDir: String?

    func validate() throws {
        guard imageSize >= 32 else {
            throw ValidationError("--image-size must be at least 32 (resnet18 downsamples 32 times)")
        }
        guard epochs >= 1, batchSize >= 1 else { throw ValidationError("--epochs and --batch-size must be at least 1") }
        guard weights == nil || !pretrained else {
            throw ValidationError("--weights and --pretrained both choose the starting weights; give one")
        }
    }

    func run() throws {
        manualSeed(42)

        // 방법 3: torchvision transforms로 데이터 전처리 — the guide's Resize(256), CenterCrop(224), ToTensor,
        // ImageNet Normalize; --image-size scales both sizes alike.
        let resize = imageSize * 256 / 224
        let preprocess = Compose([
            Resize(resize), CenterCrop(imageSize), ToTensor(),
            Normalize(mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225]),
        ])
        let root = (dataDir ?? Self.bundledSample()) + "/test"
        let folder: ImageFolder
        do {
            folder = try ImageFolder(root: root, transform: preprocess)
        } catch {
            FileHandle.standardError.write(
                Data(
                    """
                    error: cannot load the images from \(root): \(error)
                    Expected <dir>/test/<class>/*.jpg; use --data-dir <dir>\n
                    """.utf8))
            throw ExitCode.failure
        }
        // ImageFolder lists each class's files in name order: every fourth image of a class validates.
        let indices = Array(0..<folder.count)
        let train = Subset(folder, indices: indices.filter { $0 % 4 != 3 })
        let validation = Subset(folder, indices: indices.filter { $0 % 4 == 3 })
        let numClasses = folder.classes.count
        print("전처리: Resize(\(resize)) -> CenterCrop(\(imageSize)) -> ToTensor() -> Normalize(ImageNet)")
        print("데이터: 학습 \(train.count)장, 검증 \(validation.count)장, 클래스 \(numClasses)개")

        // 사전학습 모델 로딩
        let resnet = try loadResNet18()
        print(resnet)  // 구조 출력

        // 방법 1: Feature Extractor (백본 동결)
        for param in resnet.parameters() { param.requiresGrad = false }
        resnet.fc = Linear(resnet.fc.inFeatures, numClasses)  // 마지막 FC 레이어만 교체
        print(
            "학습 가능 파라미터: \(groupedThousands(resnet.parameterCount(trainableOnly: true))) / 전체 \(groupedThousands(resnet.parameterCount()))"
        )
        let trainLoader = DataLoader(train, batchSize: batchSize, shuffle: true)
        let validationLoader = DataLoader(validation, batchSize: batchSize, shuffle: false)
        try fit("특징 추출", resnet, Adam(resnet.fc.parameters(), lr: 1e-3), trainLoader, validationLoader)

        // 방법 2: Fine-tuning — the same starting weights, every layer trainable, lower rates for lower layers.
        manualSeed(42)
        let resnetFT = try loadResNet18()
        resnetFT.fc = Linear(resnetFT.fc.inFeatures, numClasses)
        let groups: [(String, Module, Double)] = [
            ("layer1", resnetFT.layer1, 1e-5), ("layer2", resnetFT.layer2, 1e-5), ("layer3", resnetFT.layer3, 1e-4),
            ("layer4", resnetFT.layer4, 1e-4), ("fc", resnetFT.fc, 1e-3),
        ]
        let optimizer = AdamW(
            groups.map { ParamGroup($0.1.parameters(), ["lr": .double($0.2)]) }, lr: 1e-4, weightDecay: 0.01)
        print(
            "파라미터 그룹: "
                + groups.map { "\($0.0) \(groupedThousands($0.1.parameterCount())) (lr \($0.2))" }.joined(
                    separator: ", "))
        try fit("파인튜닝", resnetFT, optimizer, trainLoader, validationLoader)
    }

    /// resnet18 with the starting weights asked for: a torchvision file, torchvision's ImageNet weights, or
    /// (neither) torchvision's initialization drawn from the seed.
    func loadResNet18() throws -> ResNet {
        if pretrained {
            print("가중치: ResNet18_Weights.IMAGENET1K_V1")
            return try resnet18(weights: .imagenet1kV1)
        }
        let model = resnet18()
        if let weights {
            do {
                try model.loadWeights(file: weights)
            } catch {
                FileHandle.standardError.write(Data("error: \(error)\n".utf8))
                throw ExitCode.failure
            }
            print("가중치: \(URL(fileURLWithPath: weights).lastPathComponent)")
        } else {
            print("가중치: 없음 (seed 42의 torchvision 초기화; 사전학습 가중치는 --weights 또는 --pretrained)")
        }
        return model
    }

    /// `epochs` epochs of training, each followed by the validation accuracy.
    func fit<D: Dataset>(
        _ method: String, _ model: ResNet, _ optimizer: Optimizer, _ trainLoader: DataLoader<D, (Tensor, Tensor)>,
        _ validationLoader: DataLoader<D, (Tensor, Tensor)>
    ) throws {
        let criterion = CrossEntropyLoss()
        for epoch in 1...epochs {
            model.train()
            var totalLoss = 0.0, batches = 0
            try trainLoader.iterate { images, labels in
                optimizer.zeroGrad()
                let loss = criterion(model(images), labels)
                loss.backward()
                optimizer.step()
                totalLoss += loss.item(Double.self)
                batches += 1
            }
            model.eval()
            var correct = 0, total = 0
            try noGrad {
                try validationLoader.iterate { images, labels in
                    correct += Int(model(images).argmax(dim: 1).eq(labels).sum().item(Int64.self))
                    total += labels.size(0)
                }
            }
            print(
                "[\(method)] "
                    + String(
                        format: "Epoch %d/%d | loss %.4f | 검증 정확도 %.2f%% (%d/%d)",
                        epoch, epochs, totalLoss / Double(batches), 100.0 * Double(correct) / Double(total), correct,
                        total))
        }
    }

    /// The sample in the repository this program was built from (data/cifar10-jpeg-sample).
    static func bundledSample() -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("data/cifar10-jpeg-sample").path
    }
}
