#!/bin/sh
# Runs every PyTorch twin of the guide's example programs (Examples/pytorch/<executable>.py) with real torch
# and writes what it prints to Examples/Tests/ExamplesTests/Expected/<executable>.txt, which the ExamplesTests compare
# with the Swift programs' output. CI never has torch: commit the outputs. A twin whose full run is too long
# for the tests names the arguments both sides run with in a `# expected-args: ...` line.
#   Examples/Tests/ExamplesTests/generate_expected.sh [twin ...]     (default: every twin)
set -eu
root=$(cd "$(dirname "$0")/../../.." && pwd)
python=${PYTHON:-$HOME/torchenv/bin/python}
out="$root/Examples/Tests/ExamplesTests/Expected"
mkdir -p "$out"
if [ $# -eq 0 ]; then set -- "$root"/Examples/pytorch/*.py; fi
for twin in "$@"; do
    name=$(basename "$twin" .py)
    # A fresh folder per twin, as ExampleRunner gives the Swift program: files it writes don't leak.
    work=$(mktemp -d)
    args=$(sed -n 's/^# expected-args: //p' "$root/Examples/pytorch/$name.py")
    # shellcheck disable=SC2086 # the arguments are words
    (cd "$work" && "$python" "$root/Examples/pytorch/$name.py" $args) > "$out/$name.txt"
    rm -rf "$work"
    echo "$name: $(wc -l < "$out/$name.txt") lines"
done
