"""The request path's fast paths behave exactly as the general code they short-cut."""

from __future__ import annotations

import datetime
import io
import json
import threading

import pytest

from framework.core.serializers.json import FrameworkJSONEncoder
from framework.http import BadHeaderError, HttpResponse, JsonResponse
from framework.http.wsgi import WSGIRequest
from framework.utils.functional import cached_property
from tests.http.environ import make_environ


def test_header_name_checked_once_still_refuses_bad_names():
    """A header name set many times stays valid; an invalid name is refused every time."""
    response = HttpResponse()
    for _ in range(3):
        response["X-Repeated"] = "1"
        with pytest.raises(BadHeaderError, match="Invalid header name 'Bad Name'"):
            response["Bad Name"] = "1"
    assert response["x-repeated"] == "1"


def test_value_with_newline_refused_under_a_known_name():
    """CR/LF in a value is refused even when the header name was set before."""
    response = HttpResponse()
    response["X-Known"] = "fine"
    with pytest.raises(BadHeaderError):
        response["X-Known"] = "split\r\nSet-Cookie: x=1"
    with pytest.raises(BadHeaderError):
        response["X-Known"] = b"split\nthis"
    assert response["X-Known"] == "fine"


def test_non_ascii_header_values_are_still_converted():
    """Latin-1 text is kept, bytes are decoded, other text becomes an RFC 2047 word."""
    response = HttpResponse()
    response["X-Latin"] = "café"
    response["X-Bytes"] = b"plain"
    response["X-Other"] = "日本"
    response["X-Number"] = 3
    assert response["X-Latin"] == "café"
    assert response["X-Bytes"] == "plain"
    assert response["X-Other"].startswith("=?utf-8?")
    assert response["X-Number"] == "3"


def test_header_membership_and_get_are_case_insensitive():
    """`in` and get() ignore case, and a non-string key is simply absent."""
    response = HttpResponse(content_type="text/plain")
    assert "content-type" in response.headers
    assert 42 not in response.headers
    assert response.headers.get("CONTENT-TYPE") == "text/plain"
    assert response.headers.get("X-Missing", "default") == "default"


def test_json_response_matches_json_dumps_with_the_encoder():
    """The shared default encoder writes what json.dumps(cls=FrameworkJSONEncoder) writes."""
    data = {"when": datetime.datetime(2024, 5, 1, 12, 30, tzinfo=datetime.UTC), "n": [1, 2.5]}
    expected = json.dumps(data, cls=FrameworkJSONEncoder).encode()
    assert JsonResponse(data).content == expected
    assert JsonResponse(data, json_dumps_params={}).content == expected
    assert (
        JsonResponse(data, json_dumps_params={"indent": 2}).content
        == json.dumps(data, cls=FrameworkJSONEncoder, indent=2).encode()
    )


def _environ(**extra: object) -> dict:
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/",
        "SCRIPT_NAME": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "wsgi.input": io.BytesIO(b"a=1&b=2extra"),
    }
    environ.update(extra)
    return environ


def test_body_stream_is_limited_to_content_length_when_read_late():
    """The body stream, built on first read, still stops at CONTENT_LENGTH."""
    request = WSGIRequest(_environ(CONTENT_LENGTH="7"))
    assert request.read() == b"a=1&b=2"
    assert request.read() == b""


@pytest.mark.parametrize("length", ["", "abc", "-5"])
def test_missing_or_bad_content_length_reads_nothing(length):
    """An empty, non-numeric or negative CONTENT_LENGTH means an empty body."""
    request = WSGIRequest(_environ(CONTENT_LENGTH=length))
    assert request.body == b""


def test_non_ascii_path_is_still_decoded_and_repercented():
    """UTF-8 paths decode; bytes that are not UTF-8 are percent-encoded."""
    assert WSGIRequest(_environ(PATH_INFO="/caf\xc3\xa9/")).path_info == "/café/"
    assert WSGIRequest(_environ(PATH_INFO="/\xff/")).path_info == "/%FF/"


