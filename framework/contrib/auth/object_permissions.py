"""Per-object grants (django-guardian's model names): a permission on one object.

``object_pk`` is text so that one table serves models with any primary key type.
The shortcuts in ``framework.contrib.auth.shortcuts`` create and query these rows.
"""

from __future__ import annotations

from framework.conf import settings
from framework.contrib.contenttypes.models import ContentType
from framework.db import models


class BaseObjectPermission(models.Model):
    """A permission granted on the object ``(content_type, object_pk)``."""

    content_type = models.ForeignKey(ContentType, models.CASCADE)
    object_pk = models.CharField("object ID", max_length=255)
    permission = models.ForeignKey("auth.Permission", models.CASCADE)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.permission.codename} on {self.content_type.model} {self.object_pk}"

    @property
    def content_object(self):
        """The object the grant is on (None if it is gone)."""
        try:
            return self.content_type.get_object_for_this_type(pk=self.object_pk)
        except self.content_type.model_class().DoesNotExist:
            return None


class UserObjectPermission(BaseObjectPermission):
    """``permission`` granted to ``user`` on one object."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE)

    class Meta:
        app_label = "auth"
        verbose_name = "user object permission"
        unique_together = [["user", "permission", "object_pk"]]
        indexes = [
            models.Index(fields=["content_type", "object_pk"], name="auth_userobjperm_ct_pk")
        ]


class GroupObjectPermission(BaseObjectPermission):
    """``permission`` granted to ``group`` on one object."""

    group = models.ForeignKey("auth.Group", models.CASCADE)

    class Meta:
        app_label = "auth"
        verbose_name = "group object permission"
        unique_together = [["group", "permission", "object_pk"]]
        indexes = [
            models.Index(fields=["content_type", "object_pk"], name="auth_groupobjperm_ct_pk")
        ]
