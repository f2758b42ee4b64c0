"""The import names of a repository's declared Python dependencies.

Read from pyproject.toml (PEP 621, dependency groups, build requirements, Poetry),
``requirements*.txt`` (anywhere, including ``requirements/*.txt``), setup.cfg and setup.py. A
distribution name becomes the names it is imported by: a small table for the well-known
mismatches (PyYAML -> yaml, beautifulsoup4 -> bs4) plus normalisation (``typing-extensions`` ->
``typing_extensions``, ``python-dateutil`` -> ``dateutil``, ``foo-python`` -> ``foo``,
``zope.interface`` -> ``zope``). A
manifest that does not parse contributes nothing.
"""

from __future__ import annotations

import ast
import configparser
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from typing import Any

_IMPORT_NAMES = {
    "pyyaml": ("yaml",), "beautifulsoup4": ("bs4",), "pillow": ("PIL",), "scikit_learn": ("sklearn",),
    "scikit_image": ("skimage",), "opencv_python": ("cv2",), "opencv_python_headless": ("cv2",),
    "opencv_contrib_python": ("cv2",), "python_dateutil": ("dateutil",), "pyjwt": ("jwt",),
    "protobuf": ("google",), "attrs": ("attr", "attrs"), "pymysql": ("pymysql",),
    "mysqlclient": ("MySQLdb",), "psycopg2_binary": ("psycopg2",), "psycopg_binary": ("psycopg",),
    "python_dotenv": ("dotenv",), "pyzmq": ("zmq",), "pycryptodome": ("Crypto",),
    "pycryptodomex": ("Cryptodome",), "pyopenssl": ("OpenSSL",), "gitpython": ("git",),
    "pygithub": ("github",), "setuptools": ("setuptools", "pkg_resources", "distutils"),
    "pytest": ("pytest", "_pytest", "py"), "python_magic": ("magic",), "pyserial": ("serial",),
    "msgpack_python": ("msgpack",), "ruamel.yaml": ("ruamel",), "ruamel_yaml": ("ruamel",),
    "google_cloud_storage": ("google",), "google_api_python_client": ("googleapiclient",),
    "typing_extensions": ("typing_extensions",), "importlib_metadata": ("importlib_metadata",),
    "pywin32": ("win32api", "win32con", "pywintypes"), "dnspython": ("dns",), "pyusb": ("usb",),
    "websocket_client": ("websocket",), "python_jose": ("jose",), "faiss_cpu": ("faiss",),
    "tensorflow_gpu": ("tensorflow",), "pymupdf": ("fitz",), "python_docx": ("docx",),
    "docutils": ("docutils",), "sphinx": ("sphinx",), "matplotlib": ("matplotlib", "mpl_toolkits"),
    "jinja2": ("jinja2",), "markupsafe": ("markupsafe",), "pyerfa": ("erfa",),
}  # fmt: skip
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
_EGG = re.compile(r"#egg=([A-Za-z0-9][A-Za-z0-9._-]*)")


def import_names(distribution: str) -> set[str]:
    """The top-level names ``distribution`` is likely imported by."""
    norm = re.sub(r"[-.]+", "_", distribution.strip()).lower()
    names = set(_IMPORT_NAMES.get(norm, ()) or _IMPORT_NAMES.get(distribution.lower(), ())) or {norm}
    for prefix in ("python_", "py_"):
        if norm.startswith(prefix):
            names.add(norm.removeprefix(prefix))
    if norm.endswith("_python"):
        names.add(norm.removesuffix("_python"))
    if "." in distribution:  # namespace distributions: zope.interface -> zope
        names.add(distribution.split(".", 1)[0].lower())
    return names


def _requirement(spec: str) -> str | None:
    spec = spec.strip()
    egg = _EGG.search(spec)
    if egg:
        return egg.group(1)
    if not spec or spec.startswith(("#", "-")):
        return None
    name = _NAME.match(spec)
    return name.group(1) if name else None


def pep508_requirements(data: dict[str, Any]) -> Iterable[str]:
    """Every PEP 508 requirement string of a parsed pyproject.toml."""
    project = data.get("project", {})
    yield from project.get("dependencies", [])
    for group in project.get("optional-dependencies", {}).values():
        yield from group
    for group in data.get("dependency-groups", {}).values():
        yield from (item for item in group if isinstance(item, str))
    yield from data.get("build-system", {}).get("requires", [])


def _pyproject(text: str) -> Iterable[str]:
    data = tomllib.loads(text)
    yield from pep508_requirements(data)
    poetry = data.get("tool", {}).get("poetry", {})
    tables = [poetry.get("dependencies", {}), poetry.get("dev-dependencies", {})]
    tables += [g.get("dependencies", {}) for g in poetry.get("group", {}).values()]
    for table in tables:
        yield from (name for name in table if name != "python")


def _setup_cfg(text: str) -> Iterable[str]:
    parser = configparser.RawConfigParser(strict=False)
    parser.read_string(text)
    for section, key in (
        ("options", "install_requires"),
        ("options", "setup_requires"),
        ("options", "tests_require"),
    ):
        if parser.has_option(section, key):
            yield from parser.get(section, key).splitlines()
    if parser.has_section("options.extras_require"):
        for _, value in parser.items("options.extras_require"):
            yield from value.splitlines()


def _setup_py(text: str) -> Iterable[str]:
    tree = ast.parse(text)
    assigned = {t.id: node.value for node in ast.walk(tree) if isinstance(node, ast.Assign)
                for t in node.targets if isinstance(t, ast.Name)}  # fmt: skip
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg and "require" in node.arg:
            value = (
                assigned.get(node.value.id, node.value) if isinstance(node.value, ast.Name) else node.value
            )
            for const in ast.walk(value):
                if isinstance(const, ast.Constant) and isinstance(const.value, str):
                    yield from const.value.splitlines()


def _requirements_txt(text: str) -> Iterable[str]:
    return text.splitlines()


def _reader(path: str) -> Callable[[str], Iterable[str]] | None:
    name = path.rsplit("/", 1)[-1]
    if path == "pyproject.toml" or name == "pyproject.toml":
        return _pyproject
    if name == "setup.cfg":
        return _setup_cfg
    if name == "setup.py":
        return _setup_py
    if name.endswith(".txt") and ("requirements" in name or path.split("/")[-2:-1] == ["requirements"]):
        return _requirements_txt
    return None


def is_manifest(path: str) -> bool:
    """True for a file ``declared_imports`` reads: pyproject.toml, setup.cfg, setup.py, requirements."""
    return _reader(path) is not None


def declared_imports(files: Mapping[str, str]) -> frozenset[str]:
    """Top-level import names of every dependency declared in ``files`` (path -> text)."""
    names: set[str] = set()
    for path, text in files.items():
        reader = _reader(path)
        if reader is None or not text:
            continue
        try:
            specs = list(reader(text))
        except (ValueError, SyntaxError, configparser.Error, RecursionError):
            continue
        for spec in specs:
            dist = _requirement(spec) if isinstance(spec, str) else None
            if dist:
                names |= import_names(dist)
    return frozenset(names)
