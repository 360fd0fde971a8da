"""FileResponse: streaming a file with the right headers."""

from __future__ import annotations

import io

import pytest

from framework.http import FileResponse


@pytest.fixture
def text_file(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(b"x" * 10_000)
    return path


def test_file_headers_and_content(text_file):
    """Content-Type, Content-Length and inline disposition come from the file."""
    with open(text_file, "rb") as handle:
        response = FileResponse(handle)
        assert response["Content-Type"] == "text/plain"
        assert response["Content-Length"] == "10000"
        assert response["Content-Disposition"] == 'inline; filename="report.txt"'
        assert b"".join(response) == b"x" * 10_000
        assert response.file_to_stream is handle
        response.close()
        assert handle.closed


def test_as_attachment_and_filename(text_file):
    """as_attachment and filename set the download name."""
    response = FileResponse(open(text_file, "rb"), as_attachment=True, filename="other.csv")
    assert response["Content-Disposition"] == 'attachment; filename="other.csv"'
    assert response["Content-Type"] == "text/csv"
    response.close()


def test_unicode_and_quote_filenames():
    """Non-ASCII names use filename*; quotes and backslashes are escaped."""
    response = FileResponse(io.BytesIO(b"a"), as_attachment=True, filename="résumé.pdf")
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''r%C3%A9sum%C3%A9.pdf"
    response = FileResponse(io.BytesIO(b"a"), filename='a"b\\c.txt')
    assert response["Content-Disposition"] == 'inline; filename="a\\"b\\\\c.txt"'


def test_crlf_filename_cannot_inject():
    """A filename with CR/LF is percent-encoded rather than splitting the header."""
    response = FileResponse(io.BytesIO(b"a"), filename="x\r\nSet-Cookie: a=b.txt")
    assert "\r" not in response["Content-Disposition"]
    assert "%0D%0A" in response["Content-Disposition"]


def test_path_in_filename_is_reduced(tmp_path):
    """Only the base name of the file goes into Content-Disposition."""
    response = FileResponse(io.BytesIO(b"a"), filename="/secret/dir/name.txt")
    assert response["Content-Disposition"] == 'inline; filename="name.txt"'


def test_compressed_types_and_unknown():
    """Compressed files get their archive type; unknown ones octet-stream."""
    assert FileResponse(io.BytesIO(b""), filename="a.tar.gz")["Content-Type"] == (
        "application/gzip"
    )
    assert FileResponse(io.BytesIO(b""), filename="noext")["Content-Type"] == (
        "application/octet-stream"
    )
    assert FileResponse(io.BytesIO(b""))["Content-Type"] == "application/octet-stream"
    assert "Content-Disposition" not in FileResponse(io.BytesIO(b""))


def test_explicit_content_type_kept():
    """An explicit content_type is not replaced by a guess."""
    response = FileResponse(io.BytesIO(b"a"), filename="a.txt", content_type="text/x-special")
    assert response["Content-Type"] == "text/x-special"


def test_length_from_current_position():
    """Content-Length counts from the file's current position."""
    buffer = io.BytesIO(b"0123456789")
    buffer.seek(4)
    response = FileResponse(buffer)
    assert response["Content-Length"] == "6"
    assert b"".join(response) == b"456789"


def test_non_file_iterable():
    """An iterable that is not a file is streamed as is."""
    response = FileResponse([b"a", b"b"])
    assert response.file_to_stream is None
    assert b"".join(response) == b"ab"
