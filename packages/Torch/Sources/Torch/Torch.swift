@_exported import Autodiff
@_exported import CheckpointHDF5
@_exported import DataPipeline
@_exported import Distributed
@_exported import Export
@_exported import Layers
@_exported import Optimizers
@_exported import Schedulers
@_exported import TensorBoard
// The umbrella: `import Torch` is all a training script needs. Only re-exports live here; anything of
// substance belongs in the lower package that owns the concept.
@_exported import TensorCore
@_exported import VisionModels
