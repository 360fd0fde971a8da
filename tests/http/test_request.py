"""HttpRequest and WSGIRequest built from real WSGI environs."""

from __future__ import annotations

import io
import pickle

import pytest

from framework.core.exceptions import (
    BadRequest,
    DisallowedHost,
    ImproperlyConfigured,
    RequestDataTooBig,
)
from framework.core.signing import BadSignature, SignatureExpired
from framework.http import (
    HttpHeaders,
    HttpRequest,
    HttpResponse,
    QueryDict,
    RawPostDataException,
    UnreadablePostError,
    WSGIRequest,
)
from framework.http.wsgi import LimitedStream
from tests.http.environ import make_environ, make_request


class TestBasics:
    def test_attributes_from_environ(self):
        """method, path, path_info, META and GET come from the environ."""
        request = make_request("/caf%C3%A9/", method="get", query="a=1&a=2&b=")
        assert request.method == "GET"
        assert request.path == "/caf%C3%A9/"
        assert request.path_info == "/caf%C3%A9/"
        assert request.META["REQUEST_METHOD"] == "get"
        assert request.GET.getlist("a") == ["1", "2"]
        assert request.GET["b"] == ""
        assert isinstance(request.GET, QueryDict)
        assert repr(request) == "<WSGIRequest: GET '/caf%25C3%25A9/?a=1&a=2&b='>"

    def test_utf8_path_from_latin1_environ(self):
        """PATH_INFO holds UTF-8 bytes as latin-1 characters (PEP 3333); path is decoded."""
        raw = "/café/".encode().decode("latin-1")
        request = make_request(raw)
        assert request.path == "/café/"
        assert request.get_full_path() == "/caf%C3%A9/"

    def test_non_utf8_path_is_repercented(self):
        """Bytes in PATH_INFO that are not UTF-8 are percent-encoded, never an exception."""
        request = make_request("/\xff\xfe/ok")
        assert request.path_info == "/%FF%FE/ok"

    def test_script_name_joins_path(self):
        """path is SCRIPT_NAME + PATH_INFO; path_info excludes the mount point."""
        request = make_request("/page/", SCRIPT_NAME="/mount/")
        assert request.path == "/mount/page/"
        assert request.path_info == "/page/"
        assert request.get_full_path_info() == "/page/"

    def test_empty_path_info_is_slash(self):
        """An empty PATH_INFO is treated as "/"."""
        environ = make_environ()
        environ["PATH_INFO"] = ""
        assert WSGIRequest(environ).path_info == "/"

    def test_get_full_path(self):
        """get_full_path() escapes the path, appends the query and optionally a slash."""
        request = make_request("/a b", query="x=ü")
        assert request.get_full_path() == "/a%20b?x=%C3%BC"
        assert request.get_full_path(force_append_slash=True) == "/a%20b/?x=%C3%BC"

    def test_hand_made_request(self):
        """A bare HttpRequest has empty GET/POST/COOKIES/META/FILES and a repr."""
        request = HttpRequest()
        assert list(request.GET) == [] and list(request.POST) == []
        assert request.COOKIES == {} and request.META == {} and not request.FILES
        assert repr(request) == "<HttpRequest>"
        request.GET["q"] = "x"  # mutable on a hand-made request
        assert request.GET["q"] == "x"

    def test_pickle_drops_stream(self):
        """A request pickles without its body stream."""
        request = make_request(query="a=1")
        request.GET  # noqa: B018
        restored = pickle.loads(pickle.dumps(request))
        assert restored.GET["a"] == "1"
        assert "_stream" not in restored.__dict__


