import Foundation
import TensorCore
import Testing
import TorchTestSupport

@testable import Distributed

/// Bucket assignment against torch's own `_compute_bucket_assignment_by_size` (Fixtures/generate/ddp.py).
@Suite struct BucketAssignmentTests {
    @Test func matchesTorch() throws {
        let cases = try #require(Fixture("ddp")["buckets"] as? [String: [String: Any]])
        #expect(cases.count == 5)
        for (name, c) in cases {
            let shapes = try #require(c["shapes"] as? [[Int]])
            let dtypes = try #require(c["dtypes"] as? [String]).map { DType(name: $0)! }
            let expected = try #require(c["buckets"] as? [[Int]])
            let parameters = zip(shapes, dtypes).map { Tensor.empty($0, dtype: $1) }
            let buckets = BucketAssignment.assign(parameters, capBytes: 25 * 1024 * 1024)
            if Set(dtypes).count == 1 {
                #expect(buckets == expected, "\(name)")
            } else {
                // Buckets closed by size come in torch's order; the leftovers, one per dtype, torch lists
                // in its std::unordered_map's order, which is not defined — so compare them as a set.
                let closed = buckets.count - Set(dtypes).count
                #expect(Array(buckets.prefix(closed)) == Array(expected.prefix(closed)), "\(name)")
                #expect(Set(buckets) == Set(expected), "\(name)")
            }
        }
    }
}
