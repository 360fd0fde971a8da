"""HttpResponse and its family: content, headers, cookies, streaming, redirects."""

from __future__ import annotations

import datetime
import json
import uuid
from decimal import Decimal

import pytest

from framework.core.exceptions import DisallowedRedirect
from framework.core.signals import request_finished
from framework.http import (
    BadHeaderError,
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseGone,
    HttpResponseNotAllowed,
    HttpResponseNotFound,
    HttpResponseNotModified,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    HttpResponseServerError,
    JsonResponse,
    StreamingHttpResponse,
)
from framework.utils.functional import lazy


class TestContent:
    def test_defaults(self):
        """A new response is 200 OK, text/html in DEFAULT_CHARSET, empty content."""
        response = HttpResponse()
        assert response.status_code == 200
        assert response.reason_phrase == "OK"
        assert response["Content-Type"] == "text/html; charset=utf-8"
        assert response.content == b""
        assert repr(response) == '<HttpResponse status_code=200, "text/html; charset=utf-8">'

    def test_str_bytes_iterables(self):
        """Content may be str, bytes, memoryview, an iterable of chunks, or another object."""
        assert HttpResponse("héllo").content == "héllo".encode()
        assert HttpResponse(b"raw").content == b"raw"
        assert HttpResponse(memoryview(b"mv")).content == b"mv"
        assert HttpResponse(["a", b"b", 3]).content == b"ab3"
        assert HttpResponse(12).content == b"12"
        assert HttpResponse(x for x in ("g", "en")).content == b"gen"

    def test_iterable_content_is_closed(self):
        """An iterable with close() is closed once consumed."""

        class Chunks(list):
            closed = False

            def close(self):
                self.closed = True

        chunks = Chunks(["a"])
        HttpResponse(chunks)
        assert chunks.closed

    def test_charset(self):
        """charset comes from the argument, then Content-Type, then DEFAULT_CHARSET."""
        assert HttpResponse("é", charset="latin-1").content == b"\xe9"
        response = HttpResponse("é", content_type='text/plain; charset="iso-8859-15"')
        assert response.charset == "iso-8859-15"
        assert response.content == b"\xe9"
        assert response.text == "é"

    def test_write_and_file_api(self):
        """write()/writelines() append; tell() and getvalue() report the content."""
        response = HttpResponse("a")
        response.write("b")
        response.writelines(["c", b"d"])
        assert response.content == b"abcd"
        assert response.tell() == 4
        assert response.getvalue() == b"abcd"
        assert response.writable() and not response.readable() and not response.seekable()

    def test_serialize(self):
        """bytes(response) is the header block, a blank line and the content."""
        response = HttpResponse("body", content_type="text/plain")
        assert bytes(response) == b"Content-Type: text/plain\r\n\r\nbody"

    def test_status_and_reason(self):
        """status and reason set the status line; invalid status codes are refused."""
        response = HttpResponse(status=418)
        assert response.reason_phrase == "I'm a Teapot"
        assert HttpResponse(status=599).reason_phrase == "Unknown Status Code"
        assert HttpResponse(status=200, reason="Fine").reason_phrase == "Fine"
        with pytest.raises(TypeError, match="integer"):
            HttpResponse(status="abc")
        with pytest.raises(ValueError, match="100 to 599"):
            HttpResponse(status=99)
        with pytest.raises(ValueError, match="100 to 599"):
            HttpResponse(status=600)

    @pytest.mark.parametrize(
        "cls, code",
        [
            (HttpResponseBadRequest, 400),
            (HttpResponseForbidden, 403),
            (HttpResponseNotFound, 404),
            (HttpResponseGone, 410),
            (HttpResponseServerError, 500),
        ],
    )
    def test_status_subclasses(self, cls, code):
        """Each subclass carries its status code."""
        assert cls("x").status_code == code

    def test_not_allowed(self):
        """HttpResponseNotAllowed sets Allow."""
        response = HttpResponseNotAllowed(["GET", "POST"])
        assert response.status_code == 405
        assert response["Allow"] == "GET, POST"
        assert "[GET, POST]" in repr(response)

    def test_not_modified(self):
        """304 has no Content-Type and refuses content."""
        response = HttpResponseNotModified()
        assert response.status_code == 304
        assert "Content-Type" not in response
        with pytest.raises(AttributeError):
            response.content = "x"

    def test_http404_is_exception(self):
        """Http404 can be raised."""
        with pytest.raises(Http404):
            raise Http404("nope")