class TestHeaders:
    def test_case_insensitive_and_prefix(self):
        """headers strips HTTP_, keeps CONTENT_TYPE/LENGTH, is case-insensitive."""
        request = make_request(
            body=b"x",
            content_type="text/plain",
            HTTP_USER_AGENT="pytest",
            HTTP_X_CUSTOM_THING="1",
        )
        assert request.headers["User-Agent"] == "pytest"
        assert request.headers["user-agent"] == "pytest"
        assert request.headers["user_agent"] == "pytest"
        assert request.headers["X-Custom-Thing"] == "1"
        assert request.headers["Content-Type"] == "text/plain"
        assert request.headers["Content-Length"] == "1"
        assert "SERVER_NAME" not in request.headers
        assert "Server-Name" not in request.headers

    def test_name_conversion(self):
        """to_wsgi_name()/parse_header_name() convert between the two spellings."""
        assert HttpHeaders.to_wsgi_name("X-Forwarded-For") == "HTTP_X_FORWARDED_FOR"
        assert HttpHeaders.to_wsgi_name("content-type") == "CONTENT_TYPE"
        assert HttpHeaders.parse_header_name("HTTP_ACCEPT_LANGUAGE") == "Accept-Language"
        assert HttpHeaders.parse_header_name("wsgi.input") is None
        assert HttpHeaders.to_wsgi_names({"Accept": "x"}) == {"HTTP_ACCEPT": "x"}


class TestHost:
    def test_allowed_host(self, settings):
        """get_host() returns the Host header when ALLOWED_HOSTS allows it."""
        settings.ALLOWED_HOSTS = ["example.com"]
        assert make_request(HTTP_HOST="example.com:8080").get_host() == "example.com:8080"

    def test_subdomain_pattern_and_wildcard(self, settings):
        """A leading dot matches subdomains; '*' matches everything."""
        settings.ALLOWED_HOSTS = [".example.com"]
        assert make_request(HTTP_HOST="www.example.com").get_host() == "www.example.com"
        assert make_request(HTTP_HOST="example.com").get_host() == "example.com"
        settings.ALLOWED_HOSTS = ["*"]
        assert make_request(HTTP_HOST="anything.test").get_host() == "anything.test"

    def test_trailing_dot_allowed(self, settings):
        """A fully qualified host with a trailing dot matches its pattern."""
        settings.ALLOWED_HOSTS = ["example.com"]
        assert make_request(HTTP_HOST="example.com.").get_host() == "example.com."

    @pytest.mark.parametrize(
        "host",
        [
            "evil.com",
            "example.com.evil.com",
            "example.com@evil.com",
            "example.com:80/path",
            "example.com:abc",
            "exa mple.com",
            "example.com\r\nX: y",
            "",
            "[::1",
            "ünicode.com",
        ],
    )
    def test_bad_hosts_raise(self, settings, host):
        """Hosts not allowed or invalid raise DisallowedHost naming the value."""
        settings.ALLOWED_HOSTS = ["example.com"]
        with pytest.raises(DisallowedHost) as info:
            make_request(HTTP_HOST=host).get_host()
        assert repr(host) in str(info.value)

    def test_message_suggests_setting(self, settings):
        """The error tells which domain to add to ALLOWED_HOSTS."""
        settings.ALLOWED_HOSTS = ["example.com"]
        with pytest.raises(DisallowedHost, match="add 'other.com' to ALLOWED_HOSTS"):
            make_request(HTTP_HOST="other.com").get_host()

    def test_debug_localhost_defaults(self, settings):
        """With DEBUG and empty ALLOWED_HOSTS, only localhost variants are allowed."""
        settings.DEBUG = True
        settings.ALLOWED_HOSTS = []
        for host in ("localhost", "sub.localhost", "127.0.0.1:8000", "[::1]:80"):
            assert make_request(HTTP_HOST=host).get_host() == host
        with pytest.raises(DisallowedHost):
            make_request(HTTP_HOST="example.com").get_host()

    def test_empty_allowed_hosts_without_debug(self, settings):
        """With DEBUG off and no ALLOWED_HOSTS, no host is allowed."""
        settings.ALLOWED_HOSTS = []
        with pytest.raises(DisallowedHost):
            make_request(HTTP_HOST="localhost").get_host()

    def test_server_name_fallback(self, settings):
        """Without a Host header, SERVER_NAME and a non-default port are used."""
        settings.ALLOWED_HOSTS = ["internal"]
        environ = make_environ(SERVER_NAME="internal", SERVER_PORT="8080")
        environ.pop("HTTP_HOST", None)
        assert WSGIRequest(environ).get_host() == "internal:8080"
        environ = make_environ(SERVER_NAME="internal", SERVER_PORT="80")
        environ.pop("HTTP_HOST", None)
        assert WSGIRequest(environ).get_host() == "internal"

    def test_x_forwarded_host(self, settings):
        """X-Forwarded-Host is used only with USE_X_FORWARDED_HOST, and still validated."""
        settings.ALLOWED_HOSTS = ["example.com", "proxy.internal"]
        request = make_request(HTTP_HOST="proxy.internal", HTTP_X_FORWARDED_HOST="example.com")
        assert request.get_host() == "proxy.internal"
        settings.USE_X_FORWARDED_HOST = True
        request = make_request(HTTP_HOST="proxy.internal", HTTP_X_FORWARDED_HOST="example.com")
        assert request.get_host() == "example.com"
        request = make_request(HTTP_HOST="proxy.internal", HTTP_X_FORWARDED_HOST="evil.com")
        with pytest.raises(DisallowedHost):
            request.get_host()

    def test_get_port(self, settings):
        """get_port() reads SERVER_PORT, or X-Forwarded-Port with USE_X_FORWARDED_PORT."""
        request = make_request(SERVER_PORT="8000", HTTP_X_FORWARDED_PORT="443")
        assert request.get_port() == "8000"
        settings.USE_X_FORWARDED_PORT = True
        assert request.get_port() == "443"


