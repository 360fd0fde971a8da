"""``GZipMiddleware``: compress responses for clients that accept gzip.

Security note (BREACH, https://www.breachattack.com/): compressing a response that
reflects attacker-controlled input next to a secret (a CSRF token, a session value)
lets an attacker who can observe response sizes recover the secret byte by byte.
Random padding in the gzip header (``max_random_bytes``) blunts the attack but does not
remove it; do not gzip pages that mix secrets and user input, or mask such secrets
per response as the CSRF middleware does.
"""

from __future__ import annotations

from typing import Any

from framework.middleware.base import MiddlewareMixin
from framework.utils.cache import patch_vary_headers
from framework.utils.text import compress_sequence, compress_string

# Below this size the gzip header and trailer outweigh any saving.
MIN_COMPRESS_LENGTH = 200


def accepts_gzip(accept_encoding: str) -> bool:
    """Return True if an Accept-Encoding value allows gzip (honouring ``q=0``)."""
    star = None
    for item in accept_encoding.split(","):
        coding, _, params = item.partition(";")
        coding = coding.strip().lower()
        if coding not in ("gzip", "x-gzip", "*"):
            continue
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value.strip())
                except ValueError:
                    quality = 0.0
        if coding == "*":
            star = quality > 0
        else:
            return quality > 0
    return bool(star)


class GZipMiddleware(MiddlewareMixin):
    """Gzip response bodies of 200 bytes or more, streaming ones included.

    Adds ``Vary: Accept-Encoding`` and turns a strong ETag weak (RFC 9110 section 8.8.1).
    See the module docstring for the BREACH caveat.
    """

    max_random_bytes = 100

    def process_response(self, request: Any, response: Any) -> Any:
        if not response.streaming and len(response.content) < MIN_COMPRESS_LENGTH:
            return response
        if "Content-Encoding" in response.headers:
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        if not accepts_gzip(request.META.get("HTTP_ACCEPT_ENCODING", "")):
            return response
        if response.streaming:
            response.streaming_content = compress_sequence(
                response.streaming_content, max_random_bytes=self.max_random_bytes
            )
            # The compressed length is unknown until the stream ends.
            if "Content-Length" in response.headers:
                del response.headers["Content-Length"]
        else:
            compressed = compress_string(response.content, max_random_bytes=self.max_random_bytes)
            if len(compressed) >= len(response.content):
                return response
            response.content = compressed
            response.headers["Content-Length"] = str(len(compressed))
        etag = response.headers.get("ETag")
        if etag and etag.startswith('"'):
            response.headers["ETag"] = "W/" + etag
        response.headers["Content-Encoding"] = "gzip"
        return response
