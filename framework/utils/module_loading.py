"""Import objects by dotted path."""

from __future__ import annotations

import importlib
from typing import Any


def import_string(dotted_path: str) -> Any:
    """Import ``"package.module.Attribute"`` and return the attribute.

    Raises ImportError naming the path when the module or the attribute is missing.
    """
    try:
        module_path, attr = dotted_path.rsplit(".", 1)
    except ValueError:
        raise ImportError(f"{dotted_path!r} doesn't look like a module path.") from None
    module = importlib.import_module(module_path)
    try:
        return getattr(module, attr)
    except AttributeError:
        raise ImportError(
            f"Module {module_path!r} does not define a {attr!r} attribute/class."
        ) from None


def module_has_submodule(package: Any, module_name: str) -> bool:
    """True if ``package`` (a module object) has a submodule named ``module_name``."""
    import importlib.util

    if not hasattr(package, "__path__"):
        return False
    return importlib.util.find_spec(f"{package.__name__}.{module_name}") is not None