class TestScheme:
    def test_from_environ(self):
        """scheme comes from wsgi.url_scheme."""
        assert make_request().scheme == "http"
        secure = make_request(**{"wsgi.url_scheme": "https"})
        assert secure.scheme == "https" and secure.is_secure()

    def test_secure_proxy_ssl_header(self, settings):
        """SECURE_PROXY_SSL_HEADER is trusted; only the first comma-separated value counts."""
        settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
        assert make_request(HTTP_X_FORWARDED_PROTO="https").is_secure()
        assert make_request(HTTP_X_FORWARDED_PROTO="https, http").is_secure()
        assert not make_request(HTTP_X_FORWARDED_PROTO="http, https").is_secure()
        assert not make_request(HTTP_X_FORWARDED_PROTO="http").is_secure()
        assert not make_request().is_secure()

    def test_bad_secure_proxy_setting(self, settings):
        """A malformed SECURE_PROXY_SSL_HEADER raises ImproperlyConfigured."""
        settings.SECURE_PROXY_SSL_HEADER = "HTTP_X_FORWARDED_PROTO"
        with pytest.raises(ImproperlyConfigured, match="two values"):
            make_request().is_secure()

    def test_build_absolute_uri(self, settings):
        """build_absolute_uri() handles None, absolute paths, relative paths and full URLs."""
        settings.ALLOWED_HOSTS = ["testserver"]
        request = make_request("/dir/page", query="q=1", HTTP_HOST="testserver")
        assert request.build_absolute_uri() == "http://testserver/dir/page?q=1"
        assert request.build_absolute_uri("/other/") == "http://testserver/other/"
        assert request.build_absolute_uri("sibling") == "http://testserver/dir/sibling"
        assert request.build_absolute_uri("../up") == "http://testserver/up"
        assert request.build_absolute_uri("/a/../b") == "http://testserver/b"
        assert request.build_absolute_uri("https://x.org/p") == "https://x.org/p"
        assert request.build_absolute_uri("/ü") == "http://testserver/%C3%BC"


