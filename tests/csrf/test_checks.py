"""System checks of CSRF_FAILURE_VIEW: security.E101 and security.E102."""

from __future__ import annotations

from framework.core.checks.security.csrf import check_csrf_failure_view


def test_default_failure_view_passes(settings):
    """The built-in view takes (request, reason): no error."""
    assert check_csrf_failure_view() == []


def test_unimportable_failure_view(settings):
    """A path that does not import gives security.E102 naming it."""
    settings.CSRF_FAILURE_VIEW = "tests.csrf.views.no_such_view"
    (error,) = check_csrf_failure_view()
    assert error.id == "security.E102"
    assert "'tests.csrf.views.no_such_view'" in error.msg


def test_failure_view_with_wrong_signature(settings):
    """A view that does not accept ``reason`` gives security.E101."""
    settings.CSRF_FAILURE_VIEW = "tests.csrf.views.bad_failure_view"
    (error,) = check_csrf_failure_view()
    assert error.id == "security.E101"
    assert "does not take the correct number of arguments" in error.msg
