from framework.core.cache import cache
from framework.db import models
from framework.db.models.signals import post_save

PAGE_KEY = "notes-page"


class Note(models.Model):
    title = models.CharField(max_length=100)

    class Meta:
        app_label = "mnsite"
        ordering = ["id"]


def _invalidate(sender, **kwargs):
    # The cache is shared (Redis): deleting here invalidates the page on every node.
    cache.delete(PAGE_KEY)


post_save.connect(_invalidate, sender=Note, dispatch_uid="mnsite.invalidate")
