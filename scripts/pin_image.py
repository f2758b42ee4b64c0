"""Pin action.yml to a released image: ``image: Dockerfile`` becomes ``image: docker://REF@sha256:D``.

    python scripts/pin_image.py action.yml ghcr.io/booty-dev/booty sha256:<64 hex digits>

The release workflow runs this on the release commit only, after the image that digest names was
built, smoke-tested and pushed; main, forks and local development keep ``image: Dockerfile``
(GitHub then builds the image at every run). Only the ``image:`` line of ``runs:`` changes; an
already pinned file is re-pinned. Exits 2 with a message for a malformed reference or digest, or
when the file has no ``runs.image`` line.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

DIGEST = re.compile(r"sha256:[0-9a-f]{64}")
# registry/owner/name, lowercase as registries require; no tag (the digest is the version)
REFERENCE = re.compile(r"[a-z0-9]+([.-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)+")
IMAGE_LINE = re.compile(r"^(?P<indent>  )image: *(?P<value>\S.*?)\s*$", re.M)


class PinError(ValueError):
    pass


def pinned(action_yml: str, reference: str, digest: str) -> str:
    """``action_yml`` with its ``runs.image`` pointing at ``reference@digest``."""
    if not DIGEST.fullmatch(digest):
        raise PinError(f"digest {digest!r} is not sha256: followed by 64 lowercase hex digits")
    if not REFERENCE.fullmatch(reference):
        raise PinError(
            f"image reference {reference!r} is not registry/owner/name in lowercase, without a tag"
        )
    runs = action_yml.find("\nruns:\n")
    if runs < 0:
        raise PinError("action.yml has no top-level `runs:` block")
    match = IMAGE_LINE.search(action_yml, runs)
    if match is None:
        raise PinError("action.yml's `runs:` block has no `image:` line")
    line = f"{match['indent']}image: docker://{reference}@{digest}"
    return action_yml[: match.start()] + line + action_yml[match.end() :]


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    path, reference, digest = Path(argv[0]), argv[1], argv[2]
    try:
        path.write_text(pinned(path.read_text(encoding="utf-8"), reference, digest), encoding="utf-8")
    except (PinError, OSError) as err:
        print(f"pin_image: {err}", file=sys.stderr)
        return 2
    print(f"pin_image: {path} now uses docker://{reference}@{digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
