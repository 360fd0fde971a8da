"""The authentication API: ``authenticate``, ``login``, ``logout``, ``get_user`` ...

Re-exported by ``framework.contrib.auth``. Imports no model at module level, so that
``framework.contrib.auth.hashers`` stays importable before the app registry is ready.
"""

from __future__ import annotations

import functools
import inspect
import re
from typing import Any

from framework.apps import apps
from framework.conf import settings
from framework.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from framework.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from framework.core.signals import setting_changed
from framework.middleware.csrf import rotate_token
from framework.utils.crypto import constant_time_compare
from framework.utils.deferred import lazy_module
from framework.utils.module_loading import import_string

# Imported on first use (per-request code must not run import statements).
auth_models = lazy_module("framework.contrib.auth.models")

SESSION_KEY = "_auth_user_id"
BACKEND_SESSION_KEY = "_auth_user_backend"
HASH_SESSION_KEY = "_auth_user_hash"
REDIRECT_FIELD_NAME = "next"

# Credentials whose value never reaches user_login_failed receivers or logs.
_SENSITIVE_CREDENTIALS = re.compile("api|token|key|secret|password|signature", re.I)
_CLEANSED_SUBSTITUTE = "********************"


def load_backend(path: str) -> Any:
    """Instantiate the authentication backend at dotted ``path``."""
    return import_string(path)()


@functools.cache
def _backend_instances(paths: tuple[str, ...]) -> tuple[tuple[Any, str], ...]:
    return tuple((load_backend(path), path) for path in paths)


def get_backends(return_tuples: bool = False) -> list:
    """The AUTHENTICATION_BACKENDS instances (built once per process)."""
    paths = tuple(settings.AUTHENTICATION_BACKENDS)
    if not paths:
        raise ImproperlyConfigured(
            "No authentication backends have been defined. Does AUTHENTICATION_BACKENDS "
            "contain anything?"
        )
    backends = _backend_instances(paths)
    return list(backends) if return_tuples else [backend for backend, _ in backends]


def _reset_backends(*, setting: str, **kwargs: Any) -> None:
    if setting == "AUTHENTICATION_BACKENDS":
        _backend_instances.cache_clear()


setting_changed.connect(_reset_backends, dispatch_uid="framework.contrib.auth.backends")