def test_cached_property_computes_once_and_can_be_assigned():
    """The value is computed on first access, then read from the instance."""
    calls = []

    class Thing:
        @cached_property
        def value(self) -> int:
            calls.append(1)
            return 42

    thing = Thing()
    assert (thing.value, thing.value) == (42, 42)
    assert len(calls) == 1
    thing.value = 7
    assert thing.value == 7
    del thing.value
    assert thing.value == 42
    assert isinstance(Thing.__dict__["value"], cached_property)


def test_cached_property_needs_an_instance_dict():
    """A class with __slots__ and no __dict__ gets functools' explanatory TypeError."""

    class Slotted:
        __slots__ = ()

        @cached_property
        def value(self) -> int:
            return 1

    with pytest.raises(TypeError, match="__dict__"):
        _ = Slotted().value


def test_cached_property_under_threads_gives_every_thread_a_value():
    """Threads reading a fresh instance concurrently each get a value; the instance keeps one.

    Without a lock two threads may both compute it (as in Django and Python 3.12+); the
    cached value is then one of theirs.
    """

    class Thing:
        @cached_property
        def value(self) -> object:
            return object()

    thing, seen = Thing(), []
    threads = [threading.Thread(target=lambda: seen.append(thing.value)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(seen) == 8
    assert all(isinstance(value, object) and value is not None for value in seen)
    assert thing.value in seen


def test_charset_follows_the_content_type_each_time(settings):
    """The charset named by a Content-Type is remembered per value, yet a response whose
    type changes, or names no charset, gets the right one every time (DEFAULT_CHARSET
    read afresh)."""
    for _ in range(2):
        latin = HttpResponse("é", content_type="text/plain; charset=ISO-8859-1")
        assert latin.charset == "ISO-8859-1" and latin.content == b"\xe9"
        latin["Content-Type"] = "text/plain; charset=utf-8"
        assert latin.charset == "utf-8"
        latin.content = "é"
        assert latin.content == "é".encode()
        del latin["Content-Type"]
        assert latin.charset == settings.DEFAULT_CHARSET
    settings.DEFAULT_CHARSET = "latin-1"
    plain = HttpResponse(content_type="text/plain")
    plain.content = "é"
    assert plain.charset == "latin-1" and plain.content == b"\xe9"


def test_str_content_is_encoded_by_an_overridden_make_bytes():
    """A str body is encoded with the response's charset, or by make_bytes() where a
    subclass overrides it."""
    response = JsonResponse({"word": "é"}, json_dumps_params={"ensure_ascii": False})
    assert response.content == '{"word": "é"}'.encode()

    class Shouting(HttpResponse):
        def make_bytes(self, value):
            return super().make_bytes(value.upper() if isinstance(value, str) else value)

    assert Shouting("quiet").content == b"QUIET"
    assert HttpResponse("quiet").content == b"quiet"


def test_cookies_without_a_header_are_a_new_empty_dict_each_time():
    """No Cookie header: an empty dict, never shared between requests."""
    first = WSGIRequest(make_environ())
    first.COOKIES["planted"] = "1"
    assert WSGIRequest(make_environ()).COOKIES == {}
    assert WSGIRequest(make_environ(HTTP_COOKIE="")).COOKIES == {}


def test_cookies_outside_ascii_are_read_as_utf8():
    """An ASCII header is parsed as it is; other bytes go through the latin-1 -> UTF-8 trip."""
    latin1 = "név=érték".encode().decode("latin-1")
    assert WSGIRequest(make_environ(HTTP_COOKIE='a=1; b="x"')).COOKIES == {"a": "1", "b": "x"}
    assert WSGIRequest(make_environ(HTTP_COOKIE=latin1)).COOKIES == {"név": "érték"}


def test_http_response_positional_arguments_keep_their_order():
    """content, content_type, status, reason, charset, headers: as in Django."""
    response = HttpResponse(b"x", "text/csv", 201, "Made", "latin-1", {"X-A": "1"})
    assert response["Content-Type"] == "text/csv"
    assert (response.status_code, response.reason_phrase) == (201, "Made")
    assert response.charset == "latin-1"
    assert response["X-A"] == "1"
    with pytest.raises(TypeError):
        HttpResponse(b"x", unknown=1)
