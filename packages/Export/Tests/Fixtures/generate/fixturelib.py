"""Export's fixtures use TensorCore's writer (packages/TensorCore/Tests/Fixtures/generate/fixturelib.py):
one JSON layout for every package; only the output folder is Export's own."""
import importlib.util
import os

_HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location(
    "tensorcore_fixturelib", os.path.join(_HERE, "..", "..", "..", "..", "TensorCore", "Tests", "Fixtures", "generate", "fixturelib.py"))
_core = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_core)

FIXTURES = os.path.join(_HERE, "..")
enc = _core.enc


def save(name, cases):
    _core.save(name, cases, folder=FIXTURES)
