"""``HttpRequest``: what a view receives; ``HttpHeaders``; request-body exceptions."""

from __future__ import annotations

import codecs
import re
from io import BytesIO
from itertools import chain
from typing import Any
from urllib.parse import urljoin, urlsplit

from framework.conf import settings
from framework.core.exceptions import (
    BadRequest,
    DisallowedHost,
    ImproperlyConfigured,
    RequestDataTooBig,
    TooManyFilesSent,
)
from framework.http.mediatype import MediaType, parse_accept_header
from framework.http.multipartparser import MultiPartParser, MultiPartParserError
from framework.http.querydict import QueryDict as QueryDict
from framework.http.querydict import bytes_to_text as bytes_to_text
from framework.utils.datastructures import (
    CaseInsensitiveMapping,
    ImmutableList,
    MultiValueDict,
)
from framework.utils.deferred import lazy_module
from framework.utils.encoding import escape_uri_path, iri_to_uri
from framework.utils.functional import cached_property
from framework.utils.http import is_same_domain, parse_header_parameters

# Upload handlers (tempfile, shutil) matter only for multipart bodies.
_uploadhandler = lazy_module("framework.core.files.uploadhandler")

RAISE_ERROR = object()
# A domain name or a bracketed IPv6 address, then an optional port.
_HOST_VALIDATION = re.compile(r"([a-z0-9.-]+|\[[a-f0-9]*:[a-f0-9.:]+\])(?::([0-9]+))?")


class UnreadablePostError(OSError):
    """The request body could not be read (the client went away)."""


class RawPostDataException(Exception):
    """``request.body`` was accessed after the body stream had been read (e.g. by POST)."""


class HttpHeaders(CaseInsensitiveMapping):
    """The request headers from META, without the ``HTTP_`` prefix: ``headers["User-Agent"]``.

    Look-ups are case-insensitive and accept underscores (``headers["user_agent"]``).
    """

    HTTP_PREFIX = "HTTP_"
    # PEP 3333: these two are in the environ without the HTTP_ prefix.
    UNPREFIXED_HEADERS = frozenset(("CONTENT_TYPE", "CONTENT_LENGTH"))

    def __init__(self, environ: dict):
        headers = {}
        for header, value in environ.items():
            name = self.parse_header_name(header)
            if name:
                headers[name] = value
        super().__init__(headers)

    def __getitem__(self, key: str) -> Any:
        return super().__getitem__(key.replace("_", "-"))

    @classmethod
    def parse_header_name(cls, header: str) -> str | None:
        """``HTTP_USER_AGENT`` -> ``User-Agent``; None for keys that are not headers."""
        if header.startswith(cls.HTTP_PREFIX):
            header = header[len(cls.HTTP_PREFIX) :]
        elif header not in cls.UNPREFIXED_HEADERS:
            return None
        return header.replace("_", "-").title()

    @classmethod
    def to_wsgi_name(cls, header: str) -> str:
        """``User-Agent`` -> ``HTTP_USER_AGENT``."""
        header = header.replace("-", "_").upper()
        if header in cls.UNPREFIXED_HEADERS:
            return header
        return f"{cls.HTTP_PREFIX}{header}"

    @classmethod
    def to_wsgi_names(cls, headers: dict) -> dict:
        """Rename a dict of headers to their environ keys."""
        return {cls.to_wsgi_name(name): value for name, value in headers.items()}


def split_domain_port(host: str) -> tuple[str, str]:
    """Split ``host[:port]`` into lower-cased ``(domain, port)``; ``("", "")`` if invalid."""
    match = _HOST_VALIDATION.fullmatch(host.lower())
    if not match:
        return "", ""
    domain, port = match.groups(default="")
    return domain.removesuffix("."), port


# (host, tuple(ALLOWED_HOSTS)) pairs that passed get_host(); bounded, as hosts come
# from the client.
_VALID_HOSTS: set[tuple[str, tuple]] = set()
_VALID_HOSTS_MAX = 256


def validate_host(host: str, allowed_hosts: Any) -> bool:
    """True if ``host`` (no port) matches a pattern of ALLOWED_HOSTS (``*``, ``.example.com``)."""
    for pattern in allowed_hosts:
        if pattern == "*" or is_same_domain(host, pattern):
            return True
    return False


