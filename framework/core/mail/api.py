"""The mail functions: ``get_connection``, ``send_mail``, ``mail_admins`` ..."""

from __future__ import annotations

from typing import Any

from framework.conf import settings
from framework.core.mail.message import EmailMessage, EmailMultiAlternatives
from framework.utils.module_loading import import_string


def get_connection(backend: str | None = None, fail_silently: bool = False, **kwds: Any) -> Any:
    """An instance of ``backend`` (default EMAIL_BACKEND); ``kwds`` go to its constructor."""
    klass = import_string(backend or settings.EMAIL_BACKEND)
    return klass(fail_silently=fail_silently, **kwds)


def send_mail(
    subject: str,
    message: str,
    from_email: str | None,
    recipient_list: list[str],
    fail_silently: bool = False,
    auth_user: str | None = None,
    auth_password: str | None = None,
    connection: Any = None,
    html_message: str | None = None,
) -> int:
    """Send one message to ``recipient_list``; return the number sent (0 or 1)."""
    connection = connection or get_connection(
        username=auth_user, password=auth_password, fail_silently=fail_silently
    )
    mail = EmailMultiAlternatives(
        subject, message, from_email, recipient_list, connection=connection
    )
    if html_message:
        mail.attach_alternative(html_message, "text/html")
    return mail.send()


def send_mass_mail(
    datatuple: Any,
    fail_silently: bool = False,
    auth_user: str | None = None,
    auth_password: str | None = None,
    connection: Any = None,
) -> int:
    """Send each ``(subject, message, from_email, recipient_list)`` over one connection."""
    connection = connection or get_connection(
        username=auth_user, password=auth_password, fail_silently=fail_silently
    )
    messages = [
        EmailMessage(subject, message, sender, recipient, connection=connection)
        for subject, message, sender, recipient in datatuple
    ]
    return connection.send_messages(messages)


def _mail_staff(
    recipients: list,
    subject: str,
    message: str,
    fail_silently: bool,
    connection: Any,
    html_message: str | None,
) -> None:
    if not recipients:
        return
    addresses = [a if isinstance(a, str) else a[1] for a in recipients]
    mail = EmailMultiAlternatives(
        f"{settings.EMAIL_SUBJECT_PREFIX}{subject}",
        message,
        settings.SERVER_EMAIL,
        addresses,
        connection=connection,
    )
    if html_message:
        mail.attach_alternative(html_message, "text/html")
    mail.send(fail_silently=fail_silently)


def mail_admins(
    subject: str,
    message: str,
    fail_silently: bool = False,
    connection: Any = None,
    html_message: str | None = None,
) -> None:
    """Send a message to ADMINS, subject prefixed with EMAIL_SUBJECT_PREFIX."""
    _mail_staff(settings.ADMINS, subject, message, fail_silently, connection, html_message)


def mail_managers(
    subject: str,
    message: str,
    fail_silently: bool = False,
    connection: Any = None,
    html_message: str | None = None,
) -> None:
    """Send a message to MANAGERS, subject prefixed with EMAIL_SUBJECT_PREFIX."""
    _mail_staff(settings.MANAGERS, subject, message, fail_silently, connection, html_message)
