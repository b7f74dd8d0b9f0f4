import CHDF5
import TensorCore

/// zlib's crc32, isolated so only this file sees the C signature.
@inline(__always)
func zlibCRC(_ crc: UInt, _ pointer: UnsafeRawPointer, _ count: Int) -> UInt {
    CHDF5.crc32(crc, pointer.assumingMemoryBound(to: UInt8.self), UInt32(count))
}

/// CRC-32 of a large buffer on all threads: chunks are checksummed in parallel and joined with
/// zlib's crc32_combine (tensor payloads are hundreds of MB; one core does ~3.5 GB/s).
func parallelCRC(_ pointer: UnsafeRawPointer, count: Int) -> UInt32 {
    let chunkSize = 2 << 20
    let chunks = (count + chunkSize - 1) / chunkSize
    var partial = [UInt](repeating: 0, count: chunks)
    partial.withUnsafeMutableBufferPointer { out in
        let results = out
        parallelFor(chunks, grain: 1) { range in
            for c in range {
                let start = c * chunkSize
                results[c] = zlibCRC(0, pointer + start, Swift.min(chunkSize, count - start))
            }
        }
    }
    var crc = partial[0]
    for c in 1..<chunks {
        let length = Swift.min(chunkSize, count - c * chunkSize)
        crc = UInt(swt_crc32_combine(crc, partial[c], Int64(length)))
    }
    return UInt32(truncatingIfNeeded: crc)
}
