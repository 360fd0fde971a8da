"""The DEBUG pages: the technical 500 and 404 pages and the welcome page.

``ExceptionReporter`` collects frames, request data and settings; what it may show is
decided by ``SafeExceptionReporterFilter`` (``framework.views.debug_filter``).
"""

from __future__ import annotations

import datetime
import linecache
import os
import sys
import traceback
from types import ModuleType, TracebackType
from typing import Any

import framework
from framework.conf import settings
from framework.utils.module_loading import import_string
from framework.views._pages import render_page
from framework.views.debug_filter import CLEANSED_SUBSTITUTE as CLEANSED_SUBSTITUTE
from framework.views.debug_filter import CallableSettingWrapper as CallableSettingWrapper
from framework.views.debug_filter import SafeExceptionReporterFilter as SafeExceptionReporterFilter
from framework.views.debug_filter import (
    get_exception_reporter_filter as get_exception_reporter_filter,
)
from framework.views.debug_filter import is_multivaluedict

# Lines of source shown around the current line of each frame.
CONTEXT_LINES = 7
# Longest repr() shown for one variable.
MAX_REPR_LENGTH = 4096
_FRAMEWORK_DIR = os.path.dirname(framework.__file__) + os.sep


def get_exception_reporter_class(request: Any) -> type[ExceptionReporter]:
    """Return the request's ``exception_reporter_class`` or DEFAULT_EXCEPTION_REPORTER."""
    cls = getattr(request, "exception_reporter_class", None)
    return cls or import_string(settings.DEFAULT_EXCEPTION_REPORTER)


def _safe_repr(value: Any) -> str:
    try:
        text = repr(value)
    except Exception as exc:  # a broken __repr__ must not break the report
        return f"Error in formatting: {type(exc).__name__}: {exc}"
    if len(text) > MAX_REPR_LENGTH:
        text = f"{text[:MAX_REPR_LENGTH]}… <trimmed {len(text)} bytes string>"
    return text


def _exception_chain(exc: BaseException) -> list[BaseException]:
    """Return the exception and its causes/contexts, oldest first."""
    chain: list[BaseException] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        chain.append(current)
        seen.add(id(current))
        if current.__cause__ is not None:
            current = current.__cause__
        elif not current.__suppress_context__:
            current = current.__context__
        else:
            current = None
    chain.reverse()
    return chain


def _call_safely(func: Any, default: Any = None) -> Any:
    try:
        return func()
    except Exception as exc:  # reporting must survive a request that fails to parse
        return default if default is not None else f"<unavailable: {type(exc).__name__}: {exc}>"


def _items(mapping: Any) -> list[tuple[str, str]]:
    if mapping is None or isinstance(mapping, str):
        return []
    if is_multivaluedict(mapping):
        pairs = []
        for key, values in mapping.lists():
            pairs.append((str(key), _safe_repr(values[0] if len(values) == 1 else values)))
        return pairs
    return [(str(k), _safe_repr(v)) for k, v in sorted(mapping.items(), key=lambda kv: str(kv[0]))]


