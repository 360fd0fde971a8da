"""HTTP-layer advisories: multipart/upload abuse, host header poisoning, query-string
separators, header injection and trailing-newline paths. Hostile requests get a 4xx, never
a 500; the probes live in tests/security/probe_urls.py and need no database."""

from __future__ import annotations

import base64

import pytest

from framework.core.handlers.wsgi import WSGIHandler
from framework.http import HttpResponse, HttpResponseRedirect
from framework.http.response import BadHeaderError
from framework.utils.http import content_disposition_header, parse_header_parameters
from tests.http.environ import BOUNDARY, MULTIPART, make_environ, multipart


@pytest.fixture
def call(settings):
    """Run one environ through the real WSGIHandler; return (status code, headers, body)."""
    settings.ROOT_URLCONF = "tests.security.probe_urls"
    settings.MIDDLEWARE = ["framework.middleware.common.CommonMiddleware"]
    settings.ALLOWED_HOSTS = ["testserver", "good.example"]
    settings.DEBUG = False
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 50
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 5
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100_000
    handler = WSGIHandler()

    def run(**kwargs):
        kwargs.setdefault("HTTP_HOST", "testserver")
        seen = {}

        def start_response(status, headers, exc_info=None):
            seen["status"] = int(status.split()[0])
            seen["headers"] = headers

        body = b"".join(handler(make_environ(**kwargs), start_response))
        return seen["status"], dict(seen["headers"]), body

    return run


def post(call, body: bytes, content_type: str = MULTIPART, **kwargs):
    return call(path="/echo/", method="POST", body=body, content_type=content_type, **kwargs)


TRAVERSAL_NAMES = [
    "../../etc/passwd",
    "..\\..\\windows\\system32",
    "/etc/passwd",
    "C:\\boot.ini",
    "a/../../b.txt",
    "..",
    ".",
    "%2e%2e%2fpasswd",
    "\x00evil.txt",
]


@pytest.mark.parametrize("name", TRAVERSAL_NAMES)
def test_cve_2009_2659_upload_file_name_traversal(call, name):
    """A file name with directory parts reaches FILES as a bare base name (or is dropped)."""
    status, _, body = post(call, multipart(("f", name, b"x")))
    assert status in (200, 400), status
    if status == 200:
        text = body.decode()
        assert "/" not in text.split("names=")[1].replace("[]", "")
        assert "\\" not in text.split("names=")[1].replace("'\\\\'", "")
        assert ".." not in text.split("names=")[1].strip("[]'")


def test_cve_2023_24580_too_many_fields_parts_and_files(call):
    """Too many urlencoded fields, multipart fields or files answer 400."""
    fields = "&".join(f"f{i}=1" for i in range(200)).encode()
    assert post(call, fields, "application/x-www-form-urlencoded")[0] == 400
    many = multipart(*[(f"f{i}", "1") for i in range(200)])
    assert post(call, many)[0] == 400
    files = multipart(*[("f", f"{i}.txt", b"x") for i in range(20)])
    assert post(call, files)[0] == 400
    assert post(call, multipart(("f", "a.txt", b"x"), ("g", "1")))[0] == 200


def test_cve_2021_33203_oversized_part_headers(call):
    """A part header block larger than the parser's limit answers 400."""
    huge = "X-Pad: " + "a" * 200_000 + "\r\n"
    body = multipart(("f", "a.txt", b"x", huge))
    assert post(call, body)[0] == 400


@pytest.mark.parametrize(
    "body",
    [
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue'.encode(),
        f"--{BOUNDARY}\r\nContent-Disposition: form-data".encode(),
        f"--{BOUNDARY}".encode(),
        b"garbage without any boundary",
        f"--{BOUNDARY}\r\n\r\n\r\n--{BOUNDARY}--".encode(),
    ],
    ids=["unterminated-value", "unterminated-headers", "boundary-only", "garbage", "no-name"],
)
def test_cve_2023_24580_unterminated_boundaries(call, body):
    """Truncated or boundary-less multipart bodies answer 200 (nothing parsed) or 400."""
    status, _, _ = post(call, body)
    assert status in (200, 400), status


def test_cve_2023_24580_bad_content_types(call):
    """A multipart content type without boundary, or with a hostile one, answers 400."""
    for ctype in (
        "multipart/form-data",
        "multipart/form-data; boundary=",
        'multipart/form-data; boundary="' + "a" * 500 + '"',
    ):
        assert post(call, b"x", ctype)[0] in (200, 400), ctype


def test_cve_2024_24680_base64_whitespace_bomb(call):
    """A base64 part padded with megabytes of whitespace is bounded: 200 or 400, quickly."""
    payload = base64.b64encode(b"hello")
    bomb = b" \r\n\t" * 250_000 + payload
    body = multipart(("f", "a.txt", bomb, "Content-Transfer-Encoding: base64\r\n"))
    assert post(call, body)[0] in (200, 400)


