"""The private Jinja2 environment that renders the framework's own pages.

Error and debug pages must render whatever the project's TEMPLATES say (or when the
template layer itself is broken), so they never go through the public template layer.
"""

from __future__ import annotations

import functools
from typing import Any

import jinja2


@functools.cache
def environment() -> jinja2.Environment:
    """Return the environment, built once per process."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("framework.views", "templates"),
        autoescape=jinja2.select_autoescape(["html"], default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_page(name: str, context: dict[str, Any]) -> str:
    """Render ``framework/<name>`` with ``context``."""
    return environment().get_template(f"framework/{name}").render(context)
