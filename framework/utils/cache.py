"""HTTP caching helpers: Cache-Control, Vary, Expires and conditional responses.

Conditional requests follow RFC 9110 section 13.2.2: If-Match, then
If-Unmodified-Since, then If-None-Match, then If-Modified-Since.
"""

from __future__ import annotations

import hashlib
import re
import time
from typing import Any

from framework.conf import settings
from framework.utils.http import http_date, parse_etags, parse_http_date_safe, quote_etag
from framework.utils.log import log_response

_DELIMITER_RE = re.compile(r"\s*,\s*")

# Headers a 304 keeps from the full response (RFC 9110 section 15.4.5), plus Last-Modified.
_NOT_MODIFIED_HEADERS = (
    "Cache-Control",
    "Content-Location",
    "Date",
    "ETag",
    "Expires",
    "Last-Modified",
    "Vary",
)


def _split_directive(field: str) -> tuple[str, Any]:
    name, sep, value = field.partition("=")
    return name.strip().lower(), (value.strip() if sep else True)


def _format_directive(name: str, value: Any) -> str:
    return name if value is True else f"{name}={value}"


def patch_cache_control(response: Any, **kwargs: Any) -> None:
    """Add or update Cache-Control directives; ``max_age=5`` becomes ``max-age=5``.

    An existing ``max-age`` keeps the smaller of the two values; ``public`` and
    ``private`` replace each other; ``no_cache`` may name several fields.
    """
    directives: dict[str, Any] = {}
    header = response.headers.get("Cache-Control")
    if header:
        for field in _DELIMITER_RE.split(header):
            if not field:
                continue
            name, value = _split_directive(field)
            if name == "no-cache":
                directives.setdefault(name, set()).add(value)
            else:
                directives[name] = value
    if "max-age" in directives and "max_age" in kwargs:
        try:
            kwargs["max_age"] = min(int(directives["max-age"]), kwargs["max_age"])
        except (TypeError, ValueError):
            pass
    if "private" in directives and "public" in kwargs:
        del directives["private"]
    elif "public" in directives and "private" in kwargs:
        del directives["public"]
    for key, value in kwargs.items():
        name = key.replace("_", "-")
        if name == "no-cache":
            directives.setdefault(name, set()).add(value)
        else:
            directives[name] = value
    parts = []
    for name, value in directives.items():
        if isinstance(value, set):
            # A bare no-cache covers every field-specific one.
            values = [True] if True in value else sorted(value, key=str)
            parts.extend(_format_directive(name, v) for v in values)
        else:
            parts.append(_format_directive(name, value))
    response.headers["Cache-Control"] = ", ".join(parts)


def get_max_age(response: Any) -> int | None:
    """Return the ``max-age`` of the response's Cache-Control as an int, or None."""
    header = response.headers.get("Cache-Control")
    if not header:
        return None
    for field in _DELIMITER_RE.split(header):
        name, value = _split_directive(field)
        if name == "max-age":
            try:
                return int(value)
            except (TypeError, ValueError):
                return None
    return None


def set_response_etag(response: Any) -> Any:
    """Set a strong ETag from the MD5 of a non-streaming, non-empty body."""
    if not response.streaming and response.content:
        digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
        response.headers["ETag"] = quote_etag(digest)
    return response


def patch_response_headers(response: Any, cache_timeout: int | None = None) -> None:
    """Set Expires (unless present) and ``max-age`` to ``cache_timeout`` seconds."""
    if cache_timeout is None:
        cache_timeout = settings.CACHE_MIDDLEWARE_SECONDS
    cache_timeout = max(cache_timeout, 0)
    if "Expires" not in response.headers:
        response.headers["Expires"] = http_date(time.time() + cache_timeout)
    patch_cache_control(response, max_age=cache_timeout)


def add_never_cache_headers(response: Any) -> None:
    """Mark the response as never to be cached by browsers or proxies."""
    patch_response_headers(response, cache_timeout=-1)
    patch_cache_control(response, no_cache=True, no_store=True, must_revalidate=True, private=True)


def patch_vary_headers(response: Any, newheaders: list[str] | tuple[str, ...]) -> None:
    """Add header names to Vary, case-insensitively, without duplicates; ``*`` wins."""
    header = response.headers.get("Vary")
    vary = [v for v in _DELIMITER_RE.split(header) if v] if header else []
    present = {v.lower() for v in vary}
    for name in newheaders:
        if name.lower() not in present:
            vary.append(name)
            present.add(name.lower())
    response.headers["Vary"] = "*" if "*" in vary else ", ".join(vary)


def has_vary_header(response: Any, header_query: str) -> bool:
    """Return True if the response's Vary header names ``header_query``."""
    header = response.headers.get("Vary")
    if not header:
        return False
    return header_query.lower() in {v.lower() for v in _DELIMITER_RE.split(header)}


def _strip_weak(etag: str) -> str:
    return etag[2:] if etag.startswith("W/") else etag


def _if_match_passes(target: str | None, etags: list[str]) -> bool:
    if not target:
        return False
    if etags == ["*"]:
        return True
    # Strong comparison: a weak ETag never matches.
    return not target.startswith("W/") and target in etags


def _if_none_match_passes(target: str | None, etags: list[str]) -> bool:
    if not target:
        return True
    if etags == ["*"]:
        return False
    # Weak comparison.
    return _strip_weak(target) not in {_strip_weak(e) for e in etags}


