"""``QueryDict``: the MultiValueDict behind ``request.GET`` and ``request.POST``."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qsl, quote
from urllib.parse import urlencode as _urlencode

from framework.conf import settings
from framework.core.exceptions import TooManyFieldsSent
from framework.utils.datastructures import MultiValueDict


def bytes_to_text(s: Any, encoding: str) -> Any:
    """Decode bytes with ``encoding`` (undecodable bytes become U+FFFD); leave the rest."""
    if isinstance(s, bytes):
        return str(s, encoding, "replace")
    return s


def _default_charset() -> str:
    return settings.DEFAULT_CHARSET


class QueryDict(MultiValueDict):
    """A MultiValueDict parsed from a query string, immutable unless ``mutable=True``.

    Invalid percent-encoding and undecodable bytes never raise: they are kept or
    replaced by U+FFFD. More fields than DATA_UPLOAD_MAX_NUMBER_FIELDS raise
    TooManyFieldsSent. ``copy()`` returns a mutable deep copy.
    """

    _mutable = True
    _encoding: str | None = None

    def __init__(
        self,
        query_string: str | bytes | None = None,
        mutable: bool = False,
        encoding: str | None = None,
    ):
        super().__init__()
        self.encoding = encoding or settings.DEFAULT_CHARSET
        if query_string:
            self._parse(query_string)
        self._mutable = mutable

    def _parse(self, query_string: str | bytes) -> None:
        if isinstance(query_string, bytes):
            try:
                query_string = query_string.decode(self.encoding)
            except UnicodeDecodeError:
                # Undecodable raw bytes: read them as latin-1 rather than fail.
                query_string = query_string.decode("iso-8859-1")
        max_fields = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
        try:
            pairs = parse_qsl(
                query_string,
                keep_blank_values=True,
                encoding=self.encoding,
                errors="replace",
                max_num_fields=max_fields,
            )
        except ValueError as exc:
            raise TooManyFieldsSent(
                "The number of GET/POST parameters exceeded "
                f"settings.DATA_UPLOAD_MAX_NUMBER_FIELDS ({max_fields}); raise the setting "
                "if this request is legitimate."
            ) from exc
        # parse_qsl gives str pairs already: fill the lists directly (a hot path).
        get = dict.get
        for key, value in pairs:
            values = get(self, key)
            if values is None:
                dict.__setitem__(self, key, [value])
            else:
                values.append(value)

    @classmethod
    def fromkeys(
        cls,
        iterable: Iterable,
        value: Any = "",
        mutable: bool = False,
        encoding: str | None = None,
    ) -> QueryDict:
        """A QueryDict with each key of ``iterable`` set to ``value``."""
        result = cls("", mutable=True, encoding=encoding)
        for key in iterable:
            result.appendlist(key, value)
        if not mutable:
            result._mutable = False
        return result

    @property
    def encoding(self) -> str:
        if self._encoding is None:
            self._encoding = _default_charset()
        return self._encoding

    @encoding.setter
    def encoding(self, value: str) -> None:
        self._encoding = value

    def _assert_mutable(self) -> None:
        if not self._mutable:
            raise AttributeError(
                "This QueryDict instance is immutable; use .copy() to get a mutable one."
            )

    def __setitem__(self, key: Any, value: Any) -> None:
        self._assert_mutable()
        key = bytes_to_text(key, self.encoding)
        value = bytes_to_text(value, self.encoding)
        super().__setitem__(key, value)

    def __delitem__(self, key: Any) -> None:
        self._assert_mutable()
        super().__delitem__(key)

    def __copy__(self) -> QueryDict:
        result = self.__class__("", mutable=True, encoding=self.encoding)
        for key, value in self.lists():
            result.setlist(key, value)
        return result

    def __deepcopy__(self, memo: dict) -> QueryDict:
        result = self.__class__("", mutable=True, encoding=self.encoding)
        memo[id(self)] = result
        for key, value in self.lists():
            result.setlist(copy.deepcopy(key, memo), copy.deepcopy(value, memo))
        return result

    def setlist(self, key: Any, list_: list) -> None:
        self._assert_mutable()
        key = bytes_to_text(key, self.encoding)
        list_ = [bytes_to_text(elt, self.encoding) for elt in list_]
        super().setlist(key, list_)

    def setlistdefault(self, key: Any, default_list: list | None = None) -> list:
        self._assert_mutable()
        return super().setlistdefault(key, default_list)

    def appendlist(self, key: Any, value: Any) -> None:
        self._assert_mutable()
        key = bytes_to_text(key, self.encoding)
        value = bytes_to_text(value, self.encoding)
        super().appendlist(key, value)

    def pop(self, key: Any, *args: Any) -> Any:
        self._assert_mutable()
        return super().pop(key, *args)

    def popitem(self) -> tuple:
        self._assert_mutable()
        return super().popitem()

    def clear(self) -> None:
        self._assert_mutable()
        super().clear()

    def setdefault(self, key: Any, default: Any = None) -> Any:
        self._assert_mutable()
        key = bytes_to_text(key, self.encoding)
        default = bytes_to_text(default, self.encoding)
        return super().setdefault(key, default)

    def update(self, *args: Any, **kwargs: Any) -> None:
        self._assert_mutable()
        super().update(*args, **kwargs)

    def copy(self) -> QueryDict:
        """Return a mutable deep copy."""
        return self.__deepcopy__({})

    def urlencode(self, safe: str | None = None) -> str:
        """Encode as a query string; characters in ``safe`` are not percent-encoded.

        >>> q = QueryDict(mutable=True)
        >>> q["next"] = "/a&b/"
        >>> q.urlencode(safe="/")
        'next=/a%26b/'
        """
        output = []
        if safe:
            safe_bytes = safe.encode(self.encoding)

            def encode(k: bytes, v: bytes) -> str:
                return f"{quote(k, safe_bytes)}={quote(v, safe_bytes)}"

        else:

            def encode(k: bytes, v: bytes) -> str:
                return _urlencode({k: v})

        for key, values in self.lists():
            key_bytes = key.encode(self.encoding)
            output.extend(encode(key_bytes, str(v).encode(self.encoding)) for v in values)
        return "&".join(output)
