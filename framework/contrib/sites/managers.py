"""``CurrentSiteManager``: a manager limited to the objects of the current site."""

from __future__ import annotations

from typing import Any

from framework.conf import settings
from framework.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from framework.db import models


class CurrentSiteManager(models.Manager):
    """Only the objects whose ``site`` (or ``sites``) field is SITE_ID's site."""

    use_in_migrations = True

    def __init__(self, field_name: str | None = None):
        super().__init__()
        self.__field_name = field_name

    def _get_field_name(self) -> str:
        """The name of the ForeignKey/ManyToManyField to Site ('site' or 'sites' by default)."""
        field_name = self.__field_name
        if field_name is None:
            for candidate in ("site", "sites"):
                try:
                    self.model._meta.get_field(candidate)
                except FieldDoesNotExist:
                    continue
                field_name = candidate
                break
            else:
                raise ImproperlyConfigured(
                    f"CurrentSiteManager could not find a field named 'site' or 'sites' on "
                    f"{self.model._meta.object_name}; pass field_name."
                )
        else:
            try:
                self.model._meta.get_field(field_name)
            except FieldDoesNotExist:
                raise ImproperlyConfigured(
                    f"CurrentSiteManager could not find a field named {field_name!r} on "
                    f"{self.model._meta.object_name}."
                ) from None
        return field_name

    def get_queryset(self) -> Any:
        return super().get_queryset().filter(**{self._get_field_name() + "__id": settings.SITE_ID})