class TestHeaders:
    def test_case_insensitive(self):
        """Headers are case-insensitive and keep their first spelling."""
        response = HttpResponse(headers={"X-Thing": "1"})
        assert response["x-thing"] == "1"
        assert "X-THING" in response and response.has_header("x-Thing")
        response["x-thing"] = "2"
        assert response.headers["X-Thing"] == "2"
        del response["X-THING"]
        assert "X-Thing" not in response
        del response["missing"]  # no error
        assert response.get("missing", "d") == "d"
        response.setdefault("X-New", "a")
        response.setdefault("X-New", "b")
        assert response["X-New"] == "a"

    @pytest.mark.parametrize(
        "value",
        ["a\r\nSet-Cookie: x=y", "a\nb", "a\rb", b"a\r\nb"],
    )
    def test_crlf_in_value_refused(self, value):
        """A header value with CR or LF raises BadHeaderError (no response splitting)."""
        response = HttpResponse()
        with pytest.raises(BadHeaderError, match="newlines"):
            response["X-Bad"] = value
        with pytest.raises(BadHeaderError):
            HttpResponse(headers={"X-Bad": value})

    @pytest.mark.parametrize("name", ["X-Bad\r\nInjected", "Bad Name", "Bad:Name", ""])
    def test_bad_header_name_refused(self, name):
        """A header name that is not a token raises BadHeaderError."""
        with pytest.raises(BadHeaderError):
            HttpResponse()[name] = "v"

    def test_non_latin1_value_mime_encoded(self):
        """Values outside latin-1 are MIME-encoded; names must be ASCII."""
        response = HttpResponse()
        response["X-Name"] = "日本"
        assert response["X-Name"].startswith("=?utf-8?")
        with pytest.raises(UnicodeError):
            response["X-日本"] = "v"

    def test_content_type_conflict(self):
        """content_type and a Content-Type header together are refused."""
        with pytest.raises(ValueError, match="Content-Type"):
            HttpResponse(content_type="text/plain", headers={"Content-Type": "text/html"})
        assert HttpResponse(headers={"content-type": "a/b"})["Content-Type"] == "a/b"

    def test_non_string_values(self):
        """Numbers are converted to strings."""
        response = HttpResponse()
        response["Content-Length"] = 42
        assert response["Content-Length"] == "42"


class TestCookies:
    def test_set_cookie_attributes(self):
        """set_cookie() writes every attribute."""
        response = HttpResponse()
        response.set_cookie(
            "name",
            "value",
            max_age=3600,
            path="/p/",
            domain=".example.com",
            secure=True,
            httponly=True,
            samesite="Strict",
        )
        morsel = response.cookies["name"]
        assert morsel.value == "value"
        assert morsel["max-age"] == 3600
        assert morsel["path"] == "/p/"
        assert morsel["domain"] == ".example.com"
        assert morsel["secure"] is True and morsel["httponly"] is True
        assert morsel["samesite"] == "Strict"
        assert morsel["expires"].endswith("GMT")
        output = morsel.OutputString()
        assert "HttpOnly" in output and "Secure" in output and "SameSite=Strict" in output

    def test_max_age_timedelta(self):
        """max_age accepts a timedelta."""
        response = HttpResponse()
        response.set_cookie("c", max_age=datetime.timedelta(hours=1))
        assert response.cookies["c"]["max-age"] == 3600

    def test_expires_datetime(self):
        """A datetime expires becomes max-age (naive datetimes are UTC)."""
        response = HttpResponse()
        when = datetime.datetime.now(datetime.UTC).replace(tzinfo=None) + datetime.timedelta(
            seconds=60
        )
        response.set_cookie("c", expires=when)
        assert 59 <= response.cookies["c"]["max-age"] <= 61
        response.set_cookie("past", expires=datetime.datetime(2000, 1, 1))
        assert response.cookies["past"]["max-age"] == 0
        with pytest.raises(ValueError, match="can't be used together"):
            response.set_cookie("c", expires=when, max_age=1)

    def test_expires_string(self):
        """A string expires is sent as given."""
        response = HttpResponse()
        response.set_cookie("c", expires="Fri, 01 Jan 2038 00:00:00 GMT")
        assert response.cookies["c"]["expires"] == "Fri, 01 Jan 2038 00:00:00 GMT"

    def test_invalid_samesite(self):
        """samesite must be lax, strict or none."""
        with pytest.raises(ValueError, match="samesite"):
            HttpResponse().set_cookie("c", samesite="sometimes")

    def test_cookie_value_cannot_inject_headers(self):
        """CR/LF in a value is refused with BadHeaderError; ';' is quoted, never raw."""
        response = HttpResponse()
        with pytest.raises(BadHeaderError, match="control characters"):
            response.set_cookie("c", "a\r\nSet-Cookie: evil=1")
        assert "c" not in response.cookies
        response.set_cookie("c", "a; Set-Cookie: evil=1")
        assert response.cookies["c"].OutputString().startswith('c="a\\073 Set-Cookie: evil=1"')

    def test_delete_cookie(self):
        """delete_cookie() expires the cookie; __Host-/__Secure-/SameSite=None get Secure."""
        response = HttpResponse()
        response.delete_cookie("c", path="/a/", domain="example.com")
        morsel = response.cookies["c"]
        assert morsel["max-age"] == 0
        assert morsel["expires"] == "Thu, 01 Jan 1970 00:00:00 GMT"
        assert morsel["path"] == "/a/" and morsel["domain"] == "example.com"
        assert not morsel["secure"]
        response.delete_cookie("__Host-x")
        assert response.cookies["__Host-x"]["secure"]
        response.delete_cookie("n", samesite="None")
        assert response.cookies["n"]["secure"] and response.cookies["n"]["samesite"] == "None"

    def test_signed_cookie_value(self):
        """set_signed_cookie() stores value:timestamp:signature."""
        response = HttpResponse()
        response.set_signed_cookie("c", "hello", salt="x", max_age=10)
        assert response.cookies["c"].value.startswith("hello:")
        assert response.cookies["c"]["max-age"] == 10


