"""``AbstractBaseSession``: the session row (key, signed data, expiry) to build on."""

from __future__ import annotations

from typing import Any

from framework.db import models


class BaseSessionManager(models.Manager):
    """Encode session data and store it (``save()``; empty data deletes the row)."""

    def encode(self, session_dict: dict[str, Any]) -> str:
        """Return ``session_dict`` signed and serialised the way the store does."""
        session_store_class = self.model.get_session_store_class()
        return session_store_class().encode(session_dict)

    def save(self, session_key: str, session_dict: dict[str, Any], expire_date: Any) -> Any:
        """Store ``session_dict`` under ``session_key``; an empty dict deletes the row."""
        s = self.model(session_key, self.encode(session_dict), expire_date)
        if session_dict:
            s.save()
        else:
            s.delete()
        return s


class AbstractBaseSession(models.Model):
    """A stored session; subclass it with ``get_session_store_class()`` for a custom store."""

    session_key = models.CharField("session key", max_length=40, primary_key=True)
    session_data = models.TextField("session data")
    expire_date = models.DateTimeField("expire date", db_index=True)

    objects = BaseSessionManager()

    class Meta:
        abstract = True
        verbose_name = "session"
        verbose_name_plural = "sessions"

    def __str__(self) -> str:
        return self.session_key

    @classmethod
    def get_session_store_class(cls) -> type:
        """The SessionStore class that reads and writes this model."""
        raise NotImplementedError(
            f"{cls.__name__} must define get_session_store_class() returning its SessionStore."
        )

    def get_decoded(self) -> dict[str, Any]:
        """The session's data as a dict ({} if unreadable)."""
        session_store_class = self.get_session_store_class()
        return session_store_class().decode(self.session_data)
