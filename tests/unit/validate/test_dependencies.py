"""Declared dependencies (pyproject, requirements, setup.py, setup.cfg) and the import names they provide."""

from __future__ import annotations

import pytest

from booty.validate.dependencies import declared_imports, import_names


def test_setup_py_and_setup_cfg_dependencies():
    files = {
        "setup.py": "from setuptools import setup\nREQS = ['Pillow>=9', 'msgpack-python']\n"
        "setup(name='x', install_requires=REQS, extras_require={'docs': ['sphinx']})\n",
        "setup.cfg": "[options]\ninstall_requires =\n    appdirs>=1.4  # cache dirs\n    click\n"
        "[options.extras_require]\ntest =\n    pytest\n",
    }
    declared = declared_imports(files)
    assert {"PIL", "msgpack", "sphinx", "appdirs", "click", "pytest", "_pytest"} <= declared


def test_broken_manifest_contributes_nothing():
    assert declared_imports({"pyproject.toml": "[project\n", "setup.py": "def (:"}) == frozenset()


@pytest.mark.parametrize(
    "dist, name",
    [("PyYAML", "yaml"), ("beautifulsoup4", "bs4"), ("typing-extensions", "typing_extensions"),
     ("python-dateutil", "dateutil"), ("zope.interface", "zope"), ("Flask", "flask")],
)  # fmt: skip
def test_distribution_to_import_name(dist, name):
    assert name in import_names(dist)
