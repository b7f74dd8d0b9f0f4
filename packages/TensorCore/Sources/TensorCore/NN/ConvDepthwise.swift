import CVectorKernels

extension ConvEngine where T == Float {
    /// `gather` for a depthwise geometry (one channel each side per group), computed directly, plane by plane
    /// (CVectorKernels/depthwise_conv.c), instead of as `groups` one-row GEMMs; the planes spread over the threads.
    func depthwiseForward(
        input: UnsafePointer<Float>, weight: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
        bias: UnsafePointer<Float>?
    ) {
        let shape = geometry.cShape, taps = geometry.kH * geometry.kW
        parallelFor(batch * groups, grain: 1) { planes in
            var shape = shape
            for plane in planes {
                let channel = plane % groups
                cvk_depthwise_conv2d_f32(
                    input + plane * bigPlane, weight + channel * taps, bias?[channel] ?? 0, &shape,
                    output + plane * smallPlane)
            }
        }
    }
}