def _precondition_failed(request: Any) -> Any:
    from framework.http import HttpResponse

    response = HttpResponse(status=412)
    log_response("Precondition Failed: %s", request.path, response=response, request=request)
    return response


def _not_modified(request: Any, response: Any = None) -> Any:
    from framework.http import HttpResponseNotModified

    new_response = HttpResponseNotModified()
    if response is not None:
        for name in _NOT_MODIFIED_HEADERS:
            if name in response.headers:
                new_response.headers[name] = response.headers[name]
        new_response.cookies = response.cookies
    return new_response


def get_conditional_response(
    request: Any,
    etag: str | None = None,
    last_modified: int | None = None,
    response: Any = None,
) -> Any:
    """Return a 304 or 412 when the request's preconditions say so, else ``response``.

    ``last_modified`` is a Unix timestamp (int); ``etag`` a quoted ETag.
    """
    if response is not None and not 200 <= response.status_code < 300:
        return response
    meta = request.META
    if_match = parse_etags(meta.get("HTTP_IF_MATCH", ""))
    if_none_match = parse_etags(meta.get("HTTP_IF_NONE_MATCH", ""))
    if_unmodified_since = meta.get("HTTP_IF_UNMODIFIED_SINCE")
    if_unmodified_since = if_unmodified_since and parse_http_date_safe(if_unmodified_since)
    if_modified_since = meta.get("HTTP_IF_MODIFIED_SINCE")
    if_modified_since = if_modified_since and parse_http_date_safe(if_modified_since)
    safe = request.method in ("GET", "HEAD")

    if if_match and not _if_match_passes(etag, if_match):
        return _precondition_failed(request)
    if (
        not if_match
        and if_unmodified_since
        and not (last_modified and last_modified <= if_unmodified_since)
    ):
        return _precondition_failed(request)
    if if_none_match and not _if_none_match_passes(etag, if_none_match):
        return _not_modified(request, response) if safe else _precondition_failed(request)
    if (
        not if_none_match
        and if_modified_since
        and last_modified
        and last_modified <= if_modified_since
        and safe
    ):
        return _not_modified(request, response)
    return response


# ---------------------------------------------------------------- page cache keys
# Used by cache_page and the cache middleware: the header key stores which request
# headers the response varies on; the page key hashes the URL and those headers.


def _i18n_cache_key_suffix(request: Any, cache_key: str) -> str:
    if settings.USE_I18N:
        language = getattr(request, "LANGUAGE_CODE", None) or settings.LANGUAGE_CODE
        cache_key += f".{language}"
    return cache_key


def _generate_cache_key(request: Any, method: str, headerlist: list[str], key_prefix: str) -> str:
    ctx = hashlib.md5(usedforsecurity=False)
    for header in headerlist:
        value = request.META.get(header)
        if value is not None:
            ctx.update(value.encode())
    url = hashlib.md5(request.build_absolute_uri().encode(), usedforsecurity=False)
    cache_key = (
        f"views.decorators.cache.cache_page.{key_prefix}.{method}."
        f"{url.hexdigest()}.{ctx.hexdigest()}"
    )
    return _i18n_cache_key_suffix(request, cache_key)


def _generate_cache_header_key(key_prefix: str, request: Any) -> str:
    url = hashlib.md5(request.build_absolute_uri().encode(), usedforsecurity=False)
    cache_key = f"views.decorators.cache.cache_header.{key_prefix}.{url.hexdigest()}"
    return _i18n_cache_key_suffix(request, cache_key)


def get_cache_key(
    request: Any, key_prefix: str | None = None, method: str = "GET", cache: Any = None
) -> str | None:
    """Return the page cache key of ``request``, or None if no header list was learnt."""
    from framework.core.cache import caches

    if key_prefix is None:
        key_prefix = settings.CACHE_MIDDLEWARE_KEY_PREFIX
    cache_key = _generate_cache_header_key(key_prefix, request)
    if cache is None:
        cache = caches[settings.CACHE_MIDDLEWARE_ALIAS]
    headerlist = cache.get(cache_key)
    if headerlist is None:
        return None
    return _generate_cache_key(request, method, headerlist, key_prefix)


def learn_cache_key(
    request: Any,
    response: Any,
    cache_timeout: int | None = None,
    key_prefix: str | None = None,
    cache: Any = None,
) -> str:
    """Store the request headers ``response`` varies on; return the page cache key."""
    from framework.core.cache import caches

    if key_prefix is None:
        key_prefix = settings.CACHE_MIDDLEWARE_KEY_PREFIX
    if cache_timeout is None:
        cache_timeout = settings.CACHE_MIDDLEWARE_SECONDS
    cache_key = _generate_cache_header_key(key_prefix, request)
    if cache is None:
        cache = caches[settings.CACHE_MIDDLEWARE_ALIAS]
    headerlist = []
    header = response.headers.get("Vary")
    if header:
        for name in _DELIMITER_RE.split(header):
            name = name.upper().replace("-", "_")
            if not name:
                continue
            # The language is already in the key when USE_I18N.
            if name == "ACCEPT_LANGUAGE" and settings.USE_I18N:
                continue
            headerlist.append(name if name.startswith("CONTENT_") else "HTTP_" + name)
        headerlist.sort()
    cache.set(cache_key, headerlist, cache_timeout)
    return _generate_cache_key(request, request.method, headerlist, key_prefix)
