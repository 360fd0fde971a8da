"""Media types of the Accept header, for ``request.accepts()`` and ``get_preferred_type()``."""

from __future__ import annotations

from typing import Any

from framework.utils.http import parse_header_parameters


class MediaType:
    """One media range of an Accept header: ``text/html;level=1;q=0.8``."""

    def __init__(self, media_type_raw_line: str | bytes | None):
        if isinstance(media_type_raw_line, bytes):
            media_type_raw_line = media_type_raw_line.decode("latin-1")
        try:
            full_type, self.params = parse_header_parameters(media_type_raw_line or "")
        except ValueError:
            full_type, self.params = "", {}
        self.main_type, _, self.sub_type = full_type.partition("/")

    def __str__(self) -> str:
        params = "".join(f"; {key}={value}" for key, value in self.params.items())
        sub_type = f"/{self.sub_type}" if self.sub_type else ""
        return f"{self.main_type}{sub_type}{params}"

    def __repr__(self) -> str:
        return f"<{type(self).__qualname__}: {self}>"

    @property
    def is_all_types(self) -> bool:
        return self.main_type == "*" and self.sub_type == "*"

    @property
    def range_params(self) -> dict[str, str]:
        """The parameters other than the quality ``q``."""
        return {key: value for key, value in self.params.items() if key != "q"}

    @property
    def quality(self) -> float:
        """The ``q`` parameter (1 when missing or invalid)."""
        try:
            quality = float(self.params.get("q", 1))
        except ValueError:
            return 1
        if not 0 <= quality <= 1:
            return 1
        return round(quality, 3)

    @property
    def specificity(self) -> int:
        """0 for ``*/*``, 1 for ``type/*``, 2 for ``type/sub``, 3 with parameters."""
        if self.main_type == "*":
            return 0
        if self.sub_type == "*":
            return 1
        if not self.range_params:
            return 2
        return 3

    def match(self, other: Any) -> bool:
        """True if ``other`` (a MediaType or a string) falls within this media range."""
        if not other:
            return False
        if not isinstance(other, MediaType):
            other = MediaType(other)
        types = (self.main_type, other.main_type, self.sub_type, other.sub_type)
        if not all(types):
            return False
        for mine, theirs in ((self.main_type, other.main_type), (self.sub_type, other.sub_type)):
            if mine != theirs and mine != "*" and theirs != "*":
                return False
        # A range with parameters only matches a type with the same parameters.
        mine_params = self.range_params
        if mine_params and mine_params != other.range_params:
            return False
        return True


def parse_accept_header(header: str) -> list[MediaType]:
    """The media ranges of an Accept header, most preferred first; q=0 ones left out."""
    types = [MediaType(token) for token in header.split(",") if token.strip()]
    types = [t for t in types if t.main_type and t.sub_type and t.quality != 0]
    return sorted(types, key=lambda t: (t.quality, t.specificity), reverse=True)
