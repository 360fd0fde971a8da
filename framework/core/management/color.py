"""Terminal colours for management command output (Django's ``color_style``).

A style is an object whose attributes (``SUCCESS``, ``ERROR``, ``SQL_KEYWORD`` ...)
are functions wrapping text in ANSI escapes, or returning it unchanged when colour
is off. ``FRAMEWORK_COLORS`` picks a palette (``dark``, ``light``, ``nocolor``) and
overrides roles: ``FRAMEWORK_COLORS="light;ERROR=yellow/blue,blink"``.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable

_COLORS = ("black", "red", "green", "yellow", "blue", "magenta", "cyan", "white")
_FOREGROUND = {name: f"3{i}" for i, name in enumerate(_COLORS)}
_BACKGROUND = {name: f"4{i}" for i, name in enumerate(_COLORS)}
_OPTIONS = {"bold": "1", "underscore": "4", "blink": "5", "reverse": "7", "conceal": "8"}
_RESET = "\x1b[0m"

ROLES = (
    "ERROR",
    "SUCCESS",
    "WARNING",
    "NOTICE",
    "SQL_FIELD",
    "SQL_COLTYPE",
    "SQL_KEYWORD",
    "SQL_TABLE",
    "HTTP_INFO",
    "HTTP_SUCCESS",
    "HTTP_REDIRECT",
    "HTTP_NOT_MODIFIED",
    "HTTP_BAD_REQUEST",
    "HTTP_NOT_FOUND",
    "HTTP_SERVER_ERROR",
    "MIGRATE_HEADING",
    "MIGRATE_LABEL",
)

DEFAULT_PALETTE = "dark"
PALETTES: dict[str, dict[str, dict]] = {
    "nocolor": {role: {} for role in ROLES},
    "dark": {
        "ERROR": {"fg": "red", "opts": ("bold",)},
        "SUCCESS": {"fg": "green", "opts": ("bold",)},
        "WARNING": {"fg": "yellow", "opts": ("bold",)},
        "NOTICE": {"fg": "red"},
        "SQL_FIELD": {"fg": "green", "opts": ("bold",)},
        "SQL_COLTYPE": {"fg": "green"},
        "SQL_KEYWORD": {"fg": "yellow"},
        "SQL_TABLE": {"opts": ("bold",)},
        "HTTP_INFO": {"opts": ("bold",)},
        "HTTP_SUCCESS": {},
        "HTTP_REDIRECT": {"fg": "green"},
        "HTTP_NOT_MODIFIED": {"fg": "cyan"},
        "HTTP_BAD_REQUEST": {"fg": "red", "opts": ("bold",)},
        "HTTP_NOT_FOUND": {"fg": "yellow"},
        "HTTP_SERVER_ERROR": {"fg": "magenta", "opts": ("bold",)},
        "MIGRATE_HEADING": {"fg": "cyan", "opts": ("bold",)},
        "MIGRATE_LABEL": {"opts": ("bold",)},
    },
}
PALETTES["light"] = {
    **PALETTES["dark"],
    "SUCCESS": {"fg": "green", "opts": ("bold",)},
    "WARNING": {"fg": "yellow"},
    "SQL_FIELD": {"fg": "green", "opts": ("bold",)},
    "SQL_KEYWORD": {"fg": "blue"},
    "SQL_TABLE": {"opts": ("bold",)},
    "HTTP_NOT_MODIFIED": {"fg": "green"},
    "HTTP_NOT_FOUND": {"fg": "red"},
    "MIGRATE_HEADING": {"fg": "cyan", "opts": ("bold",)},
}


def colorize(text: str = "", opts: tuple[str, ...] = (), fg: str = "", bg: str = "") -> str:
    """Wrap ``text`` in the ANSI codes for ``fg``/``bg`` colours and ``opts``."""
    codes = [_FOREGROUND[fg]] if fg else []
    if bg:
        codes.append(_BACKGROUND[bg])
    codes.extend(_OPTIONS[o] for o in opts if o in _OPTIONS)
    if not codes:
        return text
    return f"\x1b[{';'.join(codes)}m{text}{_RESET}"


def parse_color_setting(config: str) -> dict[str, dict] | None:
    """Parse a ``FRAMEWORK_COLORS`` value into a palette; None means no colour."""
    if not config:
        return PALETTES[DEFAULT_PALETTE]
    palette = dict(PALETTES["nocolor"])
    for part in config.split(";"):
        part = part.strip()
        if part in PALETTES:
            palette.update(PALETTES[part])
            continue
        role, _, spec = part.partition("=")
        role = role.upper()
        if role not in ROLES or not spec:
            continue
        colors, _, opts = spec.partition(",")
        fg, _, bg = colors.partition("/")
        definition: dict = {}
        if fg in _FOREGROUND:
            definition["fg"] = fg
        if bg in _BACKGROUND:
            definition["bg"] = bg
        chosen = tuple(o for o in opts.split(",") if o in _OPTIONS)
        if chosen:
            definition["opts"] = chosen
        palette[role] = definition
    if palette == PALETTES["nocolor"]:
        return None
    return palette


def supports_color() -> bool:
    """True if stdout is a terminal that understands ANSI colours."""
    if os.environ.get("TERM") == "dumb":
        return False
    return hasattr(sys.stdout, "isatty") and sys.stdout.isatty()


class Style:
    """Role name -> function that styles text (identity when colour is off)."""

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"


def _identity(text: str) -> str:
    return text


def make_style(config: str = "") -> Style:
    """Build a Style from a ``FRAMEWORK_COLORS``-style configuration string."""
    style = Style()
    palette = parse_color_setting(config)
    for role in ROLES:
        definition = palette.get(role, {}) if palette else {}
        func: Callable[[str], str]
        if definition:
            func = functools.partial(_apply, definition)
        else:
            func = _identity
        setattr(style, role, func)
    # Django's aliases for the same roles.
    style.ERROR_OUTPUT = style.ERROR
    return style


def _apply(definition: dict, text: str) -> str:
    return colorize(text, **definition)


@functools.cache
def no_style() -> Style:
    """A Style that leaves text unchanged."""
    return make_style("nocolor")


def color_style(force_color: bool = False) -> Style:
    """The terminal's Style: coloured when supported (or forced), plain otherwise."""
    if not force_color and not supports_color():
        return no_style()
    return make_style(os.environ.get("FRAMEWORK_COLORS", ""))
