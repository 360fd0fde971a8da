"""``XFrameOptionsMiddleware``: the X-Frame-Options header against clickjacking."""

from __future__ import annotations

from typing import Any

from framework.conf import settings
from framework.middleware.base import MiddlewareMixin

# X-Frame-Options values that passed the header checks once (DENY, SAMEORIGIN, ...).
_CHECKED_VALUES: dict[str, str] = {}


class XFrameOptionsMiddleware(MiddlewareMixin):
    """Set X-Frame-Options to ``settings.X_FRAME_OPTIONS`` (default DENY).

    Left alone when the response already has the header or the view is decorated
    with ``xframe_options_exempt``.
    """

    def process_response(self, request: Any, response: Any) -> Any:
        headers = response.headers
        # ResponseHeaders keys its store by the lowered name: a dict test, not a method call.
        if "x-frame-options" in headers._store:
            return response
        if getattr(response, "xframe_options_exempt", False):
            return response
        value = self.get_xframe_options_value(request, response)
        checked = _CHECKED_VALUES.get(value) if type(value) is str else None
        if checked is None:
            headers["X-Frame-Options"] = value
            if len(_CHECKED_VALUES) < 16:
                _CHECKED_VALUES[value] = headers["X-Frame-Options"]
        else:
            headers.set_checked_default("x-frame-options", "X-Frame-Options", checked)
        return response

    def get_xframe_options_value(self, request: Any, response: Any) -> str:
        """Return the header value; override to vary it per request."""
        return getattr(settings, "X_FRAME_OPTIONS", "DENY").upper()