class TestBody:
    def test_body_and_read(self):
        """body returns the raw bytes and can be read again through read()."""
        request = make_request(method="POST", body=b"raw data", content_type="text/plain")
        assert request.body == b"raw data"
        assert request.read() == b"raw data"
        assert request.POST == {}

    def test_body_after_stream_read_raises(self):
        """Reading the stream first makes body raise RawPostDataException."""
        request = make_request(method="POST", body=b"abc", content_type="text/plain")
        assert request.read(1) == b"a"
        with pytest.raises(RawPostDataException):
            request.body  # noqa: B018

    def test_body_after_multipart_post_raises(self):
        """Multipart parsing consumes the stream: body raises afterwards."""
        from tests.http.environ import multipart, multipart_request

        request = multipart_request(multipart(("a", "1")))
        assert request.POST["a"] == "1"
        with pytest.raises(RawPostDataException):
            request.body  # noqa: B018

    def test_body_before_post(self):
        """Reading body first still lets POST be parsed (from the cached body)."""
        from tests.http.environ import multipart, multipart_request

        request = multipart_request(multipart(("a", "1"), ("f", "x.txt", b"data")))
        assert request.body.startswith(b"--")
        assert request.POST["a"] == "1"
        assert request.FILES["f"].read() == b"data"

    def test_readline_and_iteration(self):
        """readline(), iteration and readlines() read the body line by line."""
        body = b"one\ntwo\nthree"
        assert list(make_request(method="PUT", body=body)) == [b"one\n", b"two\n", b"three"]
        request = make_request(method="PUT", body=body)
        assert request.readline() == b"one\n"
        assert request.readlines() == [b"two\n", b"three"]

    def test_body_too_big(self, settings):
        """A Content-Length over DATA_UPLOAD_MAX_MEMORY_SIZE makes body raise RequestDataTooBig."""
        settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10
        request = make_request(method="POST", body=b"x" * 11, content_type="text/plain")
        with pytest.raises(RequestDataTooBig):
            request.body  # noqa: B018
        settings.DATA_UPLOAD_MAX_MEMORY_SIZE = None
        assert make_request(method="POST", body=b"x" * 11).body == b"x" * 11

    def test_urlencoded_too_big(self, settings):
        """An oversized urlencoded body raises RequestDataTooBig on POST access."""
        settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10
        request = make_request(
            method="POST", body=b"a=" + b"x" * 20, content_type="application/x-www-form-urlencoded"
        )
        with pytest.raises(RequestDataTooBig):
            request.POST  # noqa: B018

    def test_lying_content_length_never_reads_past(self):
        """The stream stops at CONTENT_LENGTH even if the input holds more."""
        request = make_request(method="POST", body=b"abcdef", content_length=3)
        assert request.body == b"abc"

    def test_short_body_with_larger_content_length(self):
        """A body shorter than CONTENT_LENGTH gives what there is (no hang, no crash)."""
        request = make_request(method="POST", body=b"abc", content_length=100)
        assert request.body == b"abc"

    @pytest.mark.parametrize("value", ["abc", "-5", ""])
    def test_invalid_content_length(self, value):
        """A non-numeric or negative CONTENT_LENGTH means an empty body."""
        request = make_request(method="POST", body=b"abc", content_length=value)
        assert request.body == b""

    def test_unreadable_post_error(self):
        """An OSError from wsgi.input becomes UnreadablePostError."""

        class Broken(io.RawIOBase):
            def read(self, size=-1):
                raise OSError("client went away")

            readline = read

        environ = make_environ(method="POST", content_type="text/plain", content_length=5)
        environ["wsgi.input"] = Broken()
        with pytest.raises(UnreadablePostError):
            WSGIRequest(environ).body  # noqa: B018
        with pytest.raises(UnreadablePostError):
            WSGIRequest(environ).read()

    def test_limited_stream(self):
        """LimitedStream never reads past its limit, whatever size is asked."""
        stream = LimitedStream(io.BytesIO(b"line1\nline2\nrest"), 8)
        assert stream.readline() == b"line1\n"
        assert stream.read(100) == b"li"
        assert stream.read() == b""
        assert stream.readline() == b""
        stream = LimitedStream(io.BytesIO(b"abcdef"), 4)
        assert stream.read(None) == b"abcd"


