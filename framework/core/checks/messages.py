"""The messages system checks return: Debug, Info, Warning, Error, Critical."""

from __future__ import annotations

from typing import Any

DEBUG = 10
INFO = 20
WARNING = 30
ERROR = 40
CRITICAL = 50


class CheckMessage:
    """One finding of a system check, with a level, a message, a hint, an object and an id."""

    def __init__(
        self,
        level: int,
        msg: str,
        hint: str | None = None,
        obj: Any = None,
        id: str | None = None,  # noqa: A002 - Django's public keyword
    ):
        if not isinstance(level, int):
            raise TypeError(f"The first argument should be the level, not {level!r}.")
        self.level = level
        self.msg = msg
        self.hint = hint
        self.obj = obj
        self.id = id

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CheckMessage):
            return NotImplemented
        return (type(self), self.level, self.msg, self.hint, self.obj, self.id) == (
            type(other),
            other.level,
            other.msg,
            other.hint,
            other.obj,
            other.id,
        )

    def __hash__(self) -> int:
        return hash((type(self), self.level, self.msg, self.hint, self.id))

    def __str__(self) -> str:
        obj = "?" if self.obj is None else _describe(self.obj)
        ident = f"({self.id}) " if self.id else ""
        hint = f"\n\tHINT: {self.hint}" if self.hint else ""
        return f"{obj}: {ident}{self.msg}{hint}"

    def __repr__(self) -> str:
        return (
            f"<{type(self).__name__}: level={self.level!r}, msg={self.msg!r}, "
            f"hint={self.hint!r}, obj={self.obj!r}, id={self.id!r}>"
        )

    def is_serious(self, level: int = ERROR) -> bool:
        """True if this message is at ``level`` or worse."""
        return self.level >= level

    def is_silenced(self) -> bool:
        """True if its id is listed in SILENCED_SYSTEM_CHECKS."""
        from framework.conf import settings

        return self.id in settings.SILENCED_SYSTEM_CHECKS


def _describe(obj: Any) -> str:
    # Models are named by their label, fields by "app.Model.field", as Django prints them.
    meta = getattr(obj, "_meta", None)
    if isinstance(obj, type) and meta is not None:
        return getattr(meta, "label", obj.__name__)
    model = getattr(obj, "model", None)
    if meta is None and model is not None and hasattr(model, "_meta") and hasattr(obj, "name"):
        return f"{model._meta.label}.{obj.name}"
    return str(obj)


class Debug(CheckMessage):
    """A check message at DEBUG level."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(DEBUG, *args, **kwargs)


class Info(CheckMessage):
    """A check message at INFO level."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(INFO, *args, **kwargs)


class Warning(CheckMessage):  # noqa: A001 - Django's public name
    """A check message at WARNING level."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(WARNING, *args, **kwargs)


class Error(CheckMessage):
    """A check message at ERROR level."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(ERROR, *args, **kwargs)


class Critical(CheckMessage):
    """A check message at CRITICAL level."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(CRITICAL, *args, **kwargs)
