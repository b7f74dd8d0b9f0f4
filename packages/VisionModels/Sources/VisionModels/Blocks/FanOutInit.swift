import Layers

/// The init loop of torchvision's MobileNet V2/V3 and EfficientNet, over `modules()` in order:
/// kaiming_normal_(fan_out) with the default leaky_relu gain and zero bias for convolutions, 1/0 for
/// BatchNorm, and `linear` (which differs between them) for linear layers.
func initFanOut(_ model: Module, linear: (Linear) -> Void) {
    for m in model.modules() {
        if let conv = m as? Conv2d {
            Init.kaimingNormal_(conv.weight, mode: "fan_out")
            if let bias = conv.bias { Init.zeros_(bias) }
        } else if let bn = m as? BatchNorm2d {
            Init.constant_(bn.weight!, 1)
            Init.zeros_(bn.bias!)
        } else if let layer = m as? Linear {
            linear(layer)
        }
    }
}

/// MobileNet's linear init: N(0, 0.01), zero bias.
func normalLinearInit(_ linear: Linear) {
    Init.normal_(linear.weight, mean: 0, std: 0.01)
    if let bias = linear.bias { Init.zeros_(bias) }
}
