import Autodiff
import Dispatch
import Foundation
import Layers
import TensorCore

/// Where an inference's time goes: forward hooks on every leaf module (attention modules count as leaves, as
/// torch runs them as one fused function) sum wall time by layer kind; what no hook sees — attention's core,
/// residual additions, reshapes — is the rest. The twin classifies torch's modules the same way.
enum LayerTimes {
    static func kind(_ module: Module) -> String? {
        switch module {
        case let conv as Conv2d where conv.groups > 1 && conv.groups == conv.inChannels: "depthwise conv"
        case let conv as Conv2d where conv.kernelSize == [1, 1]: "1x1 conv"
        case is Conv2d: "kxk conv"
        case is BatchNorm2d: "batchnorm"
        case is LayerNorm: "layernorm"
        case is Linear: "linear"
        case is ReLU, is SiLU, is Hardswish, is Hardsigmoid, is GELU, is Sigmoid: "activation"
        case is MaxPool2d, is AdaptiveAvgPool2d: "pooling"
        default: nil
        }
    }

    static func report(_ name: String, _ model: Module, _ x: Tensor) {
        var totals: [String: Double] = [:]
        var started: [ObjectIdentifier: UInt64] = [:]
        var handles: [RemovableHandle] = []
        // Modules inside attention are timed as part of it (torch never calls its out_proj as a module).
        let inAttention = Set(
            model.modules().filter { $0 is MultiheadAttention }.flatMap { $0.modules().dropFirst() }.map(
                ObjectIdentifier.init))
        for module in model.modules() where !inAttention.contains(ObjectIdentifier(module)) {
            guard let kind = kind(module) else { continue }
            handles.append(
                module.registerForwardPreHook { m, _ in
                    started[ObjectIdentifier(m)] = DispatchTime.now().uptimeNanoseconds
                    return nil
                })
            handles.append(
                module.registerForwardHook { m, _, _ in
                    totals[kind, default: 0] +=
                        Double(DispatchTime.now().uptimeNanoseconds - started[ObjectIdentifier(m)]!) / 1e9
                    return nil
                })
        }
        let start = DispatchTime.now().uptimeNanoseconds
        _ = noGrad { model(x) }
        let total = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        handles.forEach { $0.remove() }
        let seen = totals.values.reduce(0, +)
        totals["rest (attention core, residual adds, glue)"] = total - seen
        let lines = totals.sorted { $0.value > $1.value }.map {
            "  " + $0.key.padding(toLength: 45, withPad: " ", startingAt: 0)
                + String(format: " %8.1f ms  %5.1f%%", $0.value * 1e3, 100 * $0.value / total)
        }
        FileHandle.standardError.write(
            Data(
                "\(name) b\(x.size(0)) forward \(String(format: "%.1f", total * 1e3)) ms by layer kind:\n\(lines.joined(separator: "\n"))\n"
                    .utf8))
    }
}