@pytest.mark.parametrize("length", ["-1", "abc", "99999999999", "1e3", " 5"])
def test_cve_2021_lying_content_length(call, length):
    """A negative, non-numeric or oversized Content-Length answers 200 (empty) or 400."""
    body = b"a=1&b=2"
    status, _, _ = post(call, body, "application/x-www-form-urlencoded", content_length=length)
    assert status in (200, 400, 413), (length, status)
    assert status != 500


def test_cve_2021_lying_short_content_length_reads_only_declared_bytes(call):
    """A body longer than Content-Length is cut at the declared length."""
    status, _, body = post(
        call, b"a=1&b=2&c=3", "application/x-www-form-urlencoded", content_length=3
    )
    assert status == 200 and b"fields=1" in body


@pytest.mark.parametrize(
    "host",
    [
        "evil.com",
        "testserver.evil.com",
        "evil.com#@testserver",
        "testserver@evil.com",
        "evil.com:80@testserver",
        "testserver\r\nX-Injected: 1",
        "[::1",
        "testserver:abc",
        "",
    ],
)
def test_cve_2012_4520_host_header_poisoning(call, host):
    """A disallowed Host header answers 400 and never reaches build_absolute_uri."""
    status, _, body = call(path="/absolute/", HTTP_HOST=host)
    assert status == 400, (host, status, body[:200])
    assert b"evil" not in body or b"Invalid HTTP_HOST" in body


def test_cve_2012_4520_forwarded_host_ignored_by_default(call):
    """X-Forwarded-Host is ignored unless USE_X_FORWARDED_HOST is set."""
    status, _, body = call(
        path="/absolute/", HTTP_HOST="good.example", HTTP_X_FORWARDED_HOST="evil.com"
    )
    assert status == 200 and body == b"http://good.example/absolute/"


def test_cve_2021_23336_semicolon_is_not_a_separator(call):
    """';' does not split query parameters (web cache poisoning)."""
    status, _, body = call(path="/query/", query="a=1;b=2&c=%3B")
    assert status == 200
    assert body == repr([("a", ["1;b=2"]), ("c", [";"])]).encode()


@pytest.mark.parametrize("query", ["a=%ff%fe", "a=%", "%=1", "a=%zz", "a=\xff", "a=%00", "&&=&="])
def test_cve_query_string_bad_encodings(call, query):
    """Broken percent-encoding or bytes answer 200 (decoded with replacement) or 400."""
    status, _, _ = call(path="/query/", query=query)
    assert status in (200, 400), (query, status)


@pytest.mark.parametrize("to", ["/ok\r\nSet-Cookie: a=b", "/ok\nX: y", "/ok\rX: y"])
def test_cve_2010_header_injection_in_redirects(call, to):
    """CR/LF in a redirect target is percent-encoded: the response is never split."""
    location = HttpResponseRedirect(to)["Location"]
    assert "\r" not in location and "\n" not in location
    from urllib.parse import quote

    status, headers, _ = call(path="/go/", query="to=" + quote(to))
    assert status == 302
    assert "Set-Cookie" not in headers and "X" not in headers
    assert "\n" not in headers["Location"] and "\r" not in headers["Location"]


@pytest.mark.parametrize("value", ["a\r\nSet-Cookie: x=y", "a\nb", "a\rb", b"a\nb"])
def test_cve_2010_header_injection_in_custom_headers(value):
    """Custom header values (and names) with CR/LF raise BadHeaderError."""
    response = HttpResponse()
    with pytest.raises(BadHeaderError):
        response["X-Custom"] = value
    with pytest.raises(BadHeaderError):
        response[value] = "v"


@pytest.mark.parametrize(
    "name",
    ['evil"; filename="x.exe', "a\r\nX-Injected: 1", "a\nb.txt", 'q"uote.txt', "ünï.txt"],
)
def test_cve_2022_36359_content_disposition_filename_injection(call, name):
    """Attachment file names are quoted/encoded: no header splitting, no second parameter."""
    header = content_disposition_header(True, name)
    assert "\r" not in header and "\n" not in header
    disposition, params = parse_header_parameters(header)
    assert disposition == "attachment"
    assert list(params) in (["filename"], ["filename*"])
    from urllib.parse import quote

    status, headers, _ = call(path="/download/", query="name=" + quote(name))
    assert status == 200
    assert "X-Injected" not in headers


@pytest.mark.parametrize("path", ["/echo/\n", "/echo/\r\n", "/query/%0a", "/echo\n/"])
def test_cve_2015_trailing_newline_paths_do_not_match(call, path):
    """A path with a trailing newline does not resolve to the view ($ vs \\Z): 404."""
    status, _, _ = call(path=path if "%" not in path else path.replace("%0a", "\n"))
    assert status == 404, (path, status)
