"""The model layer imported on a background thread while a run reads the issue and the repository."""

from __future__ import annotations

import subprocess
import sys

from booty.adapters import warmup
from tests.support.locations import SRC


def test_the_model_layer_is_imported_off_the_main_thread_and_a_model_waits_for_it():
    probe = (
        "import sys, threading\n"
        "seen = []\n"
        "class Finder:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'magentic': seen.append(threading.current_thread().name)\n"
        "sys.meta_path.insert(0, Finder())\n"
        "from booty.adapters import warmup\n"
        "assert 'magentic' not in sys.modules\n"
        "warmup.start(); warmup.wait()\n"
        "print(seen, warmup.MODEL_LAYER in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(SRC.parent)},
        check=False,
    )
    assert (done.returncode, done.stdout.strip()) == (0, "['booty-model-import'] True"), done.stderr


def test_a_failing_background_import_is_left_for_the_main_thread_to_report(monkeypatch):
    monkeypatch.setattr(warmup, "MODEL_LAYER", "booty.no_such_module")
    monkeypatch.setattr(warmup, "_thread", None)
    warmup.start()
    warmup.wait()  # nothing raised here: the thread swallowed the ImportError
    assert "booty.no_such_module" not in sys.modules