class TestClose:
    def test_close_sends_signal_and_closes_resources(self):
        """close() runs the resource closers (even if one fails) and sends request_finished."""
        received = []
        closed = []

        def receiver(sender, **kwargs):
            received.append(sender)

        request_finished.connect(receiver)
        try:
            response = HttpResponse()

            def failing():
                raise RuntimeError("boom")

            response._resource_closers.extend([failing, lambda: closed.append(1)])
            response.close()
        finally:
            request_finished.disconnect(receiver)
        assert closed == [1]
        assert received == [None]
        assert response.closed


class TestStreaming:
    def test_streaming_content(self):
        """StreamingHttpResponse streams chunks as bytes; content is not available."""
        response = StreamingHttpResponse(iter(["a", b"b", "ç"]))
        assert response.streaming
        with pytest.raises(AttributeError, match="streaming_content"):
            response.content  # noqa: B018
        with pytest.raises(AttributeError):
            response.text  # noqa: B018
        assert list(response) == [b"a", b"b", "ç".encode()]
        assert "StreamingHttpResponse status_code=200" in repr(response)

    def test_getvalue_and_replace(self):
        """getvalue() joins the stream; streaming_content may be replaced."""
        response = StreamingHttpResponse(["x"])
        response.streaming_content = ["y", "z"]
        assert response.getvalue() == b"yz"

    def test_close_closes_iterator(self):
        """Closing the response closes a generator given as content."""
        state = []

        def gen():
            try:
                yield b"a"
                yield b"b"
            finally:
                state.append("closed")

        response = StreamingHttpResponse(gen())
        assert next(iter(response)) == b"a"
        response.close()
        assert state == ["closed"]

    def test_not_writable(self):
        """A streaming response cannot be written to."""
        with pytest.raises(OSError, match="not writable"):
            StreamingHttpResponse([]).write("x")
        with pytest.raises(OSError):
            StreamingHttpResponse([]).tell()


class TestRedirects:
    def test_redirect(self):
        """Redirects set Location (IRI encoded), 302/301, or 307/308 with preserve_request."""
        response = HttpResponseRedirect("/ünïcode/?q=a b")
        assert response.status_code == 302
        assert response["Location"] == "/%C3%BCn%C3%AFcode/?q=a%20b"
        assert response.url == response["Location"]
        assert HttpResponsePermanentRedirect("/x").status_code == 301
        assert HttpResponseRedirect("/x", preserve_request=True).status_code == 307
        assert HttpResponsePermanentRedirect("/x", preserve_request=True).status_code == 308
        assert 'url="/x"' in repr(HttpResponseRedirect("/x"))

    @pytest.mark.parametrize(
        "url",
        [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "java\nscript:alert(1)",
            "vbscript:msgbox",
            "file:///etc/passwd",
        ],
    )
    def test_unsafe_schemes(self, url):
        """Schemes other than http, https and ftp raise DisallowedRedirect."""
        with pytest.raises(DisallowedRedirect, match="Unsafe redirect"):
            HttpResponseRedirect(url)
        with pytest.raises(DisallowedRedirect):
            HttpResponsePermanentRedirect(url)

    def test_allowed_schemes(self):
        """http, https, ftp, relative and scheme-relative URLs are allowed."""
        for url in ("http://a.com", "https://a.com", "ftp://a.com", "/rel", "rel", "//a.com/x"):
            assert HttpResponseRedirect(url)["Location"]

    def test_crlf_cannot_split_response(self):
        """CR/LF in a redirect target never reaches the Location header raw."""
        response = HttpResponseRedirect("/next\r\nSet-Cookie: evil=1")
        assert "\r" not in response["Location"] and "\n" not in response["Location"]
        assert response["Location"] == "/next%0D%0ASet-Cookie:%20evil=1"

    def test_lazy_url(self):
        """A lazy string URL works."""
        lazy_url = lazy(lambda: "/lazy/", str)()
        assert HttpResponseRedirect(lazy_url)["Location"] == "/lazy/"


