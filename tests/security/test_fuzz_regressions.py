"""Inputs the atheris fuzzers found (tests/reliability/test_fuzz.py), kept as regressions."""

from __future__ import annotations

from framework.utils.http import parse_header_parameters
from tests.reliability.fuzz_targets import post_request


def test_extended_parameter_with_nul_in_charset_is_decoded_as_utf8():
    """``name*=utf\\x00''v``: the codec registry refuses the charset with ValueError (not
    LookupError); the value is decoded as UTF-8 instead of raising."""
    assert parse_header_parameters("form-data; name*=utf\x00''caf%C3%A9") == (
        "form-data",
        {"name": "café"},
    )


def test_request_charset_refused_by_codec_registry_keeps_default_encoding(settings):
    """A Content-Type whose charset*= decodes to "utf\\x00" (it passes Apache, being
    percent-encoded) no longer raises ValueError (a 500): the body is read as UTF-8."""
    request = post_request(
        "application/x-www-form-urlencoded; charset*=utf-8''utf%00", b"a=%E2%82%AC"
    )
    assert request.encoding in (None, "utf-8")
    assert request.POST["a"] == "€"
