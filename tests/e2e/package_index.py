"""A throwaway package index on 127.0.0.1, so an image build can take the path real users take."""

from __future__ import annotations

import re
import shutil
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


class SimpleIndex:
    """A PEP 503 package index on 127.0.0.1 serving the wheels of ``wheelhouse`` (pip's directory
    listing parser reads http.server's pages); ``requested`` holds every path asked for."""

    def __init__(self, wheelhouse: Path, root: Path) -> None:
        self.requested: list[str] = []
        for wheel in wheelhouse.glob("*.whl"):
            project = re.sub(r"[-_.]+", "-", wheel.name.split("-")[0]).lower()
            (root / "simple" / project).mkdir(parents=True, exist_ok=True)
            shutil.copy2(wheel, root / "simple" / project / wheel.name)
        requested = self.requested

        class Handler(SimpleHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                requested.append(self.path)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(root)))
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/simple/"

    def __enter__(self) -> SimpleIndex:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
