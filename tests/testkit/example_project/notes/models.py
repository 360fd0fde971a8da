from framework.db import models


class Note(models.Model):
    text = models.CharField(max_length=100)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.text
