"""The demo's DATABASES entry: SQLite in demo/var/ unless DEMO_DATABASE_URL names another.

``DEMO_DATABASE_URL`` takes ``postgresql://USER[:PASSWORD]@HOST[:PORT]/NAME`` (also
``postgres://``; an empty host means the Unix socket) or ``sqlite:///ABSOLUTE/PATH``.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from framework.core.exceptions import ImproperlyConfigured


def database_from_url(url: str | None, default_sqlite: Path) -> dict:
    """A DATABASES["default"] entry for ``url`` (None or "": SQLite at ``default_sqlite``)."""
    if not url:
        return {"ENGINE": "framework.db.backends.sqlite3", "NAME": default_sqlite}
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        # sqlite:////srv/db.sqlite3 is absolute, sqlite:///db.sqlite3 relative (as usual).
        name = unquote(parts.path[1:])
        if not name:
            raise ImproperlyConfigured(
                f"DEMO_DATABASE_URL={url!r} names no file: use sqlite:////absolute/path.sqlite3"
            )
        return {"ENGINE": "framework.db.backends.sqlite3", "NAME": name}
    if parts.scheme in ("postgresql", "postgres"):
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise ImproperlyConfigured(
                f"DEMO_DATABASE_URL={url!r} names no database: add it as the path, "
                "e.g. postgresql://postgres@127.0.0.1:5432/newsroom"
            )
        return {
            "ENGINE": "framework.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
        }
    raise ImproperlyConfigured(
        f"DEMO_DATABASE_URL={url!r} has an unsupported scheme {parts.scheme!r}: "
        "use postgresql://... or sqlite:///..."
    )
