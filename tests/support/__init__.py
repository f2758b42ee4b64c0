"""Helpers shared by the test tiers and the benches (imported from here, never from a conftest.py).

pytest rewrites the asserts of every module of this package, so a helper's failed check shows its
values (``tests.support.faults.check_persistent`` and the like).
"""

import pkgutil

import pytest

pytest.register_assert_rewrite(*(f"{__name__}.{module.name}" for module in pkgutil.iter_modules(__path__)))
