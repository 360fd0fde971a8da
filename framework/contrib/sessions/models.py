"""``Session``: the table of the database session backend."""

from __future__ import annotations

from framework.contrib.sessions.base_session import AbstractBaseSession, BaseSessionManager


class SessionManager(BaseSessionManager):
    use_in_migrations = True


class Session(AbstractBaseSession):
    """A session stored in the database (SESSION_ENGINE = ...backends.db)."""

    objects = SessionManager()

    class Meta:
        app_label = "sessions"
        db_table = "framework_session"
        verbose_name = "session"
        verbose_name_plural = "sessions"

    @classmethod
    def get_session_store_class(cls) -> type:
        from framework.contrib.sessions.backends.db import SessionStore

        return SessionStore
