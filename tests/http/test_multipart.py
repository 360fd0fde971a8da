"""The streaming multipart/form-data parser, with well-formed and hostile bodies."""

from __future__ import annotations

import base64
import io
import os

import pytest

from framework.core.exceptions import (
    RequestDataTooBig,
    SuspiciousMultipartForm,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from framework.core.files.uploadedfile import InMemoryUploadedFile, TemporaryUploadedFile
from framework.core.files.uploadhandler import (
    FileUploadHandler,
    MemoryFileUploadHandler,
    SkipFile,
    StopUpload,
    TemporaryFileUploadHandler,
)
from framework.http import MultiPartParserError
from framework.http.multipartparser import MAX_PART_HEADER_SIZE, MultiPartParser
from tests.http.environ import BOUNDARY, MULTIPART, make_environ, multipart, multipart_request


class TestWellFormed:
    def test_fields_and_files(self):
        """Fields go to POST (decoded), files to FILES with name, type and size."""
        body = multipart(
            ("title", "Héllo"),
            ("tags", "a"),
            ("tags", "b"),
            ("doc", "notes.txt", b"line1\r\nline2", "Content-Type: text/plain; charset=utf-8\r\n"),
        )
        request = multipart_request(body)
        assert request.POST["title"] == "Héllo"
        assert request.POST.getlist("tags") == ["a", "b"]
        upload = request.FILES["doc"]
        assert isinstance(upload, InMemoryUploadedFile)
        assert upload.name == "notes.txt"
        assert upload.content_type == "text/plain"
        assert upload.charset == "utf-8"
        assert upload.size == 12
        assert upload.read() == b"line1\r\nline2"
        assert upload.field_name == "doc"

    def test_several_files_one_name(self):
        """Several files under one name are all kept (getlist)."""
        body = multipart(("f", "a.txt", b"A"), ("f", "b.txt", b"B"))
        files = multipart_request(body).FILES.getlist("f")
        assert [(f.name, f.read()) for f in files] == [("a.txt", b"A"), ("b.txt", b"B")]

    def test_empty_field_and_empty_file(self):
        """An empty field is "", an empty file is a zero-byte upload."""
        request = multipart_request(multipart(("e", ""), ("f", "empty.bin", b"")))
        assert request.POST["e"] == ""
        assert request.FILES["f"].size == 0

    def test_no_file_selected_is_skipped(self):
        """A file part with an empty filename (no file chosen) is left out."""
        request = multipart_request(multipart(("f", "", b""), ("a", "1")))
        assert "f" not in request.FILES and "f" not in request.POST
        assert request.POST["a"] == "1"

    def test_boundary_lookalikes_in_data(self):
        """Boundary text not preceded by CRLF, and CR/LF runs, stay part of the data."""
        content = f"x--{BOUNDARY}\r\n-\r\n--{BOUNDARY[:-1]}\r\n\r\n".encode()
        request = multipart_request(multipart(("f", "a.bin", content), ("v", content.decode())))
        assert request.FILES["f"].read() == content
        assert request.POST["v"] == content.decode()

    def test_preamble_epilogue_and_padding(self):
        """Preamble, epilogue and transport padding after a boundary are tolerated."""
        body = (
            b"This is a preamble\r\n"
            + f"--{BOUNDARY}  \t\r\n".encode()
            + b'Content-Disposition: form-data; name="a"\r\n\r\n1\r\n'
            + f"--{BOUNDARY}--\r\nepilogue text".encode()
        )
        assert multipart_request(body).POST["a"] == "1"

    def test_quoted_boundary_and_rfc2231_filename(self):
        """A quoted boundary works; filename* (RFC 2231) gives a Unicode name."""
        body = (
            b'--b:"x\r\n'
            b'Content-Disposition: form-data; name="f"; filename="fallback.txt"; '
            b"filename*=UTF-8''na%C3%AFve%20file.txt\r\n\r\ndata\r\n"
            b'--b:"x--\r\n'
        )
        request = multipart_request(body, content_type='multipart/form-data; boundary="b:\\"x"')
        assert request.FILES["f"].name == "naïve file.txt"

    def test_utf8_field_names_and_non_utf8_values(self):
        """UTF-8 field names decode; undecodable values become U+FFFD."""
        body = multipart(("prénom", b"\xff\xfeok"))
        assert multipart_request(body).POST["prénom"] == "\ufffd\ufffdok"

    def test_base64_transfer_encoding(self):
        """Content-Transfer-Encoding: base64 is decoded for fields and (streamed) files."""
        data = os.urandom(100_001)
        encoded = base64.encodebytes(data).decode()  # with line breaks every 76 chars
        body = multipart(
            ("f", "blob.bin", encoded.encode(), "Content-Transfer-Encoding: base64\r\n"),
        )
        field = (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="t"\r\n'
            "Content-Transfer-Encoding: base64\r\n\r\n"
            f"{base64.b64encode('héllo'.encode()).decode()}\r\n"
        ).encode()
        request = multipart_request(field + body)
        assert request.FILES["f"].read() == data
        assert request.POST["t"] == "héllo"

    def test_invalid_base64_file_raises(self):
        """A base64 file part with invalid characters raises MultiPartParserError."""
        body = multipart(
            ("f", "x.bin", b"!!!not base64!!!", "Content-Transfer-Encoding: base64\r\n")
        )
        with pytest.raises(MultiPartParserError, match="base64"):
            multipart_request(body).FILES  # noqa: B018

    def test_nameless_and_non_form_data_parts_skipped(self):
        """Parts without a name or not form-data are ignored."""
        body = (
            f"--{BOUNDARY}\r\nContent-Disposition: form-data\r\n\r\nno name\r\n"
            f'--{BOUNDARY}\r\nContent-Disposition: attachment; name="x"\r\n\r\nnope\r\n'
            f"--{BOUNDARY}\r\n\r\nno headers at all\r\n"
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="ok"\r\n\r\nyes\r\n'
            f"--{BOUNDARY}--\r\n"
        ).encode()
        request = multipart_request(body)
        assert request.POST.dict() == {"ok": "yes"}
        assert not request.FILES

    @pytest.mark.parametrize("chunk_size", [1, 3, 7, 13, 64, 1000])
    def test_any_chunking_gives_same_result(self, chunk_size):
        """Delimiters and headers cut across read boundaries are found at any chunk size."""

        class SmallChunks(MemoryFileUploadHandler):
            pass

        SmallChunks.chunk_size = chunk_size
        content = b"\r\n--" + BOUNDARY.encode()[:5] + b"\r\r\n" * 20
        body = multipart(("a", "first"), ("f", "x.bin", content), ("b", "last"))
        environ = make_environ(method="POST", body=body, content_type=MULTIPART)
        handler = SmallChunks()
        post, files = MultiPartParser(environ, io.BytesIO(body), [handler]).parse()
        assert post.dict() == {"a": "first", "b": "last"}
        assert files["f"].read() == content

    def test_empty_body(self):
        """A zero Content-Length gives empty POST and FILES."""
        request = multipart_request(b"")
        assert request.POST == {} and request.FILES == {}

    def test_parser_reads_in_chunks(self):
        """The parser never asks the stream for more than one chunk at a time."""
        data = b"z" * (1024 * 1024)
        body = multipart(("f", "big.bin", data))
        sizes = []

        class Recording(io.BytesIO):
            def read(self, size=-1):
                sizes.append(size)
                return super().read(size)

        environ = make_environ(method="POST", body=body, content_type=MULTIPART)
        environ["wsgi.input"] = Recording(body)
        from framework.http import WSGIRequest

        request = WSGIRequest(environ)
        assert request.FILES["f"].size == len(data)
        assert max(sizes) <= FileUploadHandler.chunk_size
        assert all(size is not None and size > 0 for size in sizes)
        request.close()


class TestTemporaryFiles:
    def test_large_upload_spools_to_temp_dir_and_is_removed(self, settings, tmp_path):
        """A body over FILE_UPLOAD_MAX_MEMORY_SIZE goes to FILE_UPLOAD_TEMP_DIR, removed on close."""
        settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1000
        settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
        data = os.urandom(5000)
        request = multipart_request(multipart(("f", "photo.jpg", data), ("a", "1")))
        upload = request.FILES["f"]
        assert isinstance(upload, TemporaryUploadedFile)
        path = upload.temporary_file_path()
        assert os.path.dirname(path) == str(tmp_path)
        assert path.endswith(".upload.jpg")
        assert os.path.exists(path)
        assert upload.read() == data and upload.size == 5000
        assert request.POST["a"] == "1"
        request.close()
        assert not os.path.exists(path)

    def test_odd_extension_not_used_in_temp_name(self, settings, tmp_path):
        """A strange extension from the client does not reach the temporary file's name."""
        settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 10
        settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
        request = multipart_request(multipart(("f", "x.j$p g;rm", b"x" * 50)))
        path = request.FILES["f"].temporary_file_path()
        assert path.endswith(".upload")
        request.close()

    def test_temp_files_removed_when_parsing_fails(self, settings, tmp_path):
        """A broken body after a spooled file leaves no temporary file behind."""
        settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 10
        settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
        body = multipart(("f", "a.bin", b"x" * 100), ("g", "b.bin", b"y" * 100), close=False)
        request = multipart_request(body[:-20])
        with pytest.raises(MultiPartParserError):
            request.FILES  # noqa: B018
        import gc

        gc.collect()
        assert os.listdir(tmp_path) == []


@pytest.mark.parametrize(
    "sent, expected",
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\windows\\system32\\evil.dll", "evil.dll"),
        ("C:\\Users\\me\\My File.txt", "My File.txt"),
        ("/absolute/path/to/file.txt", "file.txt"),
        ("&#x2F;etc&#x2F;shadow", "shadow"),
        ("..&#92;..&#92;boot.ini", "boot.ini"),
        ("evil\x00.txt", "evil.txt"),
        ("line\r\nbreak.txt", None),
        ("..", None),
        (".", None),
        ("a/b/..", None),
        ("   ", None),
    ],
)
def test_file_names_are_sanitised(sent, expected):
    """Uploaded file names lose directories, entities, control characters; '..' is dropped."""
    if "\r" in sent:
        # A raw CR/LF cannot be sent inside a header line; an encoded one can.
        body = (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="f"; '
            "filename*=UTF-8''line%0D%0Abreak.txt\r\n\r\ndata\r\n"
            f"--{BOUNDARY}--\r\n"
        ).encode()
        expected = "linebreak.txt"
    else:
        body = multipart(("f", sent, b"data"))
    files = multipart_request(body).FILES
    if expected is None:
        assert "f" not in files
    else:
        assert files["f"].name == expected
        assert "/" not in files["f"].name and "\\" not in files["f"].name