class TestForms:
    def test_urlencoded_post(self):
        """A urlencoded POST body fills POST; FILES is empty."""
        request = make_request(
            method="POST",
            body=b"name=Jos%C3%A9&tags=a&tags=b",
            content_type="application/x-www-form-urlencoded",
        )
        assert request.POST["name"] == "José"
        assert request.POST.getlist("tags") == ["a", "b"]
        assert not request.FILES
        with pytest.raises(AttributeError):
            request.POST["x"] = "immutable"

    def test_urlencoded_non_utf8_and_bad_percent(self):
        """Undecodable bytes and broken %-escapes in a form never raise."""
        request = make_request(
            method="POST",
            body=b"a=%ff%fe&b=%zz&c=%&d=\xff",
            content_type="application/x-www-form-urlencoded",
        )
        assert request.POST["a"] == "\ufffd\ufffd"
        assert request.POST["b"] == "%zz"
        assert request.POST["c"] == "%"
        assert request.POST["d"] == "ÿ"  # raw bytes that are not UTF-8 are read as latin-1

    def test_urlencoded_with_other_charset_refused(self):
        """A urlencoded body declaring a non-UTF-8 charset raises BadRequest."""
        request = make_request(
            method="POST",
            body=b"a=1",
            content_type="application/x-www-form-urlencoded; charset=latin-1",
        )
        with pytest.raises(BadRequest, match="UTF-8"):
            request.POST  # noqa: B018

    def test_post_only_for_post_method(self):
        """PUT and other methods leave POST empty (the body stays in request.body)."""
        request = make_request(
            method="PUT", body=b"a=1", content_type="application/x-www-form-urlencoded"
        )
        assert request.POST == {}
        assert request.body == b"a=1"

    def test_other_content_type(self):
        """A JSON body is not parsed into POST."""
        request = make_request(method="POST", body=b'{"a": 1}', content_type="application/json")
        assert request.POST == {}
        assert request.body == b'{"a": 1}'

    def test_content_type_and_params(self):
        """content_type and content_params come from CONTENT_TYPE; a known charset sets encoding."""
        request = make_request(content_type='text/plain; charset="latin-1"; format=flowed')
        assert request.content_type == "text/plain"
        assert request.content_params == {"charset": "latin-1", "format": "flowed"}
        assert request.encoding == "latin-1"
        unknown = make_request(content_type="text/plain; charset=bogus-9")
        assert unknown.encoding is None

    def test_encoding_redecodes_get(self):
        """Setting encoding makes GET decode again with the new charset."""
        request = make_request(query="name=%E9t%E9")
        assert request.GET["name"] == "\ufffdt\ufffd"
        request.encoding = "latin-1"
        assert request.GET["name"] == "été"

    def test_post_can_be_replaced(self):
        """request.POST is assignable (middleware does this)."""
        request = make_request(method="POST")
        request.POST = QueryDict("a=1")
        assert request.POST["a"] == "1"


class TestQueryString:
    def test_bad_percent_encoding(self):
        """Invalid percent-escapes are kept literally."""
        request = make_request(query="a=%&b=%2&c=%zz&%=d")
        assert request.GET.dict() == {"a": "%", "b": "%2", "c": "%zz", "%": "d"}

    def test_non_utf8(self):
        """Percent-encoded bytes that are not UTF-8 become U+FFFD."""
        assert make_request(query="q=%ff%c3").GET["q"] == "\ufffd\ufffd"

    def test_raw_non_utf8_bytes(self):
        """Raw undecodable bytes in QUERY_STRING are read as latin-1, never an error."""
        assert make_request(query="q=\xff\xfe").GET["q"] == "ÿþ"

    def test_too_many_fields(self, settings):
        """More GET parameters than DATA_UPLOAD_MAX_NUMBER_FIELDS raise TooManyFieldsSent."""
        from framework.core.exceptions import TooManyFieldsSent

        settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 3
        assert len(make_request(query="a=1&b=2&c=3").GET) == 3
        with pytest.raises(TooManyFieldsSent, match="DATA_UPLOAD_MAX_NUMBER_FIELDS"):
            make_request(query="a=1&b=2&c=3&d=4").GET  # noqa: B018


