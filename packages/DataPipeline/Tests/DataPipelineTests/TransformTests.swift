import Foundation
import TensorCore
import Testing

@testable import DataPipeline

/// torchvision parity on Pillow images: every op compared byte for byte with torchvision's output.
@Suite struct TransformTests {
    let f = try! Fixture("transforms")

    func image(_ name: String) -> Image {
        let t = f.tensor("input_\(name)")
        let mode: Image.Mode = t.ndim == 2 ? .L : .RGB
        return Image(width: t.size(1), height: t.size(0), mode: mode, pixels: t.toArray(UInt8.self))
    }

    /// An Image as torchvision's `np.array(img)` (HWC, or HW for L).
    func array(_ img: Image) -> Tensor {
        Tensor(
            copying: img.pixels,
            shape: img.mode == .L ? [img.height, img.width] : [img.height, img.width, img.channels])
    }

    func run(_ op: [String: Any]) throws -> Image {
        let img = image(op["image"] as! String)
        let p = op["params"] as! [String: Any]
        func d(_ k: String) -> Double { (p[k] as! NSNumber).doubleValue }
        func size() -> [Int] { ints(p["size"]!) }
        let seed = p["seed"].map { UInt64(($0 as! NSNumber).intValue) }
        let g = seed.map { Generator(seed: $0) }
        let transform: any Transform
        switch op["op"] as! String {
        case "resize": transform = size().count == 1 ? Resize(size()[0]) : Resize(height: size()[0], width: size()[1])
        case "resize_nearest", "resize_bicubic":
            let mode: InterpolationMode = op["op"] as! String == "resize_nearest" ? .nearest : .bicubic
            transform =
                size().count == 1
                ? Resize(size()[0], interpolation: mode)
                : Resize(height: size()[0], width: size()[1], interpolation: mode)
        case "center_crop": transform = CenterCrop(height: size()[0], width: size()[1])
        case "pad":
            let q = ints(p["padding"]!)
            transform = Pad(
                left: q[0], top: q[1], right: q[2], bottom: q[3], fill: d("fill"),
                mode: PaddingMode(rawValue: p["mode"] as! String)!)
        case "brightness": return try TF.adjustBrightness(img, d("factor"))
        case "contrast": return try TF.adjustContrast(img, d("factor"))
        case "saturation": return try TF.adjustSaturation(img, d("factor"))
        case "hue": return try TF.adjustHue(img, d("factor"))
        case "grayscale": transform = Grayscale(numOutputChannels: p["channels"] as! Int)
        case "hflip": return try TF.hflip(.image(img)).asImage()
        case "vflip": return try TF.vflip(.image(img)).asImage()
        case "rotate": return TF.rotate(img, angle: d("angle"))
        case "cifar_train":
            transform = Compose([
                RandomCrop(32, padding: 4, generator: g), RandomHorizontalFlip(generator: g),
                ColorJitter(brightness: 0.2, contrast: 0.2, saturation: 0.2, hue: 0.1, generator: g),
            ])
        case "random_resized_crop": transform = RandomResizedCrop(24, generator: g)
        case "random_rotation": transform = RandomRotation(30, generator: g)
        case "random_vflip": transform = RandomVerticalFlip(generator: g)
        case "random_crop_reflect":
            transform = RandomCrop(height: 20, width: 12, padIfNeeded: true, paddingMode: .reflect, generator: g)
        default: fatalError("unknown op \(op["op"]!)")
        }
        return try transform(img).asImage()
    }

