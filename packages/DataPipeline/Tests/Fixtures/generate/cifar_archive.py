"""cifar-test-only.tar.gz: the official binary archive's layout with only cifar-10-batches-bin/test_batch.bin
(10,000 synthetic records: label r % 10, every pixel byte r % 251), for the CIFAR download test."""
import gzip, io, os, tarfile

records = bytearray()
for r in range(10000):
    records += bytes([r % 10]) + bytes([r % 251]) * 3072
buf = io.BytesIO()
with tarfile.open(fileobj=buf, mode="w", format=tarfile.GNU_FORMAT) as t:
    info = tarfile.TarInfo("cifar-10-batches-bin/test_batch.bin")
    info.size = len(records)
    t.addfile(info, io.BytesIO(bytes(records)))
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cifar-test-only.tar.gz"), "wb") as f:
    f.write(gzip.compress(buf.getvalue(), compresslevel=9, mtime=0))