class TestBrokenInput:
    @pytest.mark.parametrize(
        "content_type",
        [
            "multipart/form-data",
            "multipart/form-data; boundary=",
            "multipart/form-data; boundary=" + "x" * 71,
            'multipart/form-data; boundary="bad\x01char"',
            "multipart/form-data; boundary=trailingspace ",
        ],
    )
    def test_missing_or_invalid_boundary(self, content_type):
        """A missing or invalid boundary raises MultiPartParserError."""
        request = multipart_request(b"--x\r\n", content_type=content_type)
        with pytest.raises(MultiPartParserError, match="boundary"):
            request.POST  # noqa: B018

    def test_not_multipart(self):
        """The parser refuses a non-multipart Content-Type."""
        with pytest.raises(MultiPartParserError, match="Invalid Content-Type"):
            MultiPartParser({"CONTENT_TYPE": "text/plain"}, io.BytesIO(), [])

    def test_negative_content_length(self):
        """A negative CONTENT_LENGTH given to the parser is refused."""
        meta = {"CONTENT_TYPE": MULTIPART, "CONTENT_LENGTH": "-1"}
        with pytest.raises(MultiPartParserError, match="content length"):
            MultiPartParser(meta, io.BytesIO(), [])

    @pytest.mark.parametrize(
        "body",
        [
            pytest.param(b"no boundary anywhere in this body", id="no-boundary"),
            pytest.param(multipart(("a", "1"), close=False), id="no-closing-boundary"),
            pytest.param(multipart(("f", "a.txt", b"x" * 5000))[:2000], id="truncated-in-file"),
            pytest.param(f"--{BOUNDARY}\r\nContent-Disp".encode(), id="truncated-in-headers"),
            pytest.param(f"--{BOUNDARY}".encode(), id="boundary-only"),
        ],
    )
    def test_unterminated(self, body):
        """A body that ends before the closing boundary raises MultiPartParserError."""
        with pytest.raises(MultiPartParserError, match="closing boundary"):
            multipart_request(body).POST  # noqa: B018

    def test_post_is_empty_after_error(self):
        """After a parse error, POST and FILES are empty rather than half-filled."""
        request = multipart_request(multipart(("a", "1"), close=False))
        with pytest.raises(MultiPartParserError):
            request.POST  # noqa: B018
        assert request.POST == {} and request.FILES == {}

    def test_content_length_shorter_than_body(self):
        """A Content-Length that cuts the body short gives a clean parser error."""
        body = multipart(("a", "1"), ("b", "2"))
        with pytest.raises(MultiPartParserError):
            multipart_request(body, content_length=len(body) - 10).POST  # noqa: B018

    def test_content_length_longer_than_body(self):
        """A Content-Length larger than what arrives gives a clean parser error."""
        body = multipart(("a", "1"), close=False)
        with pytest.raises(MultiPartParserError):
            multipart_request(body, content_length=len(body) + 500).POST  # noqa: B018

    def test_garbage_after_boundary(self):
        """A boundary line followed by junk instead of CRLF raises MultiPartParserError."""
        body = f"--{BOUNDARY}junk\r\n\r\n--{BOUNDARY}--\r\n".encode()
        with pytest.raises(MultiPartParserError, match="Malformed"):
            multipart_request(body).POST  # noqa: B018

    def test_malformed_header_line(self):
        """A part header line without a colon raises MultiPartParserError."""
        body = f"--{BOUNDARY}\r\nNot a header\r\n\r\nx\r\n--{BOUNDARY}--\r\n".encode()
        with pytest.raises(MultiPartParserError, match="header"):
            multipart_request(body).POST  # noqa: B018

    def test_part_headers_too_large(self):
        """Part headers larger than MAX_PART_HEADER_SIZE raise SuspiciousMultipartForm."""
        big = "X-Pad: " + "a" * MAX_PART_HEADER_SIZE
        body = (
            f'--{BOUNDARY}\r\n{big}\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n'
            f"--{BOUNDARY}--\r\n"
        ).encode()
        with pytest.raises(SuspiciousMultipartForm, match="headers"):
            multipart_request(body).POST  # noqa: B018

    def test_never_ending_headers(self):
        """Headers that never end (no blank line) are refused without reading everything."""
        body = f"--{BOUNDARY}\r\n".encode() + b"X: y\r\n" * 100_000
        with pytest.raises(SuspiciousMultipartForm):
            multipart_request(body).POST  # noqa: B018


