"""Sample sources shared by the tests of the index and of the scanners."""

PY = '''"""Module doc."""
import os


class Parser(Base,
             Mixin):
    """Parse things."""

    def parse(self, text: str) -> "Tree":
        """Return the tree."""
        def helper():
            return 1
        return helper()

    async def close(self):
        pass


def tokenize(text):
    return text.split()


if os.name == "nt":
    def windows_only():
        pass
'''
