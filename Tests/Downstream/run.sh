#!/usr/bin/env bash
# `make downstream`: two packages that depend on swift-torch by path, as a user's project does by URL,
# each built in its own scratch folder (.build-downstream-*). CoreConsumer asks for TensorCore alone
# and must compile nothing above it; TorchConsumer asks for Torch and must compile no example or tool.
# Both run and their output is checked; the README's first program must be TorchConsumer's main.swift;
# then check-system-libraries.sh.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
here=Tests/Downstream

fail() { echo "FAIL: $*" >&2; exit 1; }

# Targets that left object files in a scratch folder: what this build compiled.
compiled() { find "$1/debug/" -mindepth 2 -maxdepth 2 -name '*.o' -path '*.build/*' | xargs -r -n1 dirname | xargs -r -n1 basename | sed 's/\.build$//' | sort -u | tr '\n' ' '; }
# Clang modules built: a C library imported by something compiled (CHDF5 means HDF5 was reached).
clang_modules() { find "$1/debug/ModuleCache" -name '*.pcm' 2>/dev/null | xargs -r -n1 basename | sed 's/-[^-]*\.pcm$//' | sort -u | tr '\n' ' '; }

build() {  # name package-folder
    local start=$SECONDS scratch="$root/.build-downstream-$1"
    mkdir -p "$scratch"
    swift build --package-path "$here/$2" --scratch-path "$scratch" >"$scratch/build.log" 2>&1 \
        || { tail -30 "$scratch/build.log"; fail "$2 does not build (log: $scratch/build.log)"; }
    echo "$2 built in $((SECONDS - start)) s: $(compiled "$root/.build-downstream-$1")"
}

build core CoreConsumer
expected="CVectorKernels TensorCore core_consumer "
[ "$(compiled .build-downstream-core)" = "$expected" ] || fail "CoreConsumer compiled more than TensorCore: $(compiled .build-downstream-core)"
for module in CHDF5 CLibPNG CLibJPEG CZlib CImageCodecs CGradState; do
    [[ " $(clang_modules .build-downstream-core)" != *" $module "* ]] || fail "CoreConsumer reached $module"
done
out="$(OMP_NUM_THREADS=1 .build-downstream-core/debug/core-consumer)"
echo "  $out"
[[ "$out" =~ ^core-consumer:\ w\ 2\.99[0-9]*\ b\ -1\.99[0-9]*\ ok,\ 1\ threads$ ]] || fail "CoreConsumer printed: $out"

build torch TorchConsumer
for target in $(compiled .build-downstream-torch); do
    case "$target" in
        TensorCore|CVectorKernels|Autodiff|CGradState|Layers|Optimizers|COptimizerKernels|Schedulers|DataPipeline|CImageCodecs|CheckpointHDF5|TensorBoard|ProtoWire|VisionModels|Distributed|CMPIShim|Export|Torch|torch_consumer) ;;
        *) fail "TorchConsumer compiled $target, which the Torch product does not need" ;;
    esac
done
out="$(.build-downstream-torch/debug/torch-consumer)"
echo "$out" | sed 's/^/  /'
grep -q "predicted tensor(\[0, 1, 1, 0\])$" <<<"$out" || fail "TorchConsumer did not learn XOR"
grep -qx "restored model agrees: true" <<<"$out" || fail "TorchConsumer's checkpoint did not round-trip"

# The README's first program is this consumer's code, so it compiles.
readme_program="$(awk '/^<!-- Tests\/Downstream\/TorchConsumer\/Sources\/main.swift/ { on = 1; next } on && /^```swift/ { copy = 1; next } copy && /^```/ { exit } copy' README.md)"
[ "$readme_program" = "$(cat "$here/TorchConsumer/Sources/main.swift")" ] || fail "README's first program differs from $here/TorchConsumer/Sources/main.swift"
echo "README's first program is TorchConsumer's main.swift"

bash "$here/check-system-libraries.sh"