def _clean_credentials(credentials: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``credentials`` with every secret-looking value masked."""
    return {
        key: _CLEANSED_SUBSTITUTE if _SENSITIVE_CREDENTIALS.search(key) else value
        for key, value in credentials.items()
    }


def _get_user_session_key(request: Any) -> Any:
    # The session stores the pk as text (JSON); turn it back into the pk's type.
    return get_user_model()._meta.pk.to_python(request.session[SESSION_KEY])


def authenticate(request: Any = None, **credentials: Any) -> Any:
    """Return the user the first backend accepts ``credentials`` for, or None.

    A backend raising PermissionDenied stops the search. Failure sends
    ``user_login_failed`` with the credentials' secrets masked.
    """
    for backend, backend_path in get_backends(return_tuples=True):
        try:
            inspect.signature(backend.authenticate).bind(request, **credentials)
        except TypeError:
            # This backend does not accept these credentials.
            continue
        try:
            user = backend.authenticate(request, **credentials)
        except PermissionDenied:
            break
        if user is None:
            continue
        user.backend = backend_path
        return user
    user_login_failed.send(
        sender=__name__, credentials=_clean_credentials(credentials), request=request
    )
    return None


def login(request: Any, user: Any, backend: str | None = None) -> None:
    """Log ``user`` in: keep their id, backend and auth hash in a session with a new key.

    The session key always changes (no session fixation); data of an anonymous
    session is kept, data of another user's session is dropped.
    """
    session_auth_hash = (
        user.get_session_auth_hash() if hasattr(user, "get_session_auth_hash") else ""
    )
    if SESSION_KEY in request.session:
        if _get_user_session_key(request) != user.pk or (
            session_auth_hash
            and not constant_time_compare(
                request.session.get(HASH_SESSION_KEY, ""), session_auth_hash
            )
        ):
            # Another user's session (or a stale one): start empty.
            request.session.flush()
    else:
        request.session.cycle_key()
    try:
        backend = backend or user.backend
    except AttributeError:
        backends = get_backends(return_tuples=True)
        if len(backends) == 1:
            _, backend = backends[0]
        else:
            raise ValueError(
                "You have multiple authentication backends configured and therefore must "
                "provide the `backend` argument or set the `backend` attribute on the user."
            ) from None
    else:
        if not isinstance(backend, str):
            raise TypeError(f"backend must be a dotted import path string (got {backend!r}).")
    request.session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    request.session[BACKEND_SESSION_KEY] = backend
    request.session[HASH_SESSION_KEY] = session_auth_hash
    if hasattr(request, "user"):
        request.user = user
    rotate_token(request)
    user_logged_in.send(sender=user.__class__, request=request, user=user)


def logout(request: Any) -> None:
    """Log the request's user out and delete the whole session."""
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", True):
        user = None
    user_logged_out.send(sender=user.__class__ if user else None, request=request, user=user)
    request.session.flush()
    if hasattr(request, "user"):
        AnonymousUser = auth_models.AnonymousUser

        request.user = AnonymousUser()


def get_user_model() -> type:
    """The active user model (AUTH_USER_MODEL)."""
    try:
        return apps.get_model(settings.AUTH_USER_MODEL, require_ready=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"AUTH_USER_MODEL must be of the form 'app_label.model_name', got "
            f"{settings.AUTH_USER_MODEL!r}."
        ) from None
    except LookupError:
        raise ImproperlyConfigured(
            f"AUTH_USER_MODEL refers to model {settings.AUTH_USER_MODEL!r} that has not been "
            f"installed; add its app to INSTALLED_APPS."
        ) from None


def get_user(request: Any) -> Any:
    """The user of the request's session, or AnonymousUser.

    A session whose stored auth hash no longer matches the user's (the password
    changed) is flushed: other sessions end when the password changes.
    """
    AnonymousUser = auth_models.AnonymousUser

    user = None
    try:
        user_id = _get_user_session_key(request)
        backend_path = request.session[BACKEND_SESSION_KEY]
    except (KeyError, ValueError, TypeError, ValidationError):
        pass
    else:
        if backend_path in settings.AUTHENTICATION_BACKENDS:
            # The per-process instance: no import or instantiation per request.
            backend = {path: b for b, path in get_backends(return_tuples=True)}[backend_path]
            user = backend.get_user(user_id)
            if user is not None and hasattr(user, "get_session_auth_hash"):
                session_hash = request.session.get(HASH_SESSION_KEY)
                if not session_hash or not _hash_matches(user, session_hash):
                    request.session.flush()
                    user = None
                elif not constant_time_compare(session_hash, user.get_session_auth_hash()):
                    # Verified with a fallback key: re-sign with the current one.
                    request.session.cycle_key()
                    request.session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    return user or AnonymousUser()


def _hash_matches(user: Any, session_hash: str) -> bool:
    if constant_time_compare(session_hash, user.get_session_auth_hash()):
        return True
    return any(
        constant_time_compare(session_hash, fallback)
        for fallback in user.get_session_auth_fallback_hash()
    )


def get_permission_codename(action: str, opts: Any) -> str:
    """The codename of ``action`` ("add", "change", ...) on the model of ``opts``."""
    return f"{action}_{opts.model_name}"


def update_session_auth_hash(request: Any, user: Any) -> None:
    """Keep the current session logged in after ``user`` changed their password.

    Other sessions of the user end (their stored hash no longer matches).
    """
    request.session.cycle_key()
    if hasattr(user, "get_session_auth_hash") and request.user == user:
        request.session[HASH_SESSION_KEY] = user.get_session_auth_hash()
