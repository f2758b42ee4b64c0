# Booty: a labelled issue becomes a validated pull request (GitHub Docker action).
#
# BASE defaults to the official Python image. Offline builds (this repository's own tests) pass a
# local Debian image instead and put wheels in build/wheelhouse (scripts/wheelhouse.sh); when that
# folder is absent or empty, pip installs the pinned requirements from PyPI as usual.
# No USER and no WORKDIR: GitHub runs Docker actions as root with the workspace as working directory.
# Two stages (bench/startup.py measured both): the first installs and trims the venv, the second is
# the base plus git plus /opt/booty, so neither the wheels nor pip reach the image.
ARG BASE=python:3.12-slim

FROM ${BASE} AS venv
SHELL ["/bin/sh", "-eu", "-c"]

# The glob matches nothing when build/wheelhouse is missing; COPY still succeeds because
# requirements.txt is always there. PIP_INDEX_URL: an optional mirror for local builds (GitHub
# passes no build arguments to actions).
ARG PIP_INDEX_URL
COPY requirements.txt build/wheelhous[e] /tmp/install/
# Then what a run never reads goes: pip and setuptools (nothing installs at run time), the
# libraries' own tests and type stubs, and botocore's descriptions of AWS services other than the
# ones the Bedrock provider talks to (its SDK client, and STS and SSO for the credential chain).
# Every module is byte-compiled here (pip does it; the src folder below), so no run compiles one.
RUN python3 -m venv /opt/booty/venv; \
    pip="/opt/booty/venv/bin/python -m pip --no-cache-dir --disable-pip-version-check"; \
    if ls /tmp/install/*.whl >/dev/null 2>&1; then \
        $pip install --no-index --find-links /tmp/install -r /tmp/install/requirements.txt; \
    else \
        $pip install -r /tmp/install/requirements.txt; \
    fi; \
    $pip uninstall -q -y pip setuptools; \
    rm -rf /tmp/install /opt/booty/venv/bin/pip*; \
    site="$(/opt/booty/venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"; \
    find "$site" -depth -type d -name tests -exec rm -rf {} +; \
    find "$site" -name '*.pyi' -delete; \
    find "$site/botocore/data" -mindepth 1 -maxdepth 1 -type d \
        ! -name bedrock ! -name bedrock-runtime ! -name sts ! -name sso ! -name sso-oidc -exec rm -rf {} +

COPY entrypoint.py /opt/booty/entrypoint.py
COPY src/ /opt/booty/src/
# The package is put on the venv's path (a .pth file) rather than pip-installed: installing it
# would need setuptools from an index, which offline builds do not have.
RUN echo /opt/booty/src > "$(/opt/booty/venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/booty.pth"; \
    /opt/booty/venv/bin/python -m compileall -q /opt/booty/src

FROM ${BASE}

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH="/opt/booty/venv/bin:${PATH}"

SHELL ["/bin/sh", "-eu", "-c"]

# git: python:3.12-slim lacks it (installed from APT); a base image that already has it needs no
# network. safe.directory '*': the workspace is mounted from the runner and owned by another user,
# and git refuses such repositories ("dubious ownership") for every command, including ones a
# configured test_command runs. This image only ever operates on that one mounted checkout.
# hadolint ignore=DL3008
RUN if ! command -v git >/dev/null; then \
        apt-get update; \
        apt-get install -y --no-install-recommends git; \
        rm -rf /var/lib/apt/lists/*; \
    fi; \
    git config --system --add safe.directory '*'

COPY --from=venv /opt/booty /opt/booty

ENTRYPOINT ["/opt/booty/venv/bin/python", "/opt/booty/entrypoint.py"]