class TestJsonResponse:
    def test_dict(self):
        """A dict is serialised with application/json."""
        response = JsonResponse({"a": 1, "b": [1, 2]})
        assert response["Content-Type"] == "application/json"
        assert json.loads(response.content) == {"a": 1, "b": [1, 2]}

    def test_safe_refuses_non_dict(self):
        """safe=True refuses lists; safe=False allows them."""
        with pytest.raises(TypeError, match="safe parameter to False"):
            JsonResponse([1, 2])
        assert JsonResponse([1, 2], safe=False).content == b"[1, 2]"

    def test_encoder_types(self):
        """The default encoder handles dates, times, durations, Decimal, UUID and lazy strings."""
        value = uuid.UUID("12345678-1234-5678-1234-567812345678")
        data = {
            "dt": datetime.datetime(2024, 1, 2, 3, 4, 5, 678901, tzinfo=datetime.UTC),
            "naive": datetime.datetime(2024, 1, 2, 3, 4, 5),
            "d": datetime.date(2024, 1, 2),
            "t": datetime.time(1, 2, 3, 456789),
            "td": datetime.timedelta(days=1, hours=2, seconds=3, microseconds=4),
            "neg": datetime.timedelta(seconds=-1),
            "dec": Decimal("1.10"),
            "uuid": value,
            "lazy": lazy(lambda: "text", str)(),
        }
        decoded = json.loads(JsonResponse(data).content)
        assert decoded == {
            "dt": "2024-01-02T03:04:05.678Z",
            "naive": "2024-01-02T03:04:05",
            "d": "2024-01-02",
            "t": "01:02:03.456",
            "td": "P1DT02H00M03.000004S",
            "neg": "-P0DT00H00M01S",
            "dec": "1.10",
            "uuid": str(value),
            "lazy": "text",
        }

    def test_aware_time_refused_and_unknown_type(self):
        """Timezone-aware times and unknown objects raise."""
        aware = datetime.time(1, 2, tzinfo=datetime.UTC)
        with pytest.raises(ValueError, match="timezone-aware"):
            JsonResponse({"t": aware})
        with pytest.raises(TypeError):
            JsonResponse({"o": object()})

    def test_dumps_params_and_custom_encoder(self):
        """json_dumps_params reach json.dumps; a custom encoder is used."""
        import json as json_module

        class SetEncoder(json_module.JSONEncoder):
            def default(self, o):
                if isinstance(o, set):
                    return sorted(o)
                return super().default(o)

        response = JsonResponse({"s": {2, 1}}, encoder=SetEncoder, json_dumps_params={"indent": 1})
        assert response.content == b'{\n "s": [\n  1,\n  2\n ]\n}'
        response = JsonResponse({}, content_type="application/vnd.api+json", status=201)
        assert response["Content-Type"] == "application/vnd.api+json"
        assert response.status_code == 201

    def test_django_alias(self):
        """DjangoJSONEncoder is the same class as FrameworkJSONEncoder."""
        from framework.core.serializers.json import DjangoJSONEncoder, FrameworkJSONEncoder

        assert DjangoJSONEncoder is FrameworkJSONEncoder


def test_django_module_layout():
    """Names Django keeps in http.response are importable from framework.http.response."""
    from framework.http import response

    assert response.HttpResponseRedirect is HttpResponseRedirect
    assert response.JsonResponse is JsonResponse
    from framework.http.response import FileResponse, HttpResponseNotFound  # noqa: F401

    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        response.Nope  # noqa: B018