def get_caller(request: Any) -> str:
    """Return the dotted path of the view that handled (or would handle) ``request``."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        try:
            from framework.urls import resolve

            match = resolve(request.path_info)
        except Exception:
            return ""
    func = getattr(match, "func", None)
    if func is None:
        return ""
    func = getattr(func, "view_class", func)
    module = getattr(func, "__module__", type(func).__module__)
    qualname = getattr(func, "__qualname__", type(func).__qualname__)
    return f"{module}.{qualname}"


class ExceptionReporter:
    """Collect what the technical 500 page shows and render it as HTML or text."""

    def __init__(
        self,
        request: Any,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        tb: TracebackType | None,
        is_email: bool = False,
    ):
        self.request = request
        self.filter = get_exception_reporter_filter(request)
        self.exc_type = exc_type
        self.exc_value = exc_value
        self.tb = tb
        self.is_email = is_email

    def _frame(self, tb: TracebackType) -> dict[str, Any] | None:
        frame = tb.tb_frame
        if frame.f_locals.get("__traceback_hide__"):
            return None
        filename = frame.f_code.co_filename
        lineno = tb.tb_lineno
        lines = linecache.getlines(filename, frame.f_globals)
        pre_context: list[str] = []
        context_line = post_context = None
        pre_lineno = lineno
        if lines and 0 < lineno <= len(lines):
            start = max(lineno - 1 - CONTEXT_LINES, 0)
            pre_context = [line.rstrip("\n") for line in lines[start : lineno - 1]]
            context_line = lines[lineno - 1].rstrip("\n")
            post_context = [line.rstrip("\n") for line in lines[lineno : lineno + CONTEXT_LINES]]
            pre_lineno = start + 1
        variables = self.filter.get_traceback_frame_variables(self.request, frame)
        return {
            "filename": filename,
            "function": frame.f_code.co_name,
            "lineno": lineno,
            "type": "framework" if filename.startswith(_FRAMEWORK_DIR) else "user",
            "vars": [(name, _safe_repr(value)) for name, value in variables],
            "pre_context": pre_context,
            "pre_context_lineno": pre_lineno,
            "context_line": context_line,
            "post_context": post_context or [],
            "chain": None,
        }

    def get_traceback_frames(self) -> list[dict[str, Any]]:
        """Return the frames of the exception and its causes, oldest call first."""
        if self.exc_value is None:
            return []
        frames: list[dict[str, Any]] = []
        previous: BaseException | None = None
        for exc in _exception_chain(self.exc_value):
            tb = self.tb if exc is self.exc_value and self.tb is not None else exc.__traceback__
            first = True
            while tb is not None:
                info = self._frame(tb)
                tb = tb.tb_next
                if info is None:
                    continue
                if first and previous is not None:
                    if exc.__cause__ is previous:
                        info["chain"] = (
                            f"The above exception ({previous}) was the direct cause of the "
                            f"following exception:"
                        )
                    else:
                        info["chain"] = (
                            f"During handling of the above exception ({previous}), another "
                            f"exception occurred:"
                        )
                first = False
                frames.append(info)
            previous = exc
        return frames

    def _request_sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        request, filter_ = self.request, self.filter
        return [
            ("GET", _call_safely(lambda: _items(request.GET), [])),
            ("POST", _call_safely(lambda: _items(filter_.get_post_parameters(request)), [])),
            ("FILES", _call_safely(lambda: _items(request.FILES), [])),
            ("COOKIES", _call_safely(lambda: _items(filter_.get_safe_cookies(request)), [])),
            ("META", _call_safely(lambda: _items(filter_.get_safe_request_meta(request)), [])),
        ]

    def get_traceback_data(self) -> dict[str, Any]:
        """Return the context of the technical 500 templates."""
        frames = self.get_traceback_frames()
        request = self.request
        data: dict[str, Any] = {
            "exception_type": self.exc_type.__name__ if self.exc_type else "Report",
            "exception_value": str(self.exc_value) if self.exc_value is not None else "",
            "frames": frames,
            "lastframe": frames[-1] if frames else None,
            "request": request,
            "framework_version": framework.get_version(),
            "sys_executable": sys.executable,
            "sys_version_info": "{}.{}.{}".format(*sys.version_info[:3]),
            "sys_path": list(sys.path),
            "server_time": datetime.datetime.now(datetime.UTC).isoformat(" ", "seconds"),
            "settings_module": getattr(settings, "SETTINGS_MODULE", None),
            "settings": [
                (name, _safe_repr(value))
                for name, value in sorted(self.filter.get_safe_settings().items())
            ],
            "text_traceback": "".join(
                traceback.format_exception(self.exc_type, self.exc_value, self.tb)
            )
            if self.exc_type
            else "",
        }
        if request is not None:
            data["request_path"] = _call_safely(lambda: request.path, "")
            data["request_method"] = _call_safely(lambda: request.method, "")
            data["request_url"] = _call_safely(
                request.build_absolute_uri,
                _call_safely(lambda: request.get_full_path(), ""),
            )
            data["request_sections"] = self._request_sections()
            data["raising_view_name"] = _call_safely(lambda: get_caller(request), "")
            user = getattr(request, "user", None)
            data["user_str"] = _call_safely(lambda: str(user), "") if user is not None else ""
        return data

    def get_traceback_html(self) -> str:
        """Return the technical 500 page as HTML."""
        return render_page("technical_500.html", self.get_traceback_data())

    def get_traceback_text(self) -> str:
        """Return the technical 500 report as plain text."""
        return render_page("technical_500.txt", self.get_traceback_data())


def technical_500_response(
    request: Any,
    exc_type: type[BaseException] | None,
    exc_value: BaseException | None,
    tb: TracebackType | None,
    status_code: int = 500,
) -> Any:
    """Return the DEBUG error page: HTML, or plain text for clients that do not take HTML."""
    from framework.http import HttpResponse

    reporter = get_exception_reporter_class(request)(request, exc_type, exc_value, tb)
    preferred = "text/html"
    if request is not None and hasattr(request, "get_preferred_type"):
        preferred = _call_safely(
            lambda: request.get_preferred_type(["text/html", "text/plain"]), "text/plain"
        )
    if preferred == "text/html":
        return HttpResponse(reporter.get_traceback_html(), status=status_code)
    return HttpResponse(
        reporter.get_traceback_text(),
        status=status_code,
        content_type="text/plain; charset=utf-8",
    )


def _urlconf_name(request: Any) -> str:
    urlconf = getattr(request, "urlconf", None) or settings.ROOT_URLCONF
    if isinstance(urlconf, ModuleType):
        return urlconf.__name__
    return str(urlconf)


def _describe(pattern: Any) -> dict[str, Any]:
    text = getattr(pattern, "pattern", pattern)
    return {"text": str(text), "name": getattr(pattern, "name", None)}


def _is_only_admin(tried: list) -> bool:
    if len(tried) != 1 or len(tried[0]) != 1:
        return False
    entry = tried[0][0]
    return getattr(entry, "app_name", "") == getattr(entry, "namespace", "") == "admin"


def technical_404_response(request: Any, exception: BaseException) -> Any:
    """Return the DEBUG 404 page listing the URL patterns tried, or the welcome page."""
    from framework.http import HttpResponseNotFound

    info = exception.args[0] if exception.args else None
    if isinstance(info, dict):
        error_path = info.get("path", request.path_info[1:])
        tried = info.get("tried")
        resolved = False
        if not tried or (request.path_info == "/" and _is_only_admin(tried)):
            return default_urlconf(request)
        reason = ""
    else:
        error_path = request.path_info[1:]
        match = getattr(request, "resolver_match", None)
        tried = getattr(match, "tried", None) if match is not None else None
        resolved = True
        reason = str(exception)
    context = {
        "request": request,
        "request_url": _call_safely(
            request.build_absolute_uri, _call_safely(lambda: request.get_full_path(), "")
        ),
        "request_path": error_path,
        "urlconf": _urlconf_name(request),
        "urlpatterns": [[_describe(p) for p in chain] for chain in tried or []],
        "resolved": resolved,
        "reason": reason,
        "raising_view_name": _call_safely(lambda: get_caller(request), ""),
    }
    return HttpResponseNotFound(render_page("technical_404.html", context))


def default_urlconf(request: Any) -> Any:
    """Return the "install worked" welcome page shown for an empty root URLconf."""
    from framework.http import HttpResponse

    context = {"urlconf": _urlconf_name(request), "version": framework.get_version()}
    return HttpResponse(render_page("default_urlconf.html", context))
