"""A URLconf with a pattern starting with a slash (for the // redirect test)."""

from __future__ import annotations

from framework.urls import re_path
from tests.middleware import views

urlpatterns = [re_path(r"^/evil.example/x/$", views.plain)]
