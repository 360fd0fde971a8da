"""Authentication signals, sent with Django's arguments."""

from __future__ import annotations

from framework.dispatch import Signal

# sender=user class, request, user
user_logged_in = Signal()
# sender=__name__ of the auth module, credentials (cleansed), request
user_login_failed = Signal()
# sender=user class (or None), request, user (None if nobody was logged in)
user_logged_out = Signal()
