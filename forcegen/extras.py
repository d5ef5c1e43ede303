"""The optional parts of forcegen (``pip install 'forcegen[EXTRA]'``) and the one check
that names the missing extra when a feature needs it.

``pip install forcegen`` gives the core and the CLI; each extra adds a heavy library.
"""

from __future__ import annotations

import importlib

from forcegen.errors import MissingExtra

#: extra name -> the modules it installs (the first is the one checked).
EXTRAS: dict[str, tuple[str, ...]] = {
    "postgres": ("psycopg",),
    "plot": ("matplotlib",),
    "fast": ("numba", "llvmlite"),
}


def require(extra: str, feature: str) -> None:
    """Raise MissingExtra naming ``extra`` if its library cannot be imported."""
    module = EXTRAS[extra][0]
    try:
        importlib.import_module(module)
    except ImportError:
        raise MissingExtra(
            f"{feature} needs the {extra!r} extra ({module} is not installed): "
            f"pip install 'forcegen[{extra}]'") from None
