import Testing

@testable import TensorCore

/// Quickselect (median, kthvalue) must land on exactly the element a stable sort puts at rank k,
/// ties and NaNs included.
@Suite struct ReductionSelectionTests {
    @Test func kthvalueAgreesWithStableSort() {
        var values: [Float] = (0..<2000).map { Float(($0 * 7919) % 97) }  // many ties
        values[500] = .nan
        values[1500] = .nan
        let x = Tensor(copying: values, shape: [2, 1000])
        let sorted = x.sort(dim: 1)
        let sortedValues = sorted.values.toArray(Float.self), sortedIndices = sorted.indices.toArray(Int64.self)
        for k in [1, 2, 17, 333, 500, 999, 1000] {
            let r = x.kthvalue(k, dim: 1)
            let v = r.values.toArray(Float.self), i = r.indices.toArray(Int64.self)
            for row in 0..<2 {
                let expected = sortedValues[row * 1000 + k - 1]
                #expect(v[row] == expected || (v[row].isNaN && expected.isNaN), "k=\(k) row=\(row)")
                #expect(i[row] == sortedIndices[row * 1000 + k - 1], "k=\(k) row=\(row)")
            }
        }
        // Row 0 holds a NaN at 500: the median is NaN there, reported at that position.
        let m = x.median(dim: 1)
        #expect(m.values.toArray(Float.self)[0].isNaN)
        #expect(m.indices.toArray(Int64.self)[0] == 500)
        #expect(m.indices.toArray(Int64.self)[1] == 500)  // row 1's NaN sits at column 500 too
        let nm = x.nanmedian(dim: 1)
        #expect(nm.values.toArray(Float.self)[0] == sortedValues[(999 - 1) / 2])
    }
}
