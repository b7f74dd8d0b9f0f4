import Testing

/// Every Layers suite nests here: layers draw their initial weights from the shared default generator,
/// so seeded tests must not interleave.
@Suite(.serialized) enum Layers {}
