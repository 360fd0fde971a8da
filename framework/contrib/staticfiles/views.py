"""``serve``: answer static files from the finders, in DEBUG only (Django parity).

Apache serves static files (runserver aliases them in DEBUG; deployments alias
STATIC_ROOT); this view exists for code that mounts ``staticfiles_urlpatterns()``.
"""

from __future__ import annotations

import mimetypes
import os
import posixpath
from typing import Any

from framework.conf import settings
from framework.http import FileResponse, Http404, HttpResponseNotModified
from framework.utils.http import http_date, parse_http_date_safe

from . import finders

__all__ = ["serve"]


def serve(request: Any, path: str, insecure: bool = False, **kwargs: Any) -> Any:
    """Serve the static file ``path`` as the finders find it; Http404 unless DEBUG or ``insecure``."""
    if not settings.DEBUG and not insecure:
        raise Http404("Static files are served by the web server when DEBUG is off.")
    if "\x00" in path:
        raise Http404(f"{path!r} could not be found")
    normalized_path = posixpath.normpath(path).lstrip("/")
    absolute_path = finders.find(normalized_path)
    if not absolute_path:
        if path.endswith("/") or path == "":
            raise Http404("Directory indexes are not allowed here.")
        raise Http404(f"{path!r} could not be found")
    stat = os.stat(absolute_path)
    since = request.META.get("HTTP_IF_MODIFIED_SINCE")
    if since:
        parsed = parse_http_date_safe(since.split(";")[0].strip())
        if parsed is not None and int(stat.st_mtime) <= parsed:
            return HttpResponseNotModified()
    content_type, encoding = mimetypes.guess_type(str(absolute_path))
    response = FileResponse(
        open(absolute_path, "rb"), content_type=content_type or "application/octet-stream"
    )
    response.headers["Last-Modified"] = http_date(stat.st_mtime)
    if encoding:
        response.headers["Content-Encoding"] = encoding
    return response
