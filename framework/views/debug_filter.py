"""``SafeExceptionReporterFilter``: what error reports may show.

Settings, META entries and cookies whose names look secret are always masked; the
variables and POST parameters marked with ``sensitive_variables`` /
``sensitive_post_parameters`` are masked when DEBUG is off (Django's rule: the filter
protects error reports sent elsewhere, the DEBUG page is for the developer).
"""

from __future__ import annotations

import re
from typing import Any

from framework.conf import settings
from framework.utils.module_loading import import_string
from framework.views.decorators.debug import SENSITIVE_VARIABLES

CLEANSED_SUBSTITUTE = "********************"


class CallableSettingWrapper:
    """Show a callable setting by its repr without ever calling it (templates would)."""

    def __init__(self, callable_setting: Any):
        self._wrapped = callable_setting

    def __repr__(self) -> str:
        return repr(self._wrapped)


def get_exception_reporter_filter(request: Any) -> SafeExceptionReporterFilter:
    """Return the request's ``exception_reporter_filter`` or the configured default."""
    filter_ = getattr(request, "exception_reporter_filter", None)
    if filter_ is None:
        filter_ = import_string(settings.DEFAULT_EXCEPTION_REPORTER_FILTER)()
    return filter_


def is_multivaluedict(value: Any) -> bool:
    """Return True for QueryDict/MultiValueDict-like objects (``getlist`` and ``lists``)."""
    return callable(getattr(value, "getlist", None)) and callable(getattr(value, "lists", None))


class SafeExceptionReporterFilter:
    """Mask secrets in error reports."""

    cleansed_substitute = CLEANSED_SUBSTITUTE
    hidden_settings = re.compile("API|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE", re.IGNORECASE)

    def cleanse_setting(self, key: Any, value: Any) -> Any:
        """Mask ``value`` if ``key`` looks secret; recurse into dicts, lists and tuples."""
        try:
            sensitive = bool(self.hidden_settings.search(key))
        except TypeError:
            sensitive = False
        if sensitive:
            return self.cleansed_substitute
        if isinstance(value, dict):
            return {k: self.cleanse_setting(k, v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.cleanse_setting("", v) for v in value]
        if isinstance(value, tuple):
            return tuple(self.cleanse_setting("", v) for v in value)
        if callable(value):
            return CallableSettingWrapper(value)
        return value

    def get_safe_settings(self) -> dict[str, Any]:
        """Return every setting, masked."""
        return {
            name: self.cleanse_setting(name, getattr(settings, name))
            for name in dir(settings)
            if name.isupper()
        }

    def get_safe_request_meta(self, request: Any) -> dict[str, Any]:
        """Return ``request.META`` with secret-looking entries masked."""
        meta = getattr(request, "META", None)
        if meta is None:
            return {}
        return {k: self.cleanse_setting(k, v) for k, v in meta.items()}

    def get_safe_cookies(self, request: Any) -> dict[str, Any]:
        """Return ``request.COOKIES`` with secret-looking names masked."""
        cookies = getattr(request, "COOKIES", None)
        if cookies is None:
            return {}
        return {k: self.cleanse_setting(k, v) for k, v in cookies.items()}

    def is_active(self, request: Any) -> bool:
        """Return True when variables and POST parameters are masked: DEBUG is off."""
        return settings.DEBUG is False

    def get_cleansed_multivaluedict(self, request: Any, multivaluedict: Any) -> Any:
        """Mask the request's sensitive POST parameters in a MultiValueDict copy."""
        sensitive = getattr(request, "sensitive_post_parameters", [])
        if self.is_active(request) and sensitive:
            multivaluedict = multivaluedict.copy()
            for param in sensitive:
                if param in multivaluedict:
                    multivaluedict[param] = self.cleansed_substitute
        return multivaluedict

    def get_post_parameters(self, request: Any) -> Any:
        """Return ``request.POST`` with the parameters marked sensitive masked."""
        if request is None:
            return {}
        sensitive = getattr(request, "sensitive_post_parameters", [])
        if not (self.is_active(request) and sensitive):
            return request.POST
        cleansed = request.POST.copy()
        names = list(cleansed) if sensitive == "__ALL__" else sensitive
        for name in names:
            if name in cleansed:
                cleansed[name] = self.cleansed_substitute
        return cleansed

    def cleanse_special_types(self, request: Any, value: Any) -> Any:
        """Mask sensitive POST parameters inside MultiValueDicts found in locals."""
        try:
            is_mvd = is_multivaluedict(value)
        except Exception as exc:  # a broken object must not break the report
            return f"{exc!r} while evaluating {value!r}"
        if is_mvd:
            return self.get_cleansed_multivaluedict(request, value)
        return value

    def _sensitive_variables(self, tb_frame: Any) -> tuple[str, ...] | str | None:
        frame = tb_frame
        while frame is not None:
            names = SENSITIVE_VARIABLES.get(frame.f_code)
            if names is not None:
                return names
            frame = frame.f_back
        return None

    def get_traceback_frame_variables(self, request: Any, tb_frame: Any) -> list[tuple[str, Any]]:
        """Return the frame's locals, masked per ``sensitive_variables``."""
        sensitive = self._sensitive_variables(tb_frame) if self.is_active(request) else None
        cleansed: dict[str, Any] = {}
        for name, value in tb_frame.f_locals.items():
            if sensitive == "__ALL__" or (sensitive and name in sensitive):
                cleansed[name] = self.cleansed_substitute
            else:
                cleansed[name] = self.cleanse_special_types(request, value)
        if self.is_active(request) and tb_frame.f_code.co_name == "sensitive_variables_wrapper":
            # The wrapper's own arguments carry the same secrets as the decorated frame.
            for name in ("args", "kwargs"):
                if name in cleansed:
                    cleansed[name] = self.cleansed_substitute
        return list(cleansed.items())
