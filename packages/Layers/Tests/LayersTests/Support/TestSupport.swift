// Fixture loading and assert_close-style checks shared by every package's tests.
@_exported import TorchTestSupport
