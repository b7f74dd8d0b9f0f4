#!/usr/bin/env bash
# A dependent project that lacks a Debian package must be told which one to install. SwiftPM says so
# ("apt-get install <package>") only for a .systemLibrary target with pkgConfig and providers, when
# that .pc file is missing. This checks (1) the manifest: every system library has both, its packages
# are in the Makefile's APT_PACKAGES, and no target links a library past them; (2) the message: with
# each .pc file hidden in turn, SwiftPM's build planning names that library's package.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

apt_packages="$(sed -n 's/^APT_PACKAGES := //p' Makefile)"
libraries="$(swift package dump-package | APT_PACKAGES="$apt_packages" python3 -c '
import json, os, sys
manifest = json.load(sys.stdin)
installed = set(os.environ["APT_PACKAGES"].split())
libc = {"m", "pthread", "dl"}  # part of libc6, always there
failures = []
for target in manifest["targets"]:
    name = target["name"]
    for setting in target.get("settings") or []:
        library = (setting["kind"].get("linkedLibrary") or {}).get("_0")
        if library and library not in libc:
            failures.append(f"{name} links {library} directly: make it a .systemLibrary with pkgConfig and providers")
    if target["type"] != "system":
        continue
    apt = [p for provider in target.get("providers") or [] for p in provider.get("apt", [[]])[0]]
    if not target.get("pkgConfig") or not apt:
        failures.append(f"{name}: a .systemLibrary needs pkgConfig and providers: [.apt([...])]")
        continue
    missing = [p for p in apt if p not in installed]
    if missing:
        failures.append(f"{name}: {missing} missing from the Makefile APT_PACKAGES")
    print(name, target["pkgConfig"], " ".join(apt))
if failures:
    sys.exit("\n".join(failures))
')"

# SwiftPM asks `pkg-config --variable pc_path pkg-config` where .pc files live; a stand-in answers with a
# folder that links every real .pc file but the hidden one.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/pc"
real_path="$(pkg-config --variable pc_path pkg-config)"
cat >"$work/bin/pkg-config" <<EOF
#!/bin/sh
if [ "\$*" = "--variable pc_path pkg-config" ]; then echo "$work/pc"; exit 0; fi
exec "$(command -v pkg-config)" "\$@"
EOF
chmod +x "$work/bin/pkg-config"

status=0
while read -r name pc packages; do
    rm -f "$work/pc/"*
    IFS=: read -ra dirs <<<"$real_path"
    for dir in "${dirs[@]}"; do
        for file in "$dir"/*.pc; do
            [ -e "$file" ] && [ "$(basename "$file")" != "$pc.pc" ] && ln -sf "$file" "$work/pc/"
        done
    done
    # Planning alone prints the hint; building a system library target then fails, as there is nothing to
    # build. A scratch folder per library: a kept build plan would skip the lookup.
    output="$(PATH="$work/bin:$PATH" swift build --scratch-path "$root/.build-downstream-pkgconfig/$name" \
        --target "$name" 2>&1 || true)"
    if grep -q "apt-get install $packages" <<<"$output"; then
        echo "ok: without $pc.pc, SwiftPM says: apt-get install $packages"
    else
        echo "FAIL: without $pc.pc, SwiftPM did not name $packages:"; echo "$output" | head -20
        status=1
    fi
done <<<"$libraries"
exit $status
