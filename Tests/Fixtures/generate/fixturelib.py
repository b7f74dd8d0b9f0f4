"""The root tests' fixtures use TensorCore's writer (packages/TensorCore/Tests/Fixtures/generate/fixturelib.py):
one JSON layout for every package; only the output folder (Tests/Fixtures) is their own."""
import importlib.util
import os

_HERE = os.path.dirname(os.path.abspath(__file__))
CORE_GENERATE = os.path.join(_HERE, "..", "..", "..", "packages", "TensorCore", "Tests", "Fixtures", "generate")
_spec = importlib.util.spec_from_file_location("tensorcore_fixturelib", os.path.join(CORE_GENERATE, "fixturelib.py"))
_core = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_core)

FIXTURES = os.path.join(_HERE, "..")
enc = _core.enc
torch_errors = _core.torch_errors


def save(name, cases):
    _core.save(name, cases, folder=FIXTURES)
