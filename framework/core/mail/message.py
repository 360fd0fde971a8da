"""``EmailMessage`` and ``EmailMultiAlternatives``: build a MIME message and send it."""

from __future__ import annotations

import mimetypes
import os
from email import policy
from email.message import EmailMessage as _MIMEMessage
from email.utils import formataddr, formatdate, getaddresses, make_msgid
from typing import Any

from framework.conf import settings

__all__ = ["BadHeaderError", "EmailMessage", "EmailMultiAlternatives", "make_msgid"]


class BadHeaderError(ValueError):
    """A header value contains a newline (header injection)."""


def _check_header(name: str, value: str) -> str:
    if "\n" in value or "\r" in value:
        raise BadHeaderError(
            f"Header values can't contain newlines (got {value!r} for header {name!r})"
        )
    return value


def _format_addresses(addresses: list[str]) -> str:
    return ", ".join(formataddr(pair) for pair in getaddresses([str(a) for a in addresses]))


class EmailMessage:
    """A message: subject, body, sender, recipients (to/cc/bcc/reply_to), attachments."""

    content_subtype = "plain"
    mixed_subtype = "mixed"
    encoding: str | None = None

    def __init__(
        self,
        subject: str = "",
        body: str = "",
        from_email: str | None = None,
        to: Any = None,
        bcc: Any = None,
        connection: Any = None,
        attachments: Any = None,
        headers: dict | None = None,
        cc: Any = None,
        reply_to: Any = None,
    ):
        for name, value in (("to", to), ("cc", cc), ("bcc", bcc), ("reply_to", reply_to)):
            if isinstance(value, str):
                raise TypeError(f'"{name}" argument must be a list or tuple')
        self.to = list(to or [])
        self.cc = list(cc or [])
        self.bcc = list(bcc or [])
        self.reply_to = list(reply_to or [])
        self.from_email = from_email or settings.DEFAULT_FROM_EMAIL
        self.subject = subject
        self.body = body or ""
        self.attachments: list = []
        for attachment in attachments or []:
            self.attach(*attachment) if isinstance(attachment, tuple) else self.attach(attachment)
        self.extra_headers = headers or {}
        self.connection = connection

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.subject!r} to {self.to!r}>"

    def get_connection(self, fail_silently: bool = False) -> Any:
        from framework.core.mail.api import get_connection

        if not self.connection:
            self.connection = get_connection(fail_silently=fail_silently)
        return self.connection

    def recipients(self) -> list[str]:
        """Every address the message goes to (to, cc and bcc), blanks dropped."""
        return [email for email in (*self.to, *self.cc, *self.bcc) if email]

    def _set_body(self, msg: _MIMEMessage) -> None:
        msg.set_content(self.body, subtype=self.content_subtype, charset=self.encoding or "utf-8")

    def message(self) -> _MIMEMessage:
        """The message as a standard-library ``email.message.EmailMessage``."""
        msg = _MIMEMessage(policy=policy.SMTP)
        self._set_body(msg)
        for attachment in self.attachments:
            filename, content, mimetype = attachment
            maintype, _, subtype = (mimetype or "application/octet-stream").partition("/")
            if isinstance(content, str) and maintype == "text":
                msg.add_attachment(content, subtype=subtype, filename=filename)
            else:
                if isinstance(content, str):
                    content = content.encode()
                msg.add_attachment(content, maintype=maintype, subtype=subtype, filename=filename)
        msg["Subject"] = _check_header("Subject", str(self.subject))
        msg["From"] = _check_header("From", self.extra_headers.get("From", self.from_email))
        if self.to:
            msg["To"] = _check_header(
                "To", self.extra_headers.get("To", _format_addresses(self.to))
            )
        if self.cc:
            msg["Cc"] = _check_header("Cc", _format_addresses(self.cc))
        if self.reply_to:
            msg["Reply-To"] = _check_header(
                "Reply-To", self.extra_headers.get("Reply-To", _format_addresses(self.reply_to))
            )
        lowered = {name.lower() for name in self.extra_headers}
        if "date" not in lowered:
            msg["Date"] = formatdate(localtime=True)
        if "message-id" not in lowered:
            msg["Message-ID"] = make_msgid()
        for name, value in self.extra_headers.items():
            if name.lower() in ("from", "to", "reply-to"):
                continue
            msg[name] = _check_header(name, str(value))
        return msg

    def send(self, fail_silently: bool = False) -> int:
        """Send the message; return 1 if sent, 0 if there was nobody to send it to."""
        if not self.recipients():
            return 0
        return self.get_connection(fail_silently).send_messages([self])

    def attach(self, filename: Any = None, content: Any = None, mimetype: str | None = None):
        """Attach ``content`` as ``filename`` (mimetype guessed from the name if omitted)."""
        if mimetype is None and filename:
            mimetype = mimetypes.guess_type(filename)[0]
        self.attachments.append((filename, content, mimetype or "application/octet-stream"))

    def attach_file(self, path: str, mimetype: str | None = None) -> None:
        """Attach the file at ``path``."""
        with open(path, "rb") as f:
            content = f.read()
        mimetype = mimetype or mimetypes.guess_type(path)[0] or "application/octet-stream"
        if mimetype.startswith("text/"):
            try:
                content = content.decode()
            except UnicodeDecodeError:
                mimetype = "application/octet-stream"
        self.attach(os.path.basename(path), content, mimetype)


class EmailMultiAlternatives(EmailMessage):
    """An EmailMessage with alternative bodies (an HTML version of the text, say)."""

    def __init__(self, *args: Any, alternatives: Any = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.alternatives = list(alternatives or [])

    def attach_alternative(self, content: str, mimetype: str) -> None:
        """Add ``content`` as an alternative body of type ``mimetype``."""
        if content is None or mimetype is None:
            raise ValueError("Both content and mimetype must be provided.")
        self.alternatives.append((content, mimetype))

    def _set_body(self, msg: _MIMEMessage) -> None:
        super()._set_body(msg)
        for content, mimetype in self.alternatives:
            maintype, _, subtype = mimetype.partition("/")
            if maintype == "text":
                msg.add_alternative(content, subtype=subtype)
            else:
                msg.add_alternative(
                    content.encode() if isinstance(content, str) else content,
                    maintype=maintype,
                    subtype=subtype,
                )