class TestLimits:
    def test_field_data_too_big(self, settings):
        """Non-file field data over DATA_UPLOAD_MAX_MEMORY_SIZE raises RequestDataTooBig."""
        settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
        body = multipart(("a", "x" * 600), ("b", "y" * 600))
        with pytest.raises(RequestDataTooBig, match="DATA_UPLOAD_MAX_MEMORY_SIZE"):
            multipart_request(body).POST  # noqa: B018

    def test_files_do_not_count_toward_memory_limit(self, settings, tmp_path):
        """File data is not limited by DATA_UPLOAD_MAX_MEMORY_SIZE."""
        settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
        settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
        request = multipart_request(multipart(("f", "big.bin", b"x" * 10_000), ("a", "1")))
        assert request.FILES["f"].size == 10_000
        request.close()

    def test_too_many_fields(self, settings):
        """More fields than DATA_UPLOAD_MAX_NUMBER_FIELDS raise TooManyFieldsSent."""
        settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
        ok = multipart(*[(f"f{i}", "v") for i in range(5)])
        assert len(multipart_request(ok).POST) == 5
        body = multipart(*[(f"f{i}", "v") for i in range(6)])
        with pytest.raises(TooManyFieldsSent):
            multipart_request(body).POST  # noqa: B018

    def test_nameless_parts_count_as_fields(self, settings):
        """Skipped parts still count, so they cannot be sent in unlimited numbers."""
        settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 3
        part = f"--{BOUNDARY}\r\nContent-Disposition: form-data\r\n\r\nx\r\n"
        body = (part * 4 + f"--{BOUNDARY}--\r\n").encode()
        with pytest.raises(TooManyFieldsSent):
            multipart_request(body).POST  # noqa: B018

    def test_too_many_files(self, settings):
        """More files than DATA_UPLOAD_MAX_NUMBER_FILES raise TooManyFilesSent."""
        settings.DATA_UPLOAD_MAX_NUMBER_FILES = 2
        body = multipart(*[("f", f"{i}.txt", b"x") for i in range(3)])
        request = multipart_request(body)
        with pytest.raises(TooManyFilesSent):
            request.FILES  # noqa: B018
        assert request.POST == {}

    def test_limits_disabled_with_none(self, settings):
        """None disables the field and file count limits."""
        settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = None
        settings.DATA_UPLOAD_MAX_NUMBER_FILES = None
        body = multipart(*[(f"f{i}", "v") for i in range(1200)])
        assert len(multipart_request(body).POST) == 1200


