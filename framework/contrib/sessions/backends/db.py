"""Database session backend: one ``Session`` row per session (SESSION_ENGINE default)."""

from __future__ import annotations

import logging
from typing import Any

from framework.contrib.sessions.backends.base import CreateError, SessionBase, UpdateError, now
from framework.core.exceptions import SuspiciousOperation
from framework.db import DatabaseError, IntegrityError, router, transaction
from framework.utils.deferred import lazy_module
from framework.utils.functional import cached_property

# Imported on first use (per-request code must not run import statements).
session_models = lazy_module("framework.contrib.sessions.models")

logger = logging.getLogger("framework.security.SuspiciousSession")


class SessionStore(SessionBase):
    """Sessions in the ``Session`` model (or ``get_model_class()``'s)."""

    @classmethod
    def get_model_class(cls) -> type:
        """The session model (override for a custom AbstractBaseSession subclass)."""
        Session = session_models.Session

        return Session

    @cached_property
    def model(self) -> type:
        return self.get_model_class()

    def _get_session_from_db(self) -> Any:
        try:
            return self.model.objects.get(session_key=self.session_key, expire_date__gt=now())
        except (self.model.DoesNotExist, SuspiciousOperation) as exc:
            if isinstance(exc, SuspiciousOperation):
                logger.warning(str(exc))
            self._session_key = None
            return None

    def load(self) -> dict[str, Any]:
        s = self._get_session_from_db()
        return self.decode(s.session_data) if s else {}

    def exists(self, session_key: str) -> bool:
        return self.model.objects.filter(session_key=session_key).exists()

    def create(self) -> None:
        while True:
            self._session_key = self._get_new_session_key()
            try:
                # Save immediately so that a concurrent create cannot take the key.
                self.save(must_create=True)
            except CreateError:
                continue
            self.modified = True
            return

    def create_model_instance(self, data: dict[str, Any]) -> Any:
        """A model instance holding ``data`` (override to fill extra columns)."""
        return self.model(
            session_key=self._get_or_create_session_key(),
            session_data=self.encode(data),
            expire_date=self.get_expiry_date(),
        )

    def save(self, must_create: bool = False) -> None:
        if self.session_key is None:
            return self.create()
        data = self._get_session(no_load=must_create)
        obj = self.create_model_instance(data)
        using = router.db_for_write(self.model, instance=obj)
        try:
            with transaction.atomic(using=using):
                obj.save(force_insert=must_create, force_update=not must_create, using=using)
        except IntegrityError:
            if must_create:
                raise CreateError from None
            raise
        except DatabaseError:
            if not must_create:
                raise UpdateError from None
            raise
        return None

    def delete(self, session_key: str | None = None) -> None:
        if session_key is None:
            if self.session_key is None:
                return
            session_key = self.session_key
        self.model.objects.filter(session_key=session_key).delete()

    @classmethod
    def clear_expired(cls) -> None:
        """Delete the rows of expired sessions."""
        cls.get_model_class().objects.filter(expire_date__lt=now()).delete()
