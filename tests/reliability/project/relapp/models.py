"""Two writes per acknowledged request: a ledger row per step and one shared counter.

The tables are created by the harness with SQL (tests/reliability/harness.py, SCHEMA).
"""

from framework.db import models


class Entry(models.Model):
    """One step (1 or 2) of the write identified by ``token``."""

    token = models.CharField(max_length=64)
    step = models.IntegerField()

    class Meta:
        app_label = "relapp"
        db_table = "relapp_entry"


class Counter(models.Model):
    """Incremented once by every complete write."""

    name = models.CharField(max_length=32, unique=True)
    value = models.IntegerField(default=0)

    class Meta:
        app_label = "relapp"
        db_table = "relapp_counter"


class Document(models.Model):
    """An uploaded file and the row that points at it (POST /rel/upload/)."""

    token = models.CharField(max_length=64)
    file = models.FileField(upload_to="uploads/")

    class Meta:
        app_label = "relapp"
        db_table = "relapp_document"
