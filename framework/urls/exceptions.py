"""URL exceptions: ``Resolver404`` (no pattern matched) and ``NoReverseMatch``."""

from __future__ import annotations

from framework.http import Http404


class Resolver404(Http404):
    """No URL pattern matched; ``args[0]`` is a dict with ``path`` and ``tried``."""

    @property
    def path(self) -> str | None:
        """The (remaining) path that failed to resolve."""
        return self.args[0].get("path") if self.args and isinstance(self.args[0], dict) else None

    @property
    def tried(self) -> list | None:
        """The chains of patterns tried, as lists from outermost to innermost."""
        return self.args[0].get("tried") if self.args and isinstance(self.args[0], dict) else None


class NoReverseMatch(Exception):
    """``reverse()`` found no pattern for the name and arguments given."""