class TestHandlers:
    def test_skip_file(self):
        """A handler raising SkipFile drops that file; parsing continues."""

        class SkipTxt(MemoryFileUploadHandler):
            def new_file(self, field_name, file_name, *args, **kwargs):
                if file_name.endswith(".exe"):
                    raise SkipFile()
                super().new_file(field_name, file_name, *args, **kwargs)

        request = multipart_request(multipart(("a", "bad.exe", b"MZ"), ("b", "ok.txt", b"ok")))
        request.upload_handlers = [SkipTxt(request)]
        assert list(request.FILES) == ["b"]

    def test_skip_file_while_receiving(self, settings, tmp_path):
        """SkipFile raised on a data chunk drops that file only; its temp file is removed."""
        settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)

        class RefuseBig(TemporaryFileUploadHandler):
            def receive_data_chunk(self, raw_data, start):
                if start + len(raw_data) > 10:
                    raise SkipFile()
                return super().receive_data_chunk(raw_data, start)

        body = multipart(("big", "big.bin", b"x" * 50), ("small", "s.txt", b"ok"), ("a", "1"))
        request = multipart_request(body)
        request.upload_handlers = [RefuseBig(request)]
        assert list(request.FILES) == ["small"]
        assert request.FILES["small"].read() == b"ok"
        assert request.POST["a"] == "1"
        assert len(os.listdir(tmp_path)) == 1  # only the kept upload
        request.close()
        assert os.listdir(tmp_path) == []

    def test_stop_upload(self):
        """StopUpload ends parsing: files after it are not stored."""

        class StopAfterFirst(MemoryFileUploadHandler):
            seen = 0

            def new_file(self, *args, **kwargs):
                StopAfterFirst.seen += 1
                if StopAfterFirst.seen > 1:
                    raise StopUpload(connection_reset=False)
                super().new_file(*args, **kwargs)

        request = multipart_request(multipart(("a", "1.txt", b"1"), ("b", "2.txt", b"2")))
        request.upload_handlers = [StopAfterFirst(request)]
        assert list(request.FILES) == ["a"]
        assert "Consume request data" in str(StopUpload())

    def test_handle_raw_input_can_take_over(self):
        """A handler returning (POST, FILES) from handle_raw_input() replaces parsing."""
        from framework.http import QueryDict
        from framework.utils.datastructures import MultiValueDict

        class TakeOver(FileUploadHandler):
            def handle_raw_input(self, *args, **kwargs):
                return QueryDict("custom=1"), MultiValueDict()

        request = multipart_request(multipart(("a", "1")))
        request.upload_handlers = [TakeOver(request)]
        assert request.POST.dict() == {"custom": "1"}

    def test_handlers_cannot_change_after_upload(self):
        """Upload handlers are frozen once the upload was processed."""
        request = multipart_request(multipart(("f", "a.txt", b"x")))
        assert len(request.upload_handlers) == 2
        request.FILES  # noqa: B018
        with pytest.raises(AttributeError, match="after the upload"):
            request.upload_handlers = []
        with pytest.raises(AttributeError, match="alter upload handlers"):
            request.upload_handlers.append(TemporaryFileUploadHandler())