class HttpRequest:
    """An HTTP request: method, path, GET/POST/FILES/COOKIES/META, headers, body.

    Built by the handler (``WSGIRequest``) from the WSGI environ; tests may build
    one by hand.
    """

    _encoding: str | None = None
    _upload_handlers: list = []
    _read_started = False
    non_picklable_attrs = frozenset(["resolver_match", "_stream"])

    def __init__(self):
        # Every attribute a view may touch exists, even on a hand-made request.
        self.GET = QueryDict(mutable=True)
        self.POST = QueryDict(mutable=True)
        self.COOKIES: dict[str, str] = {}
        self.META: dict[str, Any] = {}
        self.FILES = MultiValueDict()
        self.path = ""
        self.path_info = ""
        self.method: str | None = None
        self.resolver_match = None
        self.content_type: str | None = None
        self.content_params: dict[str, str] | None = None

    def __repr__(self) -> str:
        if self.method is None or not self.get_full_path():
            return f"<{type(self).__name__}>"
        return f"<{type(self).__name__}: {self.method} {self.get_full_path()!r}>"

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k not in self.non_picklable_attrs}

    @cached_property
    def headers(self) -> HttpHeaders:
        """Case-insensitive request headers."""
        return HttpHeaders(self.META)

    # ------------------------------------------------------------ content negotiation
    @cached_property
    def accepted_types(self) -> list[MediaType]:
        """The media types of the Accept header, most preferred first (q=0 left out)."""
        return parse_accept_header(self.headers.get("Accept", "*/*"))

    def accepted_type(self, media_type: str) -> MediaType | None:
        """The most preferred accepted type that matches ``media_type``, if any."""
        return next((t for t in self.accepted_types if t.match(media_type)), None)

    def accepts(self, media_type: str) -> bool:
        """True if the Accept header allows ``media_type`` (e.g. ``"text/html"``)."""
        return any(t.match(media_type) for t in self.accepted_types)

    def get_preferred_type(self, media_types: list[str]) -> str | None:
        """The one of ``media_types`` the client prefers, or None if it accepts none."""
        best, best_rank = None, None
        for media_type in media_types:
            accepted = self.accepted_type(media_type)
            if accepted is None:
                continue
            rank = self.accepted_types.index(accepted)
            if best_rank is None or rank < best_rank:
                best, best_rank = media_type, rank
        return best

    def _set_content_type_params(self, meta: dict) -> None:
        if not meta.get("CONTENT_TYPE"):
            # No body type (GET, HEAD): nothing to parse.
            self.content_type, self.content_params = "", {}
            return
        try:
            self.content_type, self.content_params = parse_header_parameters(
                meta.get("CONTENT_TYPE", "")
            )
        except ValueError:
            # An absurdly long Content-Type: treat the body as opaque.
            self.content_type, self.content_params = "", {}
        if "charset" in self.content_params:
            try:
                codecs.lookup(self.content_params["charset"])
            except (LookupError, ValueError):
                # Unknown, or refused by the codec registry ("utf\x00" from charset*=).
                pass
            else:
                self.encoding = self.content_params["charset"]

    # ------------------------------------------------------------ host, scheme, URLs
    def _get_raw_host(self) -> str:
        if settings.USE_X_FORWARDED_HOST and "HTTP_X_FORWARDED_HOST" in self.META:
            return self.META["HTTP_X_FORWARDED_HOST"]
        if "HTTP_HOST" in self.META:
            return self.META["HTTP_HOST"]
        host = self.META["SERVER_NAME"]
        port = self.get_port()
        if port != ("443" if self.is_secure() else "80"):
            host = f"{host}:{port}"
        return host

    def get_host(self) -> str:
        """The host (with port if not default), checked against ALLOWED_HOSTS.

        Raises DisallowedHost (a 400) for a host that is invalid or not allowed. With
        DEBUG on and ALLOWED_HOSTS empty, localhost, its subdomains, 127.0.0.1 and [::1]
        are allowed.
        """
        host = self._get_raw_host()
        allowed_hosts = settings.ALLOWED_HOSTS
        if settings.DEBUG and not allowed_hosts:
            allowed_hosts = [".localhost", "127.0.0.1", "[::1]"]
        # Every request checks its host: remember the hosts already found valid for this
        # exact ALLOWED_HOSTS (the key holds its contents, so a changed setting misses).
        key = (host, tuple(allowed_hosts))
        if key in _VALID_HOSTS:
            return host
        domain, _port = split_domain_port(host)
        if domain and validate_host(domain, allowed_hosts):
            if len(_VALID_HOSTS) >= _VALID_HOSTS_MAX:
                _VALID_HOSTS.clear()
            _VALID_HOSTS.add(key)
            return host
        message = f"Invalid HTTP_HOST header: {host!r}."
        if domain:
            message += f" You may need to add {domain!r} to ALLOWED_HOSTS."
        else:
            message += " The domain name provided is not valid according to RFC 1034/1035."
        raise DisallowedHost(message)

    def get_port(self) -> str:
        """The port, from X-Forwarded-Port if USE_X_FORWARDED_PORT, else SERVER_PORT."""
        if settings.USE_X_FORWARDED_PORT and "HTTP_X_FORWARDED_PORT" in self.META:
            return str(self.META["HTTP_X_FORWARDED_PORT"])
        return str(self.META["SERVER_PORT"])

    def get_full_path(self, force_append_slash: bool = False) -> str:
        """The path with the query string: ``/music/bands/?print=true``."""
        return self._get_full_path(self.path, force_append_slash)

    def get_full_path_info(self, force_append_slash: bool = False) -> str:
        """Like ``get_full_path()`` but with ``path_info`` (no script prefix)."""
        return self._get_full_path(self.path_info, force_append_slash)

    def _get_full_path(self, path: str, force_append_slash: bool) -> str:
        slash = "/" if force_append_slash and not path.endswith("/") else ""
        query = self.META.get("QUERY_STRING", "")
        return f"{escape_uri_path(path)}{slash}{'?' + iri_to_uri(query) if query else ''}"

    def get_signed_cookie(
        self, key: str, default: Any = RAISE_ERROR, salt: str = "", max_age: Any = None
    ) -> Any:
        """The value of a cookie set by ``set_signed_cookie()``.

        Raises KeyError if missing and BadSignature if tampered with or older than
        ``max_age`` (SignatureExpired), unless ``default`` is given.
        """
        # Imported here: signing (hashlib, hmac) is only needed by views that sign cookies.
        from framework.core import signing

        try:
            cookie_value = self.COOKIES[key]
        except KeyError:
            if default is not RAISE_ERROR:
                return default
            raise
        try:
            return signing.get_cookie_signer(salt=key + salt).unsign(cookie_value, max_age=max_age)
        except signing.BadSignature:
            if default is not RAISE_ERROR:
                return default
            raise

    def build_absolute_uri(self, location: str | None = None) -> str:
        """The absolute URI of ``location`` (default: this request's full path)."""
        if location is None:
            location = f"//{self.get_full_path()}"
        else:
            location = str(location)
        bits = urlsplit(location)
        if not (bits.scheme and bits.netloc):
            if (
                bits.path.startswith("/")
                and not bits.scheme
                and not bits.netloc
                and "/./" not in bits.path
                and "/../" not in bits.path
            ):
                # Fast path for the common case of an absolute path.
                location = self._current_scheme_host + location.removeprefix("//")
            else:
                location = urljoin(self._current_scheme_host + self.path, location)
        return iri_to_uri(location)

    @cached_property
    def _current_scheme_host(self) -> str:
        return f"{self.scheme}://{self.get_host()}"

    def _get_scheme(self) -> str:
        return "http"

    @property
    def scheme(self) -> str:
        """``"https"`` or ``"http"``, trusting SECURE_PROXY_SSL_HEADER when set."""
        if settings.SECURE_PROXY_SSL_HEADER:
            try:
                header, secure_value = settings.SECURE_PROXY_SSL_HEADER
            except ValueError:
                raise ImproperlyConfigured(
                    "The SECURE_PROXY_SSL_HEADER setting must be a tuple containing two "
                    f"values, not {settings.SECURE_PROXY_SSL_HEADER!r}."
                )
            header_value = self.META.get(header)
            if header_value is not None:
                # Proxies may append: "https, http" -> the first one is the client's.
                first = header_value.split(",", 1)[0]
                return "https" if first.strip() == secure_value else "http"
        return self._get_scheme()

    def is_secure(self) -> bool:
        """True if the request came over HTTPS."""
        return self.scheme == "https"

    # ------------------------------------------------------------ body and its parsing
    @property
    def encoding(self) -> str | None:
        """The charset for decoding form data (None: DEFAULT_CHARSET); settable."""
        return self._encoding

    @encoding.setter
    def encoding(self, value: str | None) -> None:
        # GET and POST were decoded with the old charset: decode again on next access.
        self._encoding = value
        self.__dict__.pop("_post", None)
        if isinstance(getattr(type(self), "GET", None), cached_property):
            self.__dict__.pop("GET", None)

    def _initialize_handlers(self) -> None:
        self._upload_handlers = [
            _uploadhandler.load_handler(handler, self) for handler in settings.FILE_UPLOAD_HANDLERS
        ]

    @property
    def upload_handlers(self) -> list:
        """The upload handlers for this request (FILE_UPLOAD_HANDLERS by default)."""
        if not self._upload_handlers:
            self._initialize_handlers()
        return self._upload_handlers

    @upload_handlers.setter
    def upload_handlers(self, upload_handlers: list) -> None:
        if hasattr(self, "_files"):
            raise AttributeError(
                "You cannot set the upload handlers after the upload has been processed."
            )
        self._upload_handlers = upload_handlers

    def parse_file_upload(self, META: dict, post_data: Any) -> tuple[QueryDict, MultiValueDict]:
        """Parse a multipart body into ``(POST, FILES)``."""
        self.upload_handlers = ImmutableList(
            self.upload_handlers,
            warning="You cannot alter upload handlers after the upload has been processed.",
        )
        parser = MultiPartParser(META, post_data, self.upload_handlers, self.encoding)
        return parser.parse()

    @property
    def body(self) -> bytes:
        """The raw body. Raises RawPostDataException once the stream was read otherwise,
        and RequestDataTooBig past DATA_UPLOAD_MAX_MEMORY_SIZE."""
        if not hasattr(self, "_body"):
            if self._read_started:
                raise RawPostDataException(
                    "You cannot access body after reading from request's data stream."
                )
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
            if limit is not None and _content_length(self.META) > limit:
                raise RequestDataTooBig(
                    f"Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE ({limit})."
                )
            try:
                self._body = self.read()
            except OSError as exc:
                raise UnreadablePostError(*exc.args) from exc
            finally:
                self._stream.close()
            self._stream = BytesIO(self._body)
        return self._body

    def _mark_post_parse_error(self) -> None:
        self._post = QueryDict()
        self._files = MultiValueDict()

    def _load_post_and_files(self) -> None:
        """Parse the body into ``_post`` and ``_files`` (only for POST, as Django does)."""
        if self.method != "POST":
            self._post, self._files = QueryDict(encoding=self._encoding), MultiValueDict()
            return
        if self._read_started and not hasattr(self, "_body"):
            self._mark_post_parse_error()
            return
        if self.content_type == "multipart/form-data":
            data = BytesIO(self._body) if hasattr(self, "_body") else self
            try:
                self._post, self._files = self.parse_file_upload(self.META, data)
            except (MultiPartParserError, TooManyFilesSent):
                # Leave the request usable (empty POST) for the error handling that follows.
                self._mark_post_parse_error()
                raise
        elif self.content_type == "application/x-www-form-urlencoded":
            # RFC 1866: this content type has no charset and is always UTF-8.
            if self._encoding is not None and self._encoding.lower() != "utf-8":
                raise BadRequest(
                    "HTTP requests with the 'application/x-www-form-urlencoded' content type "
                    f"must be UTF-8 encoded, not {self._encoding!r}."
                )
            self._post = QueryDict(self.body, encoding="utf-8")
            self._files = MultiValueDict()
        else:
            self._post, self._files = QueryDict(encoding=self._encoding), MultiValueDict()

    def close(self) -> None:
        """Close uploaded files (removing temporary ones)."""
        # Checked in __dict__: hasattr would raise and catch on every request without files.
        if "_files" in self.__dict__:
            for file in chain.from_iterable(values for _key, values in self._files.lists()):
                file.close()

    # File-like access to the body. Reading marks the stream as consumed, after which
    # ``body`` cannot be read any more.
    def read(self, *args: Any, **kwargs: Any) -> bytes:
        """Read from the body stream."""
        self._read_started = True
        try:
            return self._stream.read(*args, **kwargs)
        except OSError as exc:
            raise UnreadablePostError(*exc.args) from exc

    def readline(self, *args: Any, **kwargs: Any) -> bytes:
        """Read one line from the body stream."""
        self._read_started = True
        try:
            return self._stream.readline(*args, **kwargs)
        except OSError as exc:
            raise UnreadablePostError(*exc.args) from exc

    def __iter__(self):
        return iter(self.readline, b"")

    def readlines(self) -> list[bytes]:
        return list(self)


def _content_length(meta: dict) -> int:
    try:
        return int(meta.get("CONTENT_LENGTH") or 0)
    except (ValueError, TypeError):
        return 0
