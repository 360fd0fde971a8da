"""``get_callable``: a view given as a dotted path, imported and checked once."""

from __future__ import annotations

import functools
import importlib
from typing import Any

from framework.core.exceptions import ViewDoesNotExist
from framework.utils.module_loading import module_has_submodule


@functools.cache
def get_callable(lookup_view: Any) -> Any:
    """Return ``lookup_view`` if callable, else import the view its dotted path names.

    Raises ImportError for a path without a module, ViewDoesNotExist when the module
    or the attribute is missing or the attribute is not callable.
    """
    if callable(lookup_view):
        return lookup_view
    if not isinstance(lookup_view, str):
        raise ViewDoesNotExist(f"{lookup_view!r} is not a callable or a dot-notation path.")
    mod_name, func_name = get_mod_func(lookup_view)
    if not func_name:  # no "." in lookup_view
        raise ImportError(f"Could not import {lookup_view!r}. The path must be fully qualified.")
    try:
        module = importlib.import_module(mod_name)
    except ImportError:
        parent, submodule = get_mod_func(mod_name)
        if submodule and not module_has_submodule(importlib.import_module(parent), submodule):
            raise ViewDoesNotExist(
                f"Could not import {lookup_view!r}. Parent module {mod_name} does not exist."
            ) from None
        raise
    try:
        view = getattr(module, func_name)
    except AttributeError:
        raise ViewDoesNotExist(
            f"Could not import {lookup_view!r}. View does not exist in module {mod_name}."
        ) from None
    if not callable(view):
        raise ViewDoesNotExist(f"Could not import '{mod_name}.{func_name}'. View is not callable.")
    return view


def get_mod_func(callback: str) -> tuple[str, str]:
    """Split ``"path.to.view"`` into ``("path.to", "view")``; ``("x", "")`` without a dot."""
    dot = callback.rfind(".")
    if dot == -1:
        return callback, ""
    return callback[:dot], callback[dot + 1 :]
