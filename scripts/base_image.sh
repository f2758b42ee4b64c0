#!/usr/bin/env bash
# Build a local Debian bookworm base image for the container tests (Docker Hub is not reachable
# here), cached by tag: nothing happens when the tag already exists.
#
#   scripts/base_image.sh [TAG]        # default tag: booty-base:bookworm (or $BOOTY_BASE_IMAGE)
#
# The image serves twice: as `--build-arg BASE=` for the real Dockerfile and as act's
# `-P ubuntu-latest=` runner image. It holds Python 3 (with venv and pip), git and CA certificates.
# Mirror: $BOOTY_DEBIAN_MIRROR, else the first Debian mirror in the host's APT sources, else
# deb.debian.org. Needs root, debootstrap and a running Docker daemon.
set -euo pipefail

tag="${1:-${BOOTY_BASE_IMAGE:-booty-base:bookworm}}"
packages="python3,python3-venv,python3-pip,git,ca-certificates"

if docker image inspect "$tag" >/dev/null 2>&1; then
  echo "base_image: $tag already exists"
  exit 0
fi

host_mirror() {
  # deb822 (URIs: ...) and one-line (deb URL suite ...) sources; skip the security archive.
  cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null \
    | grep -oE '(^URIs:[[:space:]]*|^deb[[:space:]]+(\[[^]]*\][[:space:]]+)?)[a-z]+://[^[:space:]]+/debian/?([[:space:]]|$)' \
    | grep -oE '[a-z]+://[^[:space:]]+' | head -n 1 || true
}
mirror="${BOOTY_DEBIAN_MIRROR:-$(host_mirror)}"
mirror="${mirror:-http://deb.debian.org/debian}"

command -v debootstrap >/dev/null || { echo "base_image: debootstrap not installed" >&2; exit 1; }
rootfs="$(mktemp -d /tmp/booty-rootfs.XXXXXX)"
trap 'rm -rf "$rootfs"' EXIT

echo "base_image: debootstrap bookworm from $mirror"
start=$SECONDS
debootstrap --variant=minbase --include="$packages" bookworm "$rootfs" "$mirror" >"$rootfs.log" 2>&1 \
  || { tail -n 30 "$rootfs.log" >&2; rm -f "$rootfs.log"; exit 1; }
rm -f "$rootfs.log"
# Keep the image small and reproducible: no package cache, no lists, no host-specific files.
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/tmp/*
echo "base_image: debootstrap took $((SECONDS - start)) s"

start=$SECONDS
tar -C "$rootfs" --numeric-owner -c . \
  | docker import --change 'CMD ["/bin/bash"]' --change 'ENV LANG=C.UTF-8' - "$tag" >/dev/null
echo "base_image: docker import took $((SECONDS - start)) s; $tag is $(docker image inspect -f '{{.Size}}' "$tag" | numfmt --to=iec)"
