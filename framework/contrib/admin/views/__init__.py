"""The admin's views: the changelist (``main.ChangeList``), the ModelAdmin view mixins,
and the autocomplete endpoint."""
