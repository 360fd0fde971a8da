"""URL checks: ROOT_URLCONF imports, every pattern is a path()/re_path(), URL settings end in /."""

from __future__ import annotations

from typing import Any

from framework.conf import settings
from framework.core.checks.messages import CheckMessage, Error
from framework.core.checks.registry import Tags, register


@register(Tags.urls)
def check_url_config(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Import ROOT_URLCONF and everything it includes, and check each pattern."""
    if not getattr(settings, "ROOT_URLCONF", None):
        return []
    from framework.urls import get_resolver

    return check_resolver(get_resolver())


def check_resolver(resolver: Any) -> list[CheckMessage]:
    """Check a pattern or resolver and, for a resolver, everything below it.

    Each object's own ``check()`` covers only itself; this walk does the recursion,
    so that an import error or a stray object deep in an include() is reported too.
    """
    if not hasattr(resolver, "resolve"):
        return get_warning_for_invalid_pattern(resolver)
    check = getattr(resolver, "check", None)
    if not hasattr(resolver, "urlconf_name"):
        return list(check()) if check is not None else []
    # Import the URLconf first: the resolver's own check() reads it too (handler404 ...).
    try:
        module = resolver.urlconf_module
    except Exception as exc:  # an import or syntax error in the user's URLconf
        return [_unloadable(resolver.urlconf_name, exc)]
    messages: list[CheckMessage] = list(check()) if check is not None else []
    patterns = getattr(module, "urlpatterns", module)
    try:
        patterns = list(patterns)
    except TypeError:
        return [
            *messages,
            Error(
                f"The URLconf {resolver.urlconf_name!r} does not appear to have any patterns "
                f"in it.",
                hint="Define urlpatterns as a list of path() and/or re_path() instances; if it "
                "is defined, look for a circular import.",
                id="urls.E011",
            ),
        ]
    for pattern in patterns:
        messages.extend(check_resolver(pattern))
    return messages


def _unloadable(urlconf_name: Any, exc: Exception) -> CheckMessage:
    return Error(
        f"The URLconf {urlconf_name!r} cannot be imported: {type(exc).__name__}: {exc}",
        hint="Fix the module, or point ROOT_URLCONF/include() at the dotted path of a module "
        "that defines urlpatterns.",
        id="urls.E010",
    )


def get_warning_for_invalid_pattern(pattern: Any) -> list[CheckMessage]:
    """The urls.E004 error for something in urlpatterns that is not a pattern."""
    if isinstance(pattern, str):
        hint = (
            f"Try removing the string {pattern!r}. The list of urlpatterns should not have a "
            f"prefix string as the first element."
        )
    elif isinstance(pattern, tuple):
        hint = "Try using path() instead of a tuple."
    else:
        hint = None
    return [
        Error(
            f"Your URL pattern {pattern!r} is invalid. Ensure that urlpatterns is a list of "
            f"path() and/or re_path() instances.",
            hint=hint,
            id="urls.E004",
        )
    ]


@register(Tags.urls)
def check_url_settings(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """STATIC_URL and MEDIA_URL must end with a slash."""
    errors: list[CheckMessage] = []
    for name in ("STATIC_URL", "MEDIA_URL"):
        value = getattr(settings, name, None)
        if value and not value.endswith("/"):
            errors.append(
                Error(
                    f"The {name} setting must end with a slash.",
                    hint=f"Use {value + '/'!r}.",
                    id="urls.E006",
                )
            )
    return errors
