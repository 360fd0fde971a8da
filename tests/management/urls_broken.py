"""A URLconf that fails to import."""

from framework.urls import no_such_name  # noqa: F401

urlpatterns = []
