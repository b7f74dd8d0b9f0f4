import DataPipeline
import Foundation
import TensorCore

/// torch.utils.tensorboard's `image()`: any layout to HWC (N images tiled by `makeGrid`, one channel
/// repeated to RGB), floats scaled by 255 in float32, clipped to [0, 255] and truncated to uint8
/// (uint8 is kept as is), encoded as PNG.
enum ImageSummary {
    static func make(_ tensor: Tensor, dataformats: String) -> ImageProto {
        let (pixels, height, width, channels) = toHWC(tensor, dataformats)
        let image = Image(width: width, height: height, mode: channels == 4 ? .RGBA : .RGB, pixels: pixels)
        let png: Data
        do { png = try image.pngData() } catch {
            torchCheck(false, "add_image: \(error)")
            fatalError()
        }
        return ImageProto(height: height, width: width, colorspace: channels, png: [UInt8](png))
    }

    /// convert_to_HWC + the uint8 conversion: pixels row-major HWC with 3 or 4 channels.
    static func toHWC(_ tensor: Tensor, _ dataformats: String) -> (
        pixels: [UInt8], height: Int, width: Int, channels: Int
    ) {
        let format = Array(dataformats.uppercased())
        torchCheck(
            Set(format).count == format.count,
            "You can not use the same dimension shorthand twice. input_format: \(dataformats)")
        torchCheck(
            tensor.ndim == format.count,
            "size of input tensor and input format are different. tensor shape: \(tensor.shape), input_format: \(dataformats)"
        )
        let bytes = toUInt8(tensor)
        func order(_ letters: String) -> [Int] {
            letters.map { letter in
                guard let i = format.firstIndex(of: letter) else {
                    torchCheck(false, "input_format \(dataformats) has no \(letter)")
                    fatalError()
                }
                return i
            }
        }
        switch format.count {
        case 4:
            let nchw = bytes.permute(order("NCHW")).contiguous()
            let (grid, h, w) = makeGrid(nchw.toArray(UInt8.self), shape: nchw.shape.dims)
            return (chwToHWC(grid, channels: 3, height: h, width: w), h, w, 3)
        case 3:
            var hwc = bytes.permute(order("HWC")).contiguous()
            if hwc.shape[2] == 1 { hwc = hwc.expand([hwc.shape[0], hwc.shape[1], 3]).contiguous() }
            torchCheck(hwc.shape[2] == 3 || hwc.shape[2] == 4, "image channels must be 1, 3 or 4, got \(hwc.shape[2])")
            return (hwc.toArray(UInt8.self), hwc.shape[0], hwc.shape[1], hwc.shape[2])
        case 2:
            let hw = bytes.permute(order("HW")).contiguous()
            let rgb = hw.unsqueeze(2).expand([hw.shape[0], hw.shape[1], 3]).contiguous()
            return (rgb.toArray(UInt8.self), hw.shape[0], hw.shape[1], 3)
        default:
            torchCheck(false, "dataformats must have 2, 3 or 4 letters, got \(dataformats)")
            fatalError()
        }
    }

    /// `_calc_scale_factor`: uint8 as is, anything else ×255 in float32, then clip and truncate.
    private static func toUInt8(_ tensor: Tensor) -> Tensor {
        if tensor.dtype == .uint8 { return tensor }
        let scaled = tensor.toArray(Float.self).map { x -> UInt8 in
            let v = x * 255
            return v >= 255 ? 255 : v > 0 ? UInt8(v) : 0
        }
        return Tensor(copying: scaled, shape: tensor.shape.dims)
    }

    /// `make_grid(I, ncols=8)`: N images of 1 or 3 channels tiled 8 per row on a black 3-channel canvas.
    static func makeGrid(_ images: [UInt8], shape: [Int]) -> (chw: [UInt8], height: Int, width: Int) {
        let (n, c, h, w) = (shape[0], shape[1], shape[2], shape[3])
        torchCheck(c == 1 || c == 3, "Input should be a 4D numpy array with 3 channels")
        let ncols = min(n, 8)
        let nrows = ncols == 0 ? 0 : (n + ncols - 1) / ncols
        let (gh, gw) = (h * nrows, w * ncols)
        var canvas = [UInt8](repeating: 0, count: 3 * gh * gw)
        for i in 0..<n {
            let (row, col) = (i / ncols, i % ncols)
            for ch in 0..<3 {
                let src = (i * c + (c == 1 ? 0 : ch)) * h * w
                for y in 0..<h {
                    let dst = (ch * gh + row * h + y) * gw + col * w
                    for x in 0..<w { canvas[dst + x] = images[src + y * w + x] }
                }
            }
        }
        return (canvas, gh, gw)
    }

    private static func chwToHWC(_ chw: [UInt8], channels: Int, height: Int, width: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: chw.count)
        for ch in 0..<channels {
            for p in 0..<(height * width) { out[p * channels + ch] = chw[ch * height * width + p] }
        }
        return out
    }
}
