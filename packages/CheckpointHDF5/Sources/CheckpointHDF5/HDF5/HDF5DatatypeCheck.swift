/// An encoded datatype (a datatype message, or one nested in an attribute, compound, enum, array or
/// variable-length type), checked field by field before libhdf5 1.10 decodes it: its decoder trusts
/// every count and size, e.g. it copies an enum's `members × base size` value bytes whatever the
/// message holds (the fuzz finding: a base size of 169 made it read 338 bytes from a 40-byte message).
enum HDF5DatatypeCheck {
    /// Checks one datatype and returns the size its values take in the file.
    static func check(_ fields: inout HDF5Fields, depth: Int = 0) throws(CheckpointError) -> Int {
        guard depth < 32 else { throw fields.fail("datatype nested more than 32 deep") }
        let start = fields.position
        let classAndVersion = try fields.byte("the datatype class")
        let (typeClass, version) = (classAndVersion & 0x0F, classAndVersion >> 4)
        let bits = try fields.int(3, "the datatype bit field")
        let size = try fields.int(4, "the datatype size")
        guard (1...3).contains(version) else { throw fields.fail("datatype version \(version)") }
        guard size > 0 else { throw fields.fail("datatype of size 0") }
        switch typeClass {
        case 0, 4:  // fixed-point, bitfield: bit offset, precision
            try checkBits(
                &fields, size: size, offset: fields.int(2, "a bit offset"), precision: fields.int(2, "a precision"))
        case 1:  // floating point: offset, precision, exponent and mantissa positions, exponent bias
            let offset = try fields.int(2, "a bit offset"), precision = try fields.int(2, "a precision")
            let (exponentAt, exponentBits) = (
                try fields.byte("an exponent position"), try fields.byte("an exponent size")
            )
            let (mantissaAt, mantissaBits) = (
                try fields.byte("a mantissa position"), try fields.byte("a mantissa size")
            )
            try fields.skip(4, "an exponent bias")
            try checkBits(&fields, size: size, offset: offset, precision: precision)
            guard exponentAt + exponentBits <= precision, mantissaAt + mantissaBits <= precision, exponentBits > 0
            else {
                throw fields.fail("float exponent/mantissa bits outside its \(precision)-bit precision")
            }
        case 2: try fields.skip(2, "a time precision")
        case 3, 7: break  // string, reference: no properties
        case 5: try fields.skip(bits & 0xFF, "an opaque tag")
        case 6: try checkCompound(&fields, version: version, members: bits & 0xFFFF, size: size, depth: depth)
        case 8: try checkEnum(&fields, version: version, members: bits & 0xFFFF, size: size, depth: depth)
        case 9:  // variable-length: its values in the file are heap ids, whatever the size field says
            _ = try check(&fields, depth: depth + 1)
            return 4 + fields.addressSize + 4
        case 10: return try checkArray(&fields, version: version, depth: depth)
        default: throw fields.fail("datatype class \(typeClass) at byte \(start)")
        }
        return size
    }

    private static func checkBits(_ fields: inout HDF5Fields, size: Int, offset: Int, precision: Int)
        throws(CheckpointError)
    {
        guard precision > 0, offset + precision <= size * 8 else {
            throw fields.fail("\(precision) bits at offset \(offset) do not fit a \(size)-byte number")
        }
    }

    /// A member name: NUL-terminated, padded to 8 bytes before version 3.
    private static func skipName(_ fields: inout HDF5Fields, version: Int, _ what: String) throws(CheckpointError) {
        let start = fields.position
        _ = try fields.terminatedName(within: fields.remaining, what)
        if version < 3 { try fields.align8(from: start, "\(what)'s padding") }
    }

    private static func checkCompound(_ fields: inout HDF5Fields, version: Int, members: Int, size: Int, depth: Int)
        throws(CheckpointError)
    {
        // Version 3 stores member offsets in as few bytes as the compound's size needs.
        let offsetWidth = version >= 3 ? (Int.bitWidth - size.leadingZeroBitCount - 1) / 8 + 1 : 4
        for i in 0..<members {
            try skipName(&fields, version: version, "compound member \(i)'s name")
            let offset = try fields.int(offsetWidth, "compound member \(i)'s offset")
            var count = 1
            if version == 1 {  // dimensionality, reserved, permutation, reserved, four dimension sizes
                let rank = try fields.byte("compound member \(i)'s rank")
                try fields.skip(11, "compound member \(i)'s reserved bytes")
                guard rank <= 4 else { throw fields.fail("compound member \(i) has \(rank) dimensions (at most 4)") }
                for d in 0..<4 {
                    let n = try fields.int(4, "compound member \(i)'s dimension")
                    if d < rank { count = count.multipliedReportingOverflow(by: n).partialValue }
                }
            }
            let memberSize = try check(&fields, depth: depth + 1).multipliedReportingOverflow(by: count)
            guard !memberSize.overflow, offset <= size, memberSize.partialValue <= size - offset else {
                throw fields.fail("compound member \(i) at offset \(offset) does not fit the compound's \(size) bytes")
            }
        }
    }

    private static func checkEnum(_ fields: inout HDF5Fields, version: Int, members: Int, size: Int, depth: Int)
        throws(CheckpointError)
    {
        let baseStart = fields.position
        let baseSize = try check(&fields, depth: depth + 1)
        for i in 0..<members { try skipName(&fields, version: version, "enum member \(i)'s name") }
        let values = members.multipliedReportingOverflow(by: baseSize)
        try fields.skip(values.overflow ? -1 : values.partialValue, "\(members) enum values of \(baseSize) bytes")
        guard fields.bytes[baseStart] & 0x0F == 0, baseSize == size else {
            throw fields.fail(
                "enum of size \(size) over a base type of size \(baseSize) (must be an integer of the same size)")
        }
    }

    private static func checkArray(_ fields: inout HDF5Fields, version: Int, depth: Int) throws(CheckpointError) -> Int
    {
        guard version >= 2 else { throw fields.fail("array datatype of version 1") }
        let rank = try fields.byte("an array rank")
        guard (1...32).contains(rank) else { throw fields.fail("array datatype of rank \(rank)") }
        if version == 2 { try fields.skip(3, "an array's reserved bytes") }
        var count = 1
        for _ in 0..<rank {
            let (product, overflow) = count.multipliedReportingOverflow(by: try fields.int(4, "an array dimension"))
            guard !overflow else { throw fields.fail("array dimensions overflow") }
            count = product
        }
        if version == 2 { try fields.skip(4 * rank, "an array's permutation") }
        let total = try check(&fields, depth: depth + 1).multipliedReportingOverflow(by: count)
        guard !total.overflow, total.partialValue <= Int(Int32.max) else {
            throw fields.fail("array datatype too large")
        }
        return total.partialValue
    }
}
