import Testing

/// Every VisionModels suite nests here: models draw their initial weights from the shared default
/// generator, so seeded tests must not interleave (as Layers' tests do).
@Suite(.serialized) enum SerializedSuites {}
