import Foundation
import Testing

@testable import TensorCore

/// The region bookkeeping of `autocast` (the op table against torch is LayersTests' AutocastTests): torch's
/// defaults and queries, nesting, `enabled: false`, per-thread state, and the regions torch disables with a
/// warning (an unavailable device, a dtype CPU autocast does not support).
@Suite struct AutocastStateTests {
    @Test func regionsNestAndRestore() {
        #expect(!Autocast.isEnabled() && Autocast.dtype() == .bfloat16)
        autocast {
            #expect(Autocast.isEnabled() && Autocast.dtype() == .bfloat16)
            autocast(dtype: .float16) {
                #expect(Autocast.dtype() == .float16)
                autocast(enabled: false) { #expect(!Autocast.isEnabled()) }
                #expect(Autocast.isEnabled() && Autocast.dtype() == .float16)
            }
            #expect(Autocast.dtype() == .bfloat16)
        }
        #expect(!Autocast.isEnabled())
    }

    @Test func stateIsPerThread() {
        final class Seen: @unchecked Sendable { var enabled = true }
        let seen = Seen(), done = DispatchSemaphore(value: 0)
        autocast {
            Thread {
                seen.enabled = Autocast.isEnabled()
                done.signal()
            }.start()
            done.wait()
        }
        #expect(!seen.enabled, "another thread is outside this thread's region")
    }

    @Test func unlistedOpsRunOnWhatTheyAreGiven() {
        let x = Tensor.randn(3, 4)
        autocast {
            #expect(x.exp().dtype == .float32 && x.matmul(x.t()).dtype == .bfloat16)
            #expect(x.double().matmul(x.double().t()).dtype == .float64, "float64 is never cast")
            #expect(Tensor.cat([x, x.bfloat16()]).dtype == .float32)
        }
    }

    @Test func torchDisablesWhatItCannotRun() async {
        let unavailable = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) {
            autocast("cuda") { precondition(!Autocast.isEnabled()) }
        }
        #expect(
            unavailable.map { String(decoding: $0.standardErrorContent, as: UTF8.self) }?
                .contains("User provided device_type of 'cuda', but CUDA is not available. Disabling") == true)
        let unsupported = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) {
            autocast(dtype: .float64) { precondition(!Autocast.isEnabled()) }
        }
        #expect(
            unsupported.map { String(decoding: $0.standardErrorContent, as: UTF8.self) }?
                .contains("In CPU autocast, but the target dtype is not supported. Disabling autocast.") == true)
    }
}
