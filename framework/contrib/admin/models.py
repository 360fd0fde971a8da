"""The admin's action log: ``LogEntry``, one row per add, change or delete.

``change_message`` holds JSON (Django's format) and, beyond Django, the old and new
value of every changed field, so that the history page can show them and restore
an earlier version of an object.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from framework.conf import settings
from framework.db import models
from framework.urls import NoReverseMatch, reverse
from framework.utils.deferred import lazy_module

# Imported on first use (per-request code must not run import statements).
admin_utils = lazy_module("framework.contrib.admin.utils")

ADDITION = 1
CHANGE = 2
DELETION = 3

ACTION_FLAG_CHOICES = [(ADDITION, "Addition"), (CHANGE, "Change"), (DELETION, "Deletion")]


class LogEntryManager(models.Manager):
    """Adds ``log_action`` and ``log_actions`` (Django's API)."""

    use_in_migrations = True

    def log_action(
        self,
        user_id: Any,
        content_type_id: Any,
        object_id: Any,
        object_repr: str,
        action_flag: int,
        change_message: Any = "",
    ) -> LogEntry:
        """Record one action; a list ``change_message`` is stored as JSON."""
        if isinstance(change_message, list):
            change_message = json.dumps(change_message, default=str)
        return self.model.objects.create(
            user_id=user_id,
            content_type_id=content_type_id,
            object_id=str(object_id),
            object_repr=str(object_repr)[:200],
            action_flag=action_flag,
            change_message=change_message,
        )

    def log_actions(
        self,
        user_id: Any,
        queryset: Any,
        action_flag: int,
        change_message: Any = "",
        *,
        single_object: bool = False,
    ) -> Any:
        """Record the same action on every object of ``queryset`` in one INSERT."""
        from framework.contrib.contenttypes.models import ContentType

        if isinstance(change_message, list):
            change_message = json.dumps(change_message, default=str)
        entries = [
            self.model(
                user_id=user_id,
                content_type_id=ContentType.objects.get_for_model(obj, for_concrete_model=False).id,
                object_id=str(obj.pk),
                object_repr=str(obj)[:200],
                action_flag=action_flag,
                change_message=change_message,
            )
            for obj in queryset
        ]
        if single_object and len(entries) == 1:
            entries[0].save()
            return entries[0]
        return self.model.objects.bulk_create(entries)


def now() -> datetime.datetime:
    """The current time, aware (UTC) when USE_TZ: the default of ``action_time``."""
    if settings.USE_TZ:
        return datetime.datetime.now(tz=datetime.UTC)
    return datetime.datetime.now()


class LogEntry(models.Model):
    """One action taken in the admin by a user on an object."""

    action_time = models.DateTimeField("action time", default=now, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, verbose_name="user")
    content_type = models.ForeignKey(
        "contenttypes.ContentType",
        models.SET_NULL,
        blank=True,
        null=True,
        verbose_name="content type",
    )
    object_id = models.TextField("object id", blank=True, null=True)
    object_repr = models.CharField("object repr", max_length=200)
    action_flag = models.PositiveSmallIntegerField("action flag", choices=ACTION_FLAG_CHOICES)
    change_message = models.TextField("change message", blank=True)

    objects = LogEntryManager()

    class Meta:
        app_label = "admin"
        verbose_name = "log entry"
        verbose_name_plural = "log entries"
        db_table = "framework_admin_log"
        ordering = ["-action_time"]

    def __repr__(self) -> str:
        return f"<LogEntry {self.action_time!s} {self.object_repr!r} flag={self.action_flag}>"

    def __str__(self) -> str:
        if self.is_addition():
            return f"Added “{self.object_repr}”."
        if self.is_change():
            return f"Changed “{self.object_repr}” — {self.get_change_message()}"
        if self.is_deletion():
            return f"Deleted “{self.object_repr}.”"
        return "LogEntry Object"

    def is_addition(self) -> bool:
        """True for an addition."""
        return self.action_flag == ADDITION

    def is_change(self) -> bool:
        """True for a change."""
        return self.action_flag == CHANGE

    def is_deletion(self) -> bool:
        """True for a deletion."""
        return self.action_flag == DELETION

    def get_change_list(self) -> list:
        """The decoded JSON change message (an empty list for a plain-text one)."""
        if self.change_message and self.change_message[0] == "[":
            try:
                return json.loads(self.change_message)
            except json.JSONDecodeError:
                return []
        return []

    def get_change_message(self) -> str:
        """The change message as a sentence (Django's wording)."""
        if not (self.change_message and self.change_message[0] == "["):
            return self.change_message
        parts = []
        for sub in self.get_change_list():
            if "added" in sub:
                if sub["added"]:
                    parts.append(f"Added {sub['added']['name']} “{sub['added']['object']}”.")
                else:
                    parts.append("Added.")
            elif "changed" in sub:
                fields = _and_list(sub["changed"]["fields"])
                if "name" in sub["changed"]:
                    parts.append(
                        f"Changed {fields} for {sub['changed']['name']} "
                        f"“{sub['changed']['object']}”."
                    )
                else:
                    parts.append(f"Changed {fields}.")
            elif "deleted" in sub:
                parts.append(f"Deleted {sub['deleted']['name']} “{sub['deleted']['object']}”.")
            elif "restored" in sub:
                parts.append(f"Restored the version of {sub['restored']['time']}.")
        return " ".join(parts) or "No fields changed."

    def get_field_changes(self) -> list[dict]:
        """Every recorded field change: dicts with name, label, old, new (beyond Django)."""
        out = []
        for sub in self.get_change_list():
            changed = sub.get("changed")
            if not changed:
                continue
            for value in changed.get("values", []):
                item = dict(value)
                if "name" in changed:
                    item["object"] = f"{changed['name']} “{changed['object']}”"
                out.append(item)
        return out

    def get_edited_object(self) -> Any:
        """The edited object (raises DoesNotExist when it is gone)."""
        return self.content_type.get_object_for_this_type(pk=self.object_id)

    def get_admin_url(self) -> str | None:
        """The admin change URL of the object, or None when there is none."""
        quote = admin_utils.quote
        if self.content_type and self.object_id:
            name = f"admin:{self.content_type.app_label}_{self.content_type.model}_change"
            try:
                return reverse(name, args=(quote(self.object_id),))
            except NoReverseMatch:
                return None
        return None


def _and_list(items: list) -> str:
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
