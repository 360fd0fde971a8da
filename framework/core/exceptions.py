"""Exceptions shared across the framework (Django's ``django.core.exceptions``)."""

from __future__ import annotations

import operator
from typing import Any


class FieldDoesNotExist(Exception):
    """The requested model field does not exist."""


class AppRegistryNotReady(Exception):
    """The app registry was used before ``framework.setup()`` populated it."""


class ObjectDoesNotExist(Exception):
    """The requested object does not exist."""

    silent_variable_failure = True


class MultipleObjectsReturned(Exception):
    """The query returned several objects when only one was expected."""


class SuspiciousOperation(Exception):
    """The user did something suspicious; answered with a 400."""


class SuspiciousMultipartForm(SuspiciousOperation):
    """A malformed or abusive multipart body."""


class SuspiciousFileOperation(SuspiciousOperation):
    """A file name or path that tries to escape its directory."""


class DisallowedHost(SuspiciousOperation):
    """The Host header is not in ALLOWED_HOSTS."""


class DisallowedRedirect(SuspiciousOperation):
    """A redirect to a URL scheme that is not allowed."""


class TooManyFieldsSent(SuspiciousOperation):
    """More fields than DATA_UPLOAD_MAX_NUMBER_FIELDS."""


class TooManyFilesSent(SuspiciousOperation):
    """More files than DATA_UPLOAD_MAX_NUMBER_FILES."""


class RequestDataTooBig(SuspiciousOperation):
    """A request body larger than DATA_UPLOAD_MAX_MEMORY_SIZE."""


class RequestAborted(Exception):
    """The client went away or sent a truncated body."""


class BadRequest(Exception):
    """The request is malformed; answered with a 400."""


class PermissionDenied(Exception):
    """The user may not do this; answered with a 403."""


class ViewDoesNotExist(Exception):
    """A view named in a URLconf cannot be imported."""


class MiddlewareNotUsed(Exception):
    """A middleware asked to be left out of the chain."""


class ImproperlyConfigured(Exception):
    """The project is misconfigured; the message names the setting at fault."""


class FieldError(Exception):
    """A problem with a model field or lookup."""


class EmptyResultSet(Exception):
    """A query that can match nothing (e.g. ``pk__in=[]``)."""


class FullResultSet(Exception):
    """A condition that matches everything and can be left out."""


class SynchronousOnlyOperation(Exception):
    """A synchronous-only operation was called from async code."""


NON_FIELD_ERRORS = "__all__"


class ValidationError(Exception):
    """Invalid data: a message, a list of messages, or a dict of field -> messages."""

    def __init__(self, message: Any, code: str | None = None, params: Any = None):
        super().__init__(message, code, params)
        if isinstance(message, ValidationError):
            if hasattr(message, "error_dict"):
                message = message.error_dict
            elif not hasattr(message, "message"):
                message = message.error_list
            else:
                message, code, params = message.message, message.code, message.params

        if isinstance(message, dict):
            self.error_dict = {}
            for field, messages in message.items():
                if not isinstance(messages, ValidationError):
                    messages = ValidationError(messages)
                self.error_dict[field] = messages.error_list
        elif isinstance(message, list):
            self.error_list = []
            for item in message:
                if not isinstance(item, ValidationError):
                    item = ValidationError(item)
                if hasattr(item, "error_dict"):
                    self.error_list.extend(sum(item.error_dict.values(), []))
                else:
                    self.error_list.extend(item.error_list)
        else:
            self.message = message
            self.code = code
            self.params = params
            self.error_list = [self]

    @property
    def message_dict(self) -> dict[str, list[str]]:
        # A list-style error has no field names: AttributeError, as in Django.
        if not hasattr(self, "error_dict"):
            raise AttributeError("This ValidationError has no error_dict (it is a list).")
        return dict(self)

    @property
    def messages(self) -> list[str]:
        if hasattr(self, "error_dict"):
            return sum(dict(self).values(), [])
        return list(self)

    def update_error_dict(self, error_dict: dict) -> dict:
        if hasattr(self, "error_dict"):
            for field, error_list in self.error_dict.items():
                error_dict.setdefault(field, []).extend(error_list)
        else:
            error_dict.setdefault(NON_FIELD_ERRORS, []).extend(self.error_list)
        return error_dict

    def __iter__(self):
        if hasattr(self, "error_dict"):
            for field, errors in self.error_dict.items():
                yield field, list(ValidationError(errors))
        else:
            for error in self.error_list:
                message = error.message
                if error.params:
                    message %= error.params
                yield str(message)

    def __str__(self) -> str:
        if hasattr(self, "error_dict"):
            return repr(dict(self))
        return repr(list(self))

    def __repr__(self) -> str:
        return f"ValidationError({self})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ValidationError):
            return NotImplemented
        return hash(self) == hash(other)

    def __hash__(self) -> int:
        if hasattr(self, "message"):
            params = self.params
            if isinstance(params, dict):
                params = tuple(sorted(params.items(), key=operator.itemgetter(0)))
            return hash((self.message, self.code, params))
        if hasattr(self, "error_dict"):
            return hash(tuple((k, tuple(v)) for k, v in sorted(self.error_dict.items())))
        return hash(tuple(sorted(self.error_list, key=operator.attrgetter("message"))))
