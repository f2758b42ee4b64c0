#!/usr/bin/env bash
# Fill build/wheelhouse (git-ignored) with wheels for requirements.txt, so the Docker build can
# install them with `pip --no-index` while it has no network. Cached: nothing happens when the
# wheelhouse already matches requirements.txt and the target Python version.
#
#   scripts/wheelhouse.sh [PYTHON_VERSION]   # e.g. 3.11; default: the base image's python3
#
# The wheels are chosen for the image's interpreter, not the host's (`--python-version`,
# manylinux x86_64, binary wheels only), using the host's pip and its index configuration.
# Real users never need this: without a wheelhouse the Dockerfile installs from PyPI.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$repo/build/wheelhouse"
pip="${BOOTY_PIP:-$repo/.venv/bin/pip}"
base="${BOOTY_BASE_IMAGE:-booty-base:bookworm}"

pyver="${1:-}"
if [[ -z "$pyver" ]]; then
  pyver="$(docker run --rm --network none --entrypoint python3 "$base" \
    -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
fi

stamp="python=$pyver requirements=$(sha256sum "$repo/requirements.txt" | cut -d' ' -f1)"
if [[ -f "$out/.stamp" && "$(cat "$out/.stamp")" == "$stamp" ]]; then
  echo "wheelhouse: up to date ($stamp)"
  exit 0
fi

# This pip does not widen --platform to older manylinux tags by itself: list them (glibc 2.17-2.36
# covers Debian bookworm: the image's default base and the debootstrap ones).
platforms=(--platform manylinux2014_x86_64)
for minor in $(seq 17 36); do platforms+=(--platform "manylinux_2_${minor}_x86_64"); done

rm -rf "$out"
mkdir -p "$out"
start=$SECONDS
"$pip" download --quiet --disable-pip-version-check --only-binary=:all: \
  --python-version "$pyver" --implementation cp "${platforms[@]}" \
  -r "$repo/requirements.txt" -d "$out" 2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)
echo "$stamp" >"$out/.stamp"
echo "wheelhouse: $(find "$out" -name '*.whl' | wc -l) wheels for Python $pyver in $((SECONDS - start)) s ($(du -sh "$out" | cut -f1))"
