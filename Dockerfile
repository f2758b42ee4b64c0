# Booty: a labelled issue becomes a validated pull request (GitHub Docker action).
#
# BASE defaults to Debian's slim image with Debian's own Python (3.11) and git from APT: measured
# (bench/startup.py) it is the smallest base that has both once they are installed, it receives
# Debian's security updates, and its Python is the one the e2e tier builds and runs the image on.
# Offline builds (this repository's own tests) pass a local Debian image that already has Python
# and git, and put wheels in build/wheelhouse (scripts/wheelhouse.sh); when that folder is absent
# or empty, pip installs the pinned requirements from PyPI as usual. Any base with python3 (with
# venv) and git works: what it lacks is installed from APT.
# No USER and no WORKDIR: GitHub runs Docker actions as root with the workspace as working directory.
# One stage on purpose: GitHub builds this image at every workflow run, and a second stage that
# copies the venv over measured slower to build here (bench/startup.py, one paired run on a busy
# machine: 62 s against 27 s) for nothing users get: it would only drop the test wheelhouse's layer.
ARG BASE=debian:bookworm-slim
FROM ${BASE}

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH="/opt/booty/venv/bin:${PATH}"

SHELL ["/bin/sh", "-eu", "-c"]

# Python (with venv), git and CA certificates, each from APT only when the base lacks it, so a base
# that has them needs no network. What APT installs here leaves out, by dpkg's own path filter (the
# way Debian's slim images leave out docs), what no run uses: the Perl module trees that Debian's git
# depends on for its Perl commands (svn, send-email, cvs*, archimport), 47 MB, and git's server and
# mail programs (daemon, http-backend, http-push, imap-send, shell) and scalar, 17 MB. Every package
# stays installed in dpkg's eyes, and the filter goes once APT is done, so a later install (a
# test_command's) is whole; `apt-get install --reinstall perl-modules-5.36 libperl5.36` brings the
# modules back. safe.directory '*': the workspace is mounted from the runner and owned by another
# user, and git refuses such repositories ("dubious ownership") for every command, including ones a
# configured test_command runs. This image only ever operates on that one checkout.
# hadolint ignore=DL3008,SC2086
RUN missing=""; \
    python3 -c 'import ensurepip' 2>/dev/null || missing="python3 python3-venv"; \
    command -v git >/dev/null || missing="$missing git"; \
    [ -s /etc/ssl/certs/ca-certificates.crt ] || missing="$missing ca-certificates"; \
    if [ -n "$missing" ]; then \
        filter=/etc/dpkg/dpkg.cfg.d/booty-unused; \
        printf 'path-exclude %s*\n' '/usr/share/perl/' '/usr/lib/*/perl/' '/usr/lib/*/libperl.so' \
            /usr/share/gitweb/ /usr/lib/git-core/git-daemon /usr/lib/git-core/git-http-backend \
            /usr/lib/git-core/git-http-push /usr/lib/git-core/git-imap-send \
            /usr/lib/git-core/git-shell /usr/bin/git-shell /usr/lib/git-core/scalar /usr/bin/scalar \
            > "$filter"; \
        apt-get update; \
        apt-get install -y --no-install-recommends $missing; \
        rm -rf /var/lib/apt/lists/* "$filter"; \
    fi; \
    git config --system --add safe.directory '*'

# The glob matches nothing when build/wheelhouse is missing; COPY still succeeds because
# requirements.txt is always there. PIP_INDEX_URL: an optional mirror for local builds (GitHub
# passes no build arguments to actions).
# In the same layer, what a run never reads goes: pip and setuptools (nothing installs at run
# time), the libraries' own tests and type stubs, and botocore's descriptions of AWS services
# other than those the Bedrock provider talks to (its SDK client, and STS and SSO for the
# credential chain). pip byte-compiles every module it installs, so no run compiles one.
ARG PIP_INDEX_URL
COPY requirements.txt build/wheelhous[e] /tmp/install/
RUN python3 -m venv /opt/booty/venv; \
    pip="/opt/booty/venv/bin/python -m pip --no-cache-dir --disable-pip-version-check"; \
    if ls /tmp/install/*.whl >/dev/null 2>&1; then \
        $pip install --no-index --find-links /tmp/install -r /tmp/install/requirements.txt; \
    else \
        $pip install -r /tmp/install/requirements.txt; \
    fi; \
    $pip uninstall -q -y pip setuptools; \
    rm -rf /tmp/install /opt/booty/venv/bin/pip*; \
    site="$(python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"; \
    find "$site" -depth -type d -name tests -exec rm -rf {} +; \
    find "$site" -name '*.pyi' -delete; \
    find "$site/botocore/data" -mindepth 1 -maxdepth 1 -type d \
        ! -name bedrock ! -name bedrock-runtime ! -name sts ! -name sso ! -name sso-oidc -exec rm -rf {} +

COPY entrypoint.py /opt/booty/entrypoint.py
COPY src/ /opt/booty/src/
# The package is put on the venv's path (a .pth file) rather than pip-installed: installing it
# would need setuptools from an index, which offline builds do not have. Byte-compiled once here
# so that every run starts faster.
RUN echo /opt/booty/src > "$(python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/booty.pth"; \
    python -m compileall -q /opt/booty/src

ENTRYPOINT ["/opt/booty/venv/bin/python", "/opt/booty/entrypoint.py"]
