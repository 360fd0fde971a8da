"""The ``auth`` context processor: ``user`` and ``perms`` in templates."""

from __future__ import annotations

from typing import Any


class PermLookupDict:
    """``perms.app``: ``perms.app.codename`` is ``user.has_perm("app.codename")``."""

    def __init__(self, user: Any, app_label: str):
        self.user, self.app_label = user, app_label

    def __repr__(self) -> str:
        return str(self.user.get_all_permissions())

    def __getitem__(self, perm_name: str) -> bool:
        return self.user.has_perm(f"{self.app_label}.{perm_name}")

    def __getattr__(self, perm_name: str) -> bool:
        if perm_name.startswith("__"):
            raise AttributeError(perm_name)
        return self[perm_name]

    def __iter__(self):
        raise TypeError("PermLookupDict is not iterable.")

    def __bool__(self) -> bool:
        return self.user.has_module_perms(self.app_label)


class PermWrapper:
    """``perms``: ``perms.app`` (any permission in app), ``"app.codename" in perms``."""

    def __init__(self, user: Any):
        self.user = user

    def __repr__(self) -> str:
        return f"{type(self).__qualname__}({self.user!r})"

    def __getitem__(self, app_label: str) -> PermLookupDict:
        return PermLookupDict(self.user, app_label)

    def __getattr__(self, app_label: str) -> PermLookupDict:
        if app_label.startswith("__"):
            raise AttributeError(app_label)
        return self[app_label]

    def __iter__(self):
        raise TypeError("PermWrapper is not iterable.")

    def __contains__(self, perm_name: object) -> bool:
        if not isinstance(perm_name, str):
            return False
        if "." not in perm_name:
            return bool(self[perm_name])
        app_label, perm_name = perm_name.split(".", 1)
        return self[app_label][perm_name]


def auth(request: Any) -> dict[str, Any]:
    """``user`` (the request's user, or AnonymousUser) and ``perms`` (a PermWrapper)."""
    if hasattr(request, "user"):
        user = request.user
    else:
        from framework.contrib.auth.models import AnonymousUser

        user = AnonymousUser()
    return {"user": user, "perms": PermWrapper(user)}
