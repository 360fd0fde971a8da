"""Tests of framework.urls.

This package shadows ``tests/urls.py`` (a package wins over a module of the same name),
so it carries that module's role too: the empty default URLconf of ``tests.settings``.
"""

urlpatterns: list = []
