import Export
import FuzzSupport
import TensorCore

/// ONNX: the protobuf wire format (ProtoReader), the model/graph/node/tensor messages, the load-time
/// checks (opsets, ops, definitions, tensor sizes) and, for a file that loads, one run on a [2, 10] input.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    if let model = try? OnnxModule(bytes: fuzzBytes(data, size)) { _ = try? model.run([Tensor.zeros([2, 10])]) }
    return 0
}

fuzzMain(testOneInput)
