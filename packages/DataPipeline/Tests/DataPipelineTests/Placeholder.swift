import Testing
@testable import DataPipeline
