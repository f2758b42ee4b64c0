#!/usr/bin/env bash
# Build a local Debian bookworm base image for the container tests (Docker Hub is not reachable
# here), cached by tag: nothing happens when the tag already exists.
#
#   scripts/base_image.sh [TAG]          # default tag: booty-base:bookworm (or $BOOTY_BASE_IMAGE)
#   scripts/base_image.sh --slim [TAG]   # default tag: booty-base:bookworm-slim
#
# The default image serves twice: as `--build-arg BASE=` for the real Dockerfile and as act's
# `-P ubuntu-latest=` runner image. It holds Python 3 (with venv and pip), git and CA certificates.
# --slim builds the local equivalent of the Dockerfile's default base, debian:bookworm-slim, with
# neither Python nor git: a build on it installs them from APT (bench/startup.py --apt-network).
# Mirror: $BOOTY_DEBIAN_MIRROR, else the first Debian mirror in the host's APT sources, else
# deb.debian.org. Needs root, debootstrap and a running Docker daemon.
set -euo pipefail

slim=""
if [ "${1:-}" = "--slim" ]; then slim=1; shift; fi
if [ -n "$slim" ]; then
  # --slim: debian:bookworm-slim as debuerreotype builds it: minbase, with docs, man pages and
  # locales left out and APT's caches off (the configuration written below).
  tag="${1:-booty-base:bookworm-slim}"
  packages=""
else
  tag="${1:-${BOOTY_BASE_IMAGE:-booty-base:bookworm}}"
  packages="python3,python3-venv,python3-pip,git,ca-certificates"
fi

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
debootstrap --variant=minbase ${packages:+--include="$packages"} bookworm "$rootfs" "$mirror" >"$rootfs.log" 2>&1 \
  || { tail -n 30 "$rootfs.log" >&2; rm -f "$rootfs.log"; exit 1; }
rm -f "$rootfs.log"
# Keep the image small and reproducible: no package cache, no lists, no host-specific files.
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/tmp/*
if [ -n "$slim" ]; then
  # The official images' APT and dpkg settings (debuerreotype-minimizing-config): no package cache,
  # no translations, compressed indexes; and the slim images' dpkg filter (debuerreotype's --slim),
  # applied to what is installed and kept for whatever APT installs later.
  cat >"$rootfs/etc/apt/apt.conf.d/docker-clean" <<'CFG'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
CFG
  echo 'Acquire::Languages "none";' >"$rootfs/etc/apt/apt.conf.d/docker-no-languages"
  echo 'Acquire::GzipIndexes "true";' >"$rootfs/etc/apt/apt.conf.d/docker-gzip-indexes"
  echo 'Apt::AutoRemove::SuggestsImportant "false";' >"$rootfs/etc/apt/apt.conf.d/docker-autoremove-suggests"
  echo 'force-unsafe-io' >"$rootfs/etc/dpkg/dpkg.cfg.d/docker-apt-speedup"
  # The official image's sources: the release, its updates and the security archive.
  rm -f "$rootfs/etc/apt/sources.list"
  cat >"$rootfs/etc/apt/sources.list.d/debian.sources" <<'CFG'
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
CFG
  cat >"$rootfs/etc/dpkg/dpkg.cfg.d/docker" <<'CFG'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/lintian/overrides/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
path-exclude /usr/share/man/*
CFG
  find "$rootfs/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
  find "$rootfs/usr/share/locale" -mindepth 1 -maxdepth 1 -not -name locale.alias -exec rm -rf {} +
  rm -rf "$rootfs"/usr/share/groff/* "$rootfs"/usr/share/info/* "$rootfs"/usr/share/linda/* \
    "$rootfs"/usr/share/lintian/overrides/* "$rootfs"/usr/share/man/*
fi
echo "base_image: debootstrap took $((SECONDS - start)) s"

start=$SECONDS
tar -C "$rootfs" --numeric-owner -c . \
  | docker import --change 'CMD ["/bin/bash"]' --change 'ENV LANG=C.UTF-8' - "$tag" >/dev/null
echo "base_image: docker import took $((SECONDS - start)) s; $tag is $(docker image inspect -f '{{.Size}}' "$tag" | numfmt --to=iec)"
