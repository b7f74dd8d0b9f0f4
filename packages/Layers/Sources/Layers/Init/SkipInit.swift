extension Init {
    /// True inside `withoutInitialization`.
    @TaskLocal static var isSkipping = false

    /// Builds modules without drawing their initial values, as torch's `skip_init` or a meta-device
    /// construction: inside `body` the `Init` functions leave each tensor as allocated (uninitialized) and draw
    /// nothing from the generator. For a model whose state dict is loaded next, or whose structure alone is
    /// wanted (keys, shapes, counts, repr) — a VGG's 138 million draws take minutes in a debug build.
    public static func withoutInitialization<R>(_ body: () throws -> R) rethrows -> R {
        try $isSkipping.withValue(true, operation: body)
    }
}
