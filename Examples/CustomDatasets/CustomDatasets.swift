// The guide's section 10 (데이터 로딩 — Dataset, DataLoader): a tabular data set, basic and advanced
// DataLoaders, the CSV-driven image data set (and ImageFolder) on a small CIFAR-10 JPEG sample, and
// WeightedRandomSampler balancing an imbalanced data set.
import ArgumentParser
import Foundation
import Torch

@main
struct CustomDatasets: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "custom-datasets", abstract: "The guide's data sets, loaders and WeightedRandomSampler.")

    @Option(
        help: ArgumentHelp(
            "Folder with annotations.csv and test/<class>/*.jpg (default: data/cifar10-jpeg-sample bundled with swift-torch).",
            valueName: "dir"))
    var dataDir: String?
    @Option(help: "Worker threads of the advanced loader (the guide's num_workers=4).")
    var workers = 4

    func validate() throws {
        guard workers >= 1 else {
            throw ValidationError("--workers must be at least 1 (the advanced loader uses persistent workers)")
        }
    }

    func run() throws {
        // The guide draws the tabular data with numpy, unseeded; torch's seeded generator instead keeps the
        // run reproducible and equal to the twin (Examples/pytorch/custom-datasets.py).
        manualSeed(42)

        // 수치 데이터용 Dataset: the guide's TabularDataset is DataPipeline's `TabularDataset(x:y:)`
        // (float32 features, int64 labels).
        let dataset = TabularDataset(x: Tensor.randn(1000, 20), y: Tensor.randint(0, 5, [1000]))
        print("데이터셋 크기: \(dataset.count)")

        // 기본 DataLoader
        let basicLoader = DataLoader(dataset, batchSize: 32, shuffle: true)
        // 고급 설정: workers are threads here, so pinMemory (no GPU) and the process options only keep
        // the guide's meaning; prefetchFactor bounds the batches in flight per worker.
        let advancedLoader = DataLoader(
            dataset, batchSize: 64, shuffle: true, numWorkers: workers, pinMemory: true, dropLast: true,
            prefetchFactor: 2, persistentWorkers: true)
        print("basic_loader 배치 수: \(basicLoader.count), advanced_loader 배치 수: \(advancedLoader.count)")

        // 배치 확인
        for (batchX, batchY) in advancedLoader {
            print("배치 X: \(batchX.shape)")  // [64, 20]
            print("배치 y: \(batchY.shape)")  // [64]
            break
        }

        try imageDatasets()

        // WeightedRandomSampler: 클래스 불균형 처리
        let classCounts = [800, 150, 50]  // 클래스별 샘플 수
        let weights = 1.0 / Tensor(classCounts, dtype: .float32)
        // The guide indexes these 3 weights with `dataset.y`, whose labels run 0-4 (torch raises IndexError);
        // the labels of an imbalanced data set with exactly these class counts are what it means.
        let labels = classCounts.enumerated().flatMap { Array(repeating: $0.offset, count: $0.element) }
        let imbalanced = TabularDataset(x: dataset.x, y: Tensor(labels, dtype: .int64))
        // 각 샘플에 클래스 가중치 할당
        let sampleWeights = weights[imbalanced.y]  // 각 샘플의 가중치
        let sampler = WeightedRandomSampler(
            weights: sampleWeights.double().toArray(), numSamples: imbalanced.count, replacement: true)
        let balancedLoader = DataLoader(imbalanced, batchSize: 32, sampler: sampler)
        var drawn = [Int](repeating: 0, count: classCounts.count)
        for (_, batchY) in balancedLoader {
            for label: Int64 in batchY.toArray() { drawn[Int(label)] += 1 }
        }
        print("원래 클래스별 개수: \(classCounts)")
        print("WeightedRandomSampler 한 에폭의 클래스별 개수: \(drawn)")
    }

    /// 커스텀 Dataset 구현: the guide's CustomImageDataset is DataPipeline's `CSVImageDataset` (CSV rows
    /// `file,label` under imgDir, images converted to RGB); ImageFolder reads the same folder by class names.
    func imageDatasets() throws {
        let root = dataDir ?? CustomDatasets.bundledSample()
        let csvFile = root + "/annotations.csv", imgDir = root + "/test"
        let images: CSVImageDataset, folder: ImageFolder
        do {
            images = try CSVImageDataset(csvFile: csvFile, imgDir: imgDir, transform: ToTensor())
            folder = try ImageFolder(root: imgDir, transform: ToTensor())
        } catch {
            FileHandle.standardError.write(
                Data(
                    """
                    error: cannot load the image data sets from \(root): \(error)
                    Expected annotations.csv (rows 'file,label') and test/<class>/*.jpg; use --data-dir <dir>\n
                    """.utf8))
            throw ExitCode.failure
        }
        print("CustomImageDataset 크기: \(images.count)")
        let (image, label) = try images[0]
        print("첫 샘플: \(image.shape), 레이블: \(label), 평균 픽셀값: \(String(format: "%.4f", image.mean().item(Double.self)))")
        let imageLoader = DataLoader(images, batchSize: 8, shuffle: false)
        for (batch, targets) in imageLoader {
            print("이미지 배치: \(batch.shape), 레이블: \(targets)")
            break
        }
        print("ImageFolder 클래스: \(folder.classes.count)개, 샘플: \(folder.count)개, 첫 클래스: \(folder.classes[0])")
    }

    /// The JPEG sample in the repository this program was built from.
    static func bundledSample() -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("data/cifar10-jpeg-sample").path
    }
}
