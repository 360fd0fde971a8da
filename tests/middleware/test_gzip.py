"""GZipMiddleware and the compression helpers."""

from __future__ import annotations

import gzip

import pytest

from framework.middleware.gzip import accepts_gzip
from framework.utils.text import compress_sequence, compress_string
from tests.middleware.views import LONG

GZIP = ["framework.middleware.gzip.GZipMiddleware"]
ACCEPT = {"Accept-Encoding": "gzip, deflate"}


def test_compresses_when_accepted(raw):
    """A long body is gzipped with Content-Length, Content-Encoding and Vary set."""
    response = raw("/long/", GZIP, headers=ACCEPT)
    assert response.headers["Content-Encoding"] == "gzip"
    assert response.headers["Vary"] == "Accept-Encoding"
    assert int(response.headers["Content-Length"]) == len(response.body) < len(LONG)
    assert gzip.decompress(response.body) == LONG


def test_not_compressed_without_accept_encoding(raw):
    """Without Accept-Encoding gzip the body is sent as is, but Vary is still set."""
    response = raw("/long/", GZIP)
    assert "Content-Encoding" not in response.headers
    assert response.headers["Vary"] == "Accept-Encoding"
    assert response.body == LONG


@pytest.mark.parametrize(
    "header, expected",
    [
        ("gzip", True),
        ("GZIP", True),
        ("deflate, gzip;q=0.5", True),
        ("gzip;q=0", False),
        ("gzip;q=0.0, *", False),
        ("*", True),
        ("*;q=0", False),
        ("deflate, br", False),
        ("x-gzip", True),
        ("gzip;q=nonsense", False),
        ("", False),
    ],
)
def test_accepts_gzip(header, expected):
    """Accept-Encoding is parsed with q-values; q=0 refuses."""
    assert accepts_gzip(header) is expected


def test_short_bodies_are_left_alone(raw):
    """Bodies under 200 bytes are not compressed (nor varied)."""
    response = raw("/plain/", GZIP, headers=ACCEPT)
    assert "Content-Encoding" not in response.headers
    assert response.body == b"plain"


def test_existing_content_encoding_is_left_alone(raw):
    """A response already encoded is not compressed again."""
    response = raw("/encoded/", GZIP, headers=ACCEPT)
    assert response.headers["Content-Encoding"] == "br"
    assert response.body == LONG


def test_incompressible_body_is_left_alone(raw):
    """When gzip would not make the body smaller, it is sent as is."""
    response = raw("/random/", GZIP, headers=ACCEPT)
    assert "Content-Encoding" not in response.headers


def test_streaming_response_is_compressed(raw):
    """Streaming bodies are compressed chunk by chunk, without Content-Length."""
    response = raw("/stream/", GZIP, headers=ACCEPT)
    assert response.headers["Content-Encoding"] == "gzip"
    assert "Content-Length" not in response.headers
    assert gzip.decompress(response.body) == LONG
    length = raw("/stream-length/", GZIP, headers=ACCEPT)
    assert "Content-Length" not in length.headers
    assert gzip.decompress(length.body) == LONG


def test_strong_etag_made_weak(raw):
    """A strong ETag becomes weak on the compressed response."""
    response = raw("/long-etag/", GZIP, headers=ACCEPT)
    assert response.headers["ETag"] == 'W/"abc"'


def test_breach_padding_varies_length():
    """Random header padding makes the compressed length vary between responses."""
    lengths = {len(compress_string(LONG, max_random_bytes=100)) for _ in range(20)}
    assert len(lengths) > 1
    assert gzip.decompress(compress_string(LONG, max_random_bytes=100)) == LONG


def test_compress_sequence_streams():
    """compress_sequence yields compressed output as input chunks arrive."""
    chunks = list(compress_sequence(iter([b"a" * 100, b"b" * 100]), max_random_bytes=10))
    assert len(chunks) >= 3
    assert gzip.decompress(b"".join(chunks)) == b"a" * 100 + b"b" * 100


def test_compress_string_deterministic_without_padding():
    """Without padding the output is deterministic (fixed mtime)."""
    assert compress_string(LONG) == compress_string(LONG)
