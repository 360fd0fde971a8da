"""framework.utils.http."""

from __future__ import annotations

import datetime

import pytest

from framework.utils.datastructures import MultiValueDict
from framework.utils.http import (
    MAX_HEADER_LENGTH,
    base36_to_int,
    content_disposition_header,
    escape_leading_slashes,
    http_date,
    int_to_base36,
    is_same_domain,
    parse_etags,
    parse_header_parameters,
    parse_http_date,
    parse_http_date_safe,
    quote_etag,
    url_has_allowed_host_and_scheme,
    urlencode,
    urlsafe_base64_decode,
    urlsafe_base64_encode,
)


class TestUrlencode:
    def test_basic(self):
        """Mappings, pairs and MultiValueDicts encode; doseq repeats sequences."""
        assert urlencode({"a": 1, "b": "x y"}) == "a=1&b=x+y"
        assert urlencode([("a", "1"), ("a", "2")]) == "a=1&a=2"
        assert urlencode({"a": [1, 2]}, doseq=True) == "a=1&a=2"
        assert urlencode({"a": "xy"}, doseq=True) == "a=xy"
        assert urlencode(MultiValueDict({"a": ["1", "2"]}), doseq=True) == "a=1&a=2"
        assert urlencode({"a": b"raw"}, doseq=True) == "a=raw"

    def test_none_refused(self):
        """None values raise TypeError naming the key."""
        with pytest.raises(TypeError, match="'a'"):
            urlencode({"a": None})
        with pytest.raises(TypeError, match="'b'"):
            urlencode({"b": [1, None]}, doseq=True)


class TestDates:
    def test_http_date(self):
        """http_date formats in RFC 9110 form."""
        assert http_date(0) == "Thu, 01 Jan 1970 00:00:00 GMT"
        assert http_date(1_700_000_000) == "Tue, 14 Nov 2023 22:13:20 GMT"

    def test_http_date_matches_email_formatdate(self):
        """http_date writes what email.utils.formatdate(usegmt=True) writes, for any time."""
        from email.utils import formatdate

        stamps = [0, 59.999999, 951_782_400, 1_709_164_800.5, 4_102_444_799, -86_400.25]
        stamps += [n * 7_654_321.123 for n in range(1, 600)]
        assert [http_date(s) for s in stamps] == [formatdate(s, usegmt=True) for s in stamps]

    def test_http_date_defaults_to_now(self):
        """Without an argument, the current time (as parse_http_date reads it back)."""
        import time

        before = int(time.time())
        assert before <= parse_http_date(http_date()) <= int(time.time())

    @pytest.mark.parametrize(
        "value",
        [
            "Sun, 06 Nov 1994 08:49:37 GMT",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
        ],
    )
    def test_three_formats(self, value):
        """The three RFC 9110 date formats parse to the same instant."""
        assert parse_http_date(value) == 784111777

    def test_two_digit_year(self):
        """Two-digit years more than 50 years ahead belong to the last century."""
        current = datetime.datetime.now(datetime.UTC).year
        far = (current + 51) % 100  # 51 years ahead: last century
        near = (current + 49) % 100  # 49 years ahead: this century

        def year_of(two_digits):
            stamp = parse_http_date(f"Sunday, 06-Nov-{two_digits:02d} 08:49:37 GMT")
            return datetime.datetime.fromtimestamp(stamp, datetime.UTC).year

        assert year_of(far) == current + 51 - 100
        assert year_of(near) == current + 49

    @pytest.mark.parametrize(
        "value",
        [
            "",
            "garbage",
            "Sun, 32 Nov 1994 08:49:37 GMT",
            "Sun, 06 Foo 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 25:49:37 GMT",
            "Sun, 06 Nov 1994 08:49:37 UTC",
        ],
    )
    def test_invalid(self, value):
        """Invalid dates raise ValueError; the safe variant returns None."""
        with pytest.raises(ValueError):
            parse_http_date(value)
        assert parse_http_date_safe(value) is None


class TestEncodings:
    def test_base36(self):
        """base36 round-trips; overlong or negative input is refused."""
        for n in (0, 35, 36, 10**12):
            assert base36_to_int(int_to_base36(n)) == n
        assert int_to_base36(36) == "10"
        with pytest.raises(ValueError):
            base36_to_int("z" * 14)
        with pytest.raises(ValueError):
            int_to_base36(-1)
        with pytest.raises(ValueError):
            base36_to_int("!!")

    def test_urlsafe_base64(self):
        """URL-safe base64 drops padding and decodes with or without it."""
        for data in (b"", b"a", b"ab", b"abc", b"\xff\xfe\xfd"):
            encoded = urlsafe_base64_encode(data)
            assert "=" not in encoded
            assert urlsafe_base64_decode(encoded) == data
        with pytest.raises(ValueError):
            urlsafe_base64_decode("a")


