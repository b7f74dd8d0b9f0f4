#!/usr/bin/env python3
"""Every public declaration of a library has a doc comment, and the comment names its PyTorch counterpart.

A doc comment is the run of `///` lines (or a `/** ... */` block) right above the declaration and its
attribute-only lines. "Names its PyTorch counterpart" means the comment contains the word torch
(`torch.nn.Linear`, `torch.Tensor.view`, "PyTorch's ..."); a declaration without one says so
("No PyTorch counterpart: ..."). Enum cases carry no access modifier and are not checked (CONTRIBUTING
asks for a few words on each).

Usage: check_doc_comments.py [paths...]   (default: packages/*/Sources). Exit 1 and list each miss.
"""
import os
import re
import sys

DECL = re.compile(
    r"^(?:@[\w.]+(?:\([^)]*\))?\s+)*"  # attributes on the same line
    r"(?:(?:final|override|required|convenience|static|class|nonisolated|mutating|indirect|dynamic)\s+)*"
    r"(?:public|open)(?:\s*\(set\))?\s+"
    r"(?!extension\b|import\b)"
)


ATTRIBUTE_LINE = re.compile(r"^(?:@[\w.]+(?:\([^)]*\))?\s*)+$")  # a line of attributes alone, no declaration


def doc_block(lines, i):
    """The doc comment above line i (skipping attribute lines), or None."""
    j = i - 1
    while j >= 0 and ATTRIBUTE_LINE.match(lines[j].strip()):
        j -= 1
    if j < 0:
        return None
    s = lines[j].strip()
    if s.startswith("///"):
        block = []
        while j >= 0 and lines[j].strip().startswith("///"):
            block.append(lines[j])
            j -= 1
        return "\n".join(block)
    if s.endswith("*/"):
        block = []
        while j >= 0:
            block.append(lines[j])
            if lines[j].strip().startswith("/**"):
                return "\n".join(block)
            if lines[j].strip().startswith("/*"):
                return None
            j -= 1
    return None


def check_file(path):
    misses = []
    lines = open(path, encoding="utf-8").read().split("\n")
    in_block_comment = False
    for i, line in enumerate(lines):
        s = line.strip()
        if in_block_comment:
            in_block_comment = "*/" not in s
            continue
        if s.startswith("/*") and "*/" not in s:
            in_block_comment = True
            continue
        if not DECL.match(s):
            continue
        doc = doc_block(lines, i)
        where = f"{path}:{i + 1}: {s[:100]}"
        if doc is None:
            misses.append(f"{where}\n    no doc comment")
        elif "torch" not in doc.lower():
            misses.append(f"{where}\n    the doc comment does not name the PyTorch counterpart (or say there is none)")
    return misses


def swift_files(roots):
    for root in roots:
        if os.path.isfile(root):
            yield root
            continue
        for d, dirs, files in os.walk(root):
            dirs[:] = sorted(x for x in dirs if not x.startswith(".build"))
            for f in sorted(files):
                if f.endswith(".swift"):
                    yield os.path.join(d, f)


def main():
    roots = sys.argv[1:] or sorted(
        os.path.join("packages", p, "Sources") for p in os.listdir("packages")
        if os.path.isdir(os.path.join("packages", p, "Sources"))
    )
    misses = [m for f in swift_files(roots) for m in check_file(f)]
    for m in misses:
        print(m)
    if misses:
        print(f"{len(misses)} public declarations without a doc comment naming their PyTorch counterpart")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
