"""Writes small.tar.gz: a GNU tar (with a long-name entry and a subfolder) for the extraction tests."""
import gzip, io, os, tarfile

buf = io.BytesIO()
with tarfile.open(fileobj=buf, mode="w", format=tarfile.GNU_FORMAT) as t:
    for name, data in [("archive-root/a.bin", b"hello records"), ("archive-root/sub/dir/b.txt", b"x" * 700),
                       ("archive-root/" + "long" * 30 + ".bin", b"long name")]:
        info = tarfile.TarInfo(name)
        info.size = len(data)
        t.addfile(info, io.BytesIO(data))
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "small.tar.gz")
with open(out, "wb") as f:
    f.write(gzip.compress(buf.getvalue(), mtime=0))