    @Test func pillowOpsMatchTorchvision() throws {
        var failures: [String] = []
        let ops = f["ops"] as! [[String: Any]]
        #expect(ops.count > 100)
        for op in ops {
            let expected = Fixture.decodeTensor(op["out"]!)
            let actual = array(try run(op))
            let e = expected.toArray(UInt8.self)
            let a = actual.shape.dims == expected.shape.dims ? actual.toArray(UInt8.self) : []
            if a != e {
                let diffs = a.isEmpty ? -1 : zip(a, e).filter { $0 != $1 }.count
                let worst = a.isEmpty ? -1 : zip(a, e).map { abs(Int($0) - Int($1)) }.max()!
                failures.append(
                    "\(op["op"]!) \(op["image"]!) \(op["params"]!): shape \(actual.shape) vs \(expected.shape), \(diffs) differ, worst \(worst)"
                )
            }
        }
        #expect(
            failures.isEmpty, Comment(rawValue: "\(failures.count) ops differ:\n" + failures.joined(separator: "\n")))
    }

    @Test func toTensorAndNormalize() throws {
        let l = try ToTensor()(image("l")).asTensor()
        expectClose(l, f.tensor("to_tensor_l"))
        let pipeline = Compose([ToTensor(), Normalize(mean: [0.4914, 0.4822, 0.4465], std: [0.2470, 0.2435, 0.2616])])
        expectClose(try pipeline(image("a")).asTensor(), f.tensor("normalize_a"))
        let u8 = try PILToTensor()(image("a")).asTensor()
        #expect(u8.dtype == .uint8 && u8.shape == [3, 32, 32])
        #expect(throws: DataError.self) { try Normalize(mean: [0.5], std: [0.5])(u8) }
        #expect(throws: DataError.self) { try Normalize(mean: [0.5], std: [0])(l) }
        let d = Tensor(copying: [0.1, 0.7, 0.3, 0.9], shape: [2, 1, 2])
        let nd = try Normalize(mean: [0.1, 0.2], std: [0.3, 0.7])(d).asTensor()
        #expect(
            nd.dtype == .float64
                && nd.toArray(Double.self) == [
                    (0.1 - 0.1) / 0.3, (0.7 - 0.1) / 0.3, (0.3 - 0.2) / 0.7, (0.9 - 0.2) / 0.7,
                ])
        #expect(d.toArray(Double.self) == [0.1, 0.7, 0.3, 0.9])  // not in place
        let batch = Tensor(copying: [Float](repeating: 1, count: 2 * 3 * 4), shape: [2, 3, 2, 2])
        let nb = try Normalize(mean: [0, 0.5, 1], std: [1, 0.5, 2], inplace: true)(batch).asTensor()
        #expect(nb === batch && Array(batch.toArray(Float.self)[0..<12]) == [1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0])
    }

    @Test func tensorPathsMatchTorchvision() throws {
        let t = f.tensor("tensor_big")
        expectClose(try Resize(20)(t).asTensor(), f.tensor("tensor_resize_20"), atol: 1e-5)
        expectClose(try Resize(height: 17, width: 31)(t).asTensor(), f.tensor("tensor_resize_17_31"), atol: 1e-5)
        expectClose(try Resize(30)(t).asTensor(), f.tensor("tensor_resize_up_30"), atol: 1e-5)
        expectClose(
            try Resize(height: 17, width: 31, interpolation: .nearest)(t).asTensor(),
            f.tensor("tensor_resize_nearest_17_31"))
        expectClose(
            try Resize(20, interpolation: .bicubic)(t).asTensor(), f.tensor("tensor_resize_bicubic_20"), atol: 1e-5)
        expectClose(
            try Resize(30, interpolation: .bicubic)(t).asTensor(), f.tensor("tensor_resize_bicubic_up_30"), atol: 1e-5)
        expectClose(try CenterCrop(20)(t).asTensor(), f.tensor("tensor_center_crop_20"))
        let small = TF.crop(.tensor(t), top: 0, left: 0, height: 8, width: 8)
        expectClose(try Pad(2, mode: .reflect).apply(small).asTensor(), f.tensor("tensor_pad_reflect"))
        let flipped = try TF.hflip(TF.hflip(.tensor(t))).asTensor()
        expectClose(flipped, t)
    }

    @Test func imageOnlyTransformsRejectTensors() {
        let t = f.tensor("tensor_big")
        #expect(throws: DataError.self) { try RandomRotation(10)(t) }
        #expect(throws: DataError.self) { try PILToTensor()(t) }
        #expect(throws: DataError.self) { try RandomCrop(100)(image("a")) }
    }
}

@Suite struct RotationTests {
    @Test func expandCenterAndFillMatchPillow() throws {
        let f = try Fixture("transforms_tensor")
        let input = f.tensor("rotate_input")
        let img = Image(width: input.size(1), height: input.size(0), mode: .RGB, pixels: input.toArray(UInt8.self))
        for c in f["rotations"] as! [[String: Any]] {
            let center = (c["center"] as? [NSNumber]).map { (x: $0[0].doubleValue, y: $0[1].doubleValue) }
            let out = TF.rotate(
                img, angle: number(c["angle"]), expand: c["expand"] as! Bool, center: center,
                fill: UInt8(c["fill"] as! Int))
            let e = Fixture.decodeTensor(c["out"]!)
            #expect([out.height, out.width, 3] == e.shape.dims, "\(c["angle"]!) \(c["expand"]!)")
            #expect(
                out.pixels == e.toArray(UInt8.self),
                "angle \(c["angle"]!) expand \(c["expand"]!) center \(String(describing: center))")
        }
    }
}
