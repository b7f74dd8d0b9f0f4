/// A data layout message (versions 1–4) checked against its size: libhdf5 1.10 copies a compact
/// dataset's bytes by the stored size and reads `rank` chunk dimensions without bounds.
enum HDF5LayoutCheck {
    static func check(_ fields: inout HDF5Fields) throws(CheckpointError) {
        let version = try fields.byte("the layout version")
        switch version {
        case 1, 2:
            let rank = try fields.byte("the layout rank")
            let layoutClass = try fields.byte("the layout class")
            try fields.skip(5, "reserved bytes")
            guard (1...33).contains(rank), layoutClass <= 2 else {
                throw fields.fail("layout class \(layoutClass) of rank \(rank)")
            }
            if layoutClass != 0 { try fields.skip(fields.addressSize, "the data address") }
            try fields.skip(4 * rank, "the layout dimensions")
            if layoutClass == 2 { try fields.skip(4, "the element size") }
            if layoutClass == 0 { try fields.skip(try fields.int(4, "the compact data size"), "the compact data") }
        case 3, 4:
            let layoutClass = try fields.byte("the layout class")
            switch layoutClass {
            case 0: try fields.skip(try fields.int(2, "the compact data size"), "the compact data")
            case 1: try fields.skip(fields.addressSize + fields.lengthSize, "the contiguous data's address and size")
            case 2 where version == 3:
                let rank = try fields.byte("the chunk rank")
                guard (1...33).contains(rank) else { throw fields.fail("chunk rank \(rank)") }
                try fields.skip(fields.addressSize + 4 * rank + 4, "the chunk index address and dimensions")
            case 2: try checkChunked4(&fields)
            case 3 where version == 4: try fields.skip(fields.addressSize + 4, "the virtual dataset's heap id")
            default: throw fields.fail("layout class \(layoutClass) in version \(version)")
            }
        default: throw fields.fail("layout version \(version)")
        }
    }

    /// Version 4 chunked layout: flags, rank, dimension width, dimensions, then the chunk index's kind
    /// and its parameters, then its address.
    private static func checkChunked4(_ fields: inout HDF5Fields) throws(CheckpointError) {
        let flags = try fields.byte("the chunk flags")
        let rank = try fields.byte("the chunk rank")
        let width = try fields.byte("the chunk dimension width")
        guard flags & ~3 == 0, (1...33).contains(rank), (1...8).contains(width) else {
            throw fields.fail("chunked layout with flags \(flags), rank \(rank), \(width)-byte dimensions")
        }
        try fields.skip(rank * width, "the chunk dimensions")
        let index = try fields.byte("the chunk index type")
        switch index {
        case 1: if flags & 2 != 0 { try fields.skip(fields.lengthSize + 4, "the single chunk's size and filter mask") }
        case 2: break
        case 3: try fields.skip(1, "the fixed array's page bits")
        case 4: try fields.skip(5, "the extensible array's parameters")
        case 5: try fields.skip(6, "the B-tree's parameters")
        default: throw fields.fail("chunk index type \(index)")
        }
        try fields.skip(fields.addressSize, "the chunk index address")
    }
}
