"""framework.utils.encoding."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from framework.utils.encoding import (
    DjangoUnicodeDecodeError,
    FrameworkUnicodeDecodeError,
    escape_uri_path,
    filepath_to_uri,
    force_bytes,
    force_str,
    iri_to_uri,
    punycode,
    repercent_broken_unicode,
    smart_bytes,
    smart_str,
    uri_to_iri,
)
from framework.utils.functional import lazy


def test_force_str():
    """force_str decodes bytes, stringifies objects, keeps protected types on request."""
    assert force_str(b"caf\xc3\xa9") == "café"
    assert force_str(b"caf\xe9", "latin-1") == "café"
    assert force_str(12) == "12"
    assert force_str(None, strings_only=True) is None
    today = datetime.date.today()
    assert force_str(today, strings_only=True) is today
    assert force_str(Decimal("1.5"), strings_only=True) == Decimal("1.5")
    assert force_str(b"\xff", errors="replace") == "\ufffd"


def test_force_str_error_shows_object():
    """A decoding failure raises FrameworkUnicodeDecodeError quoting the value."""
    with pytest.raises(FrameworkUnicodeDecodeError) as info:
        force_str(b"\xffabc")
    assert "b'\\xffabc'" in str(info.value)
    assert DjangoUnicodeDecodeError is FrameworkUnicodeDecodeError
    assert isinstance(info.value, UnicodeDecodeError)


def test_force_bytes():
    """force_bytes encodes text, re-encodes bytes for another charset, keeps memoryview data."""
    assert force_bytes("café") == b"caf\xc3\xa9"
    assert force_bytes("café", "latin-1") == b"caf\xe9"
    assert force_bytes(b"caf\xc3\xa9", "latin-1") == b"caf\xe9"
    assert force_bytes(memoryview(b"mv")) == b"mv"
    assert force_bytes(5) == b"5"
    assert force_bytes(None, strings_only=True) is None


def test_smart_keeps_lazy():
    """smart_str/smart_bytes leave lazy objects lazy."""
    lazy_text = lazy(lambda: "x", str)()
    assert smart_str(lazy_text) is lazy_text
    assert smart_bytes(lazy_text) is lazy_text
    assert smart_str(b"y") == "y"


@pytest.mark.parametrize(
    "iri, uri",
    [
        ("red%09rosé#red", "red%09ros%C3%A9#red"),
        ("/blog/for/Jürgen Münster/", "/blog/for/J%C3%BCrgen%20M%C3%BCnster/"),
        ("locations/?place=Paris & Orléans", "locations/?place=Paris%20&%20Orl%C3%A9ans"),
        ("/a\r\nb", "/a%0D%0Ab"),
        ("/already%20encoded", "/already%20encoded"),
    ],
)
def test_iri_to_uri(iri, uri):
    """iri_to_uri percent-encodes non-ASCII and unsafe characters, is idempotent."""
    assert iri_to_uri(iri) == uri
    assert iri_to_uri(uri) == uri


def test_iri_to_uri_none_and_lazy():
    """None stays None; lazy strings are evaluated."""
    assert iri_to_uri(None) is None
    assert iri_to_uri(lazy(lambda: "/é", str)()) == "/%C3%A9"


@pytest.mark.parametrize(
    "uri, iri",
    [
        ("/%E2%99%A5%E2%99%A5/", "/♥♥/"),
        ("/%E2%99%A5%E2%99%A5/?utf8=%E2%9C%93", "/♥♥/?utf8=✓"),
        ("/%41%5a%6B/", "/AZk/"),
        ("/%2F%3F%25/", "/%2F%3F%25/"),  # reserved characters stay encoded
        ("/%FF%FE/", "/%FF%FE/"),  # broken UTF-8 stays encoded
        ("/%zz/", "/%zz/"),
    ],
)
def test_uri_to_iri(uri, iri):
    """uri_to_iri decodes only UTF-8 and unreserved octets."""
    assert uri_to_iri(uri) == iri


def test_uri_to_iri_none():
    """None stays None."""
    assert uri_to_iri(None) is None


def test_escape_uri_path():
    """escape_uri_path keeps path characters and encodes the rest."""
    assert escape_uri_path("/;some/=awful/?path/:with/@lots/&of/+awful/chars") == (
        "/%3Bsome/%3Dawful/%3Fpath/:with/@lots/&of/+awful/chars"
    )
    assert escape_uri_path("/foo#bar") == "/foo%23bar"
    assert escape_uri_path("/é") == "/%C3%A9"


def test_repercent_broken_unicode():
    """Bytes that are not UTF-8 are percent-encoded, valid UTF-8 is kept."""
    assert repercent_broken_unicode(b"/caf\xc3\xa9/") == b"/caf\xc3\xa9/"
    assert repercent_broken_unicode(b"/\xff\xc3\xa9\xfe/") == b"/%FF\xc3\xa9%FE/"
    long_bad = b"\xff" * 5000
    assert repercent_broken_unicode(long_bad) == b"%FF" * 5000


def test_punycode_and_filepath():
    """punycode gives the IDNA form; filepath_to_uri turns backslashes into slashes."""
    assert punycode("bücher.example") == "xn--bcher-kva.example"
    assert filepath_to_uri("dir\\file name.txt") == "dir/file%20name.txt"
    assert filepath_to_uri(None) is None