class TestEtags:
    def test_parse_etags(self):
        """ETags parse from lists; '*' and malformed entries are handled."""
        assert parse_etags('"a", W/"b", c, "d') == ['"a"', 'W/"b"']
        assert parse_etags(" * ") == ["*"]
        assert parse_etags("") == []

    def test_quote_etag(self):
        """quote_etag quotes bare values and leaves quoted ones."""
        assert quote_etag("abc") == '"abc"'
        assert quote_etag('"abc"') == '"abc"'
        assert quote_etag('W/"abc"') == 'W/"abc"'


class TestSafeUrls:
    @pytest.mark.parametrize(
        "url",
        [
            "/view/?param=http://example.com",
            "view/?param=https://example.com",
            "//testserver/",
            "http://testserver/confirm?email=me@example.com",
            "/url%20with%20spaces/",
            "path/http:2222222222",
        ],
    )
    def test_safe(self, url):
        """Relative URLs and allowed hosts are safe."""
        assert url_has_allowed_host_and_scheme(url, {"testserver"})

    @pytest.mark.parametrize(
        "url",
        [
            "http://example.com",
            "http:///example.com",
            "https://example.com",
            "ftp://example.com",
            r"\\example.com",
            r"\\\example.com",
            r"/\\/example.com",
            r"\\\\example.com",
            r"\\//example.com",
            r"/\/example.com",
            r"\/example.com",
            r"/\example.com",
            "http:/example.com",
            r"http:/\example.com",
            r"http:\/example.com",
            'javascript:alert("XSS")',
            "\njavascript:alert(x)",
            "\x08//example.com",
            r"http://otherserver\@example.com",
            r"http:\\testserver\@example.com",
            r"http://testserver\me:pass@example.com",
            r"http://testserver\@example.com",
            r"http:\\testserver\confirm\me@example.com",
            "http:999999999",
            "ftp:9999999999",
            "\n",
            "http://[2001:cdba:0000:0000:0000:0000:3257:9652",
            "http://2001:cdba:0000:0000:0000:0000:3257:9652]",
            "///example.com",
            "",
            None,
            "/" + "a" * 3000,
        ],
    )
    def test_unsafe(self, url):
        """Other hosts, odd slashes, control characters and other schemes are refused."""
        assert not url_has_allowed_host_and_scheme(url, {"testserver", "testserver2"})

    def test_require_https(self):
        """require_https refuses plain http to an allowed host."""
        assert url_has_allowed_host_and_scheme("https://a.com/", "a.com", require_https=True)
        assert not url_has_allowed_host_and_scheme("http://a.com/", "a.com", require_https=True)
        assert url_has_allowed_host_and_scheme("/rel", None, require_https=True)

    def test_same_domain(self):
        """is_same_domain matches exact hosts and dotted patterns."""
        assert is_same_domain("example.com", "example.com")
        assert is_same_domain("sub.example.com", ".example.com")
        assert is_same_domain("example.com", ".example.com")
        assert not is_same_domain("example.com", "")
        assert not is_same_domain("badexample.com", ".example.com")
        assert not is_same_domain("example.com.evil", ".example.com")

    def test_escape_leading_slashes(self):
        """A leading // is escaped so that it cannot be read as a host."""
        assert escape_leading_slashes("//example.com") == "/%2Fexample.com"
        assert escape_leading_slashes("/path") == "/path"


class TestHeaders:
    def test_content_disposition(self):
        """content_disposition_header quotes ASCII names and uses filename* otherwise."""
        assert content_disposition_header(False, "a.txt") == 'inline; filename="a.txt"'
        assert content_disposition_header(True, "a.txt") == 'attachment; filename="a.txt"'
        assert (
            content_disposition_header(True, "é.txt") == "attachment; filename*=utf-8''%C3%A9.txt"
        )
        assert content_disposition_header(True, "") == "attachment"
        assert content_disposition_header(False, "") is None

    @pytest.mark.parametrize(
        "line, expected",
        [
            ("text/plain", ("text/plain", {})),
            ("Text/HTML; Charset=UTF-8", ("text/html", {"charset": "UTF-8"})),
            (
                'form-data; name="a;b"; filename="c\\"d"',
                ("form-data", {"name": "a;b", "filename": 'c"d'}),
            ),
            (
                "attachment; filename*=UTF-8''%E2%82%AC%20rates",
                ("attachment", {"filename": "€ rates"}),
            ),
            (
                "attachment; filename*=iso-8859-1'en'%A3%20rates",
                ("attachment", {"filename": "£ rates"}),
            ),
            ("attachment; filename*=bogus''%A3", ("attachment", {"filename": "\ufffd"})),
            ("a; novalue; =x; k=v", ("a", {"k": "v"})),
            ('a; k="unterminated', ("a", {"k": '"unterminated'})),
            ("", ("", {})),
        ],
    )
    def test_parse_header_parameters(self, line, expected):
        """Parameters parse with quoting, escapes and RFC 2231 values."""
        assert parse_header_parameters(line) == expected

    def test_too_long(self):
        """Lines over max_length raise ValueError; None disables the limit."""
        line = "a; b=" + "x" * MAX_HEADER_LENGTH
        with pytest.raises(ValueError, match="too long"):
            parse_header_parameters(line)
        assert parse_header_parameters(line, max_length=None)[0] == "a"