class TestCookies:
    def test_cookies_parsed(self):
        """COOKIES holds the parsed Cookie header."""
        request = make_request(HTTP_COOKIE="sessionid=abc; csrftoken=xyz")
        assert request.COOKIES == {"sessionid": "abc", "csrftoken": "xyz"}

    def test_invalid_cookies_keep_good_ones(self):
        """Malformed cookies do not lose the valid ones."""
        request = make_request(HTTP_COOKIE='good=1; ;;=; bad"name=2; [x]=y; other=ok')
        assert request.COOKIES["good"] == "1"
        assert request.COOKIES["other"] == "ok"

    def test_non_utf8_cookie(self):
        """Cookie bytes that are not UTF-8 become U+FFFD."""
        request = make_request(HTTP_COOKIE="a=\xff\xfe; b=ok")
        assert request.COOKIES == {"a": "\ufffd\ufffd", "b": "ok"}

    def test_signed_cookie_round_trip(self):
        """A cookie set by set_signed_cookie() reads back with get_signed_cookie()."""
        response = HttpResponse()
        response.set_signed_cookie("c", "hello", salt="s")
        value = response.cookies["c"].value
        request = make_request(HTTP_COOKIE=f"c={value}")
        assert request.get_signed_cookie("c", salt="s") == "hello"
        with pytest.raises(BadSignature):
            request.get_signed_cookie("c", salt="other")
        assert request.get_signed_cookie("c", default="d", salt="other") == "d"

    def test_signed_cookie_tampered_missing_expired(self):
        """Tampered, missing and expired signed cookies raise or give the default."""
        request = make_request(HTTP_COOKIE="c=hello:tampered:sig")
        with pytest.raises(BadSignature):
            request.get_signed_cookie("c")
        with pytest.raises(KeyError):
            request.get_signed_cookie("missing")
        assert request.get_signed_cookie("missing", default=None) is None
        response = HttpResponse()
        response.set_signed_cookie("c", "v")
        request = make_request(HTTP_COOKIE=f"c={response.cookies['c'].value}")
        with pytest.raises(SignatureExpired):
            request.get_signed_cookie("c", max_age=-1)


class TestAccepts:
    def test_accepts(self):
        """accepts() matches the Accept header with wildcards."""
        request = make_request(HTTP_ACCEPT="text/html, application/*;q=0.5")
        assert request.accepts("text/html")
        assert request.accepts("application/json")
        assert not request.accepts("image/png")

    def test_missing_accept_means_everything(self):
        """Without an Accept header, every type is accepted."""
        assert make_request().accepts("image/png")

    def test_quality_zero_refuses(self):
        """q=0 means not acceptable."""
        request = make_request(HTTP_ACCEPT="text/html, application/json;q=0")
        assert not request.accepts("application/json")

    def test_preferred_type(self):
        """get_preferred_type() picks by quality and specificity; None if nothing fits."""
        request = make_request(HTTP_ACCEPT="text/*;q=0.5, application/json, */*;q=0.1")
        assert request.get_preferred_type(["text/html", "application/json"]) == ("application/json")
        assert request.get_preferred_type(["text/html", "image/png"]) == "text/html"
        strict = make_request(HTTP_ACCEPT="text/html")
        assert strict.get_preferred_type(["application/json"]) is None

    def test_garbage_accept_header(self):
        """A malformed Accept header never raises."""
        request = make_request(HTTP_ACCEPT=",,;;q=x, /, text/, */*;q=abc")
        assert request.accepts("text/html")
        assert [str(t) for t in request.accepted_types] == ["*/*; q=abc"]
