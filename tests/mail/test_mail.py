"""E-mail: messages, send_mail/mail_admins and the console, file, locmem, dummy, smtp backends."""

from __future__ import annotations

import io
import socket
import threading

import pytest

from framework.core import mail
from framework.core.mail import (
    BadHeaderError,
    EmailMessage,
    EmailMultiAlternatives,
    get_connection,
    mail_admins,
    send_mail,
    send_mass_mail,
)
from framework.core.mail.backends import console, dummy, file, locmem, smtp

LOCMEM = "framework.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def outbox(settings):
    settings.EMAIL_BACKEND = LOCMEM
    mail.outbox = []
    return mail.outbox


def test_send_mail_to_locmem(outbox):
    """send_mail builds one message; DEFAULT_FROM_EMAIL is the default sender."""
    assert send_mail("Hi", "Body", None, ["a@example.com"]) == 1
    [message] = outbox
    assert (message.subject, message.body, message.to) == ("Hi", "Body", ["a@example.com"])
    assert message.from_email == "webmaster@localhost"


def test_html_alternative(outbox):
    """html_message adds a text/html alternative part."""
    send_mail("Hi", "Body", "me@example.com", ["a@example.com"], html_message="<p>Body</p>")
    mime = outbox[0].message()
    assert mime.is_multipart()
    assert "<p>Body</p>" in mime.as_string()


def test_mail_admins_uses_prefix_and_server_email(outbox, settings):
    """mail_admins sends to ADMINS from SERVER_EMAIL with EMAIL_SUBJECT_PREFIX."""
    settings.ADMINS = [("Admin", "admin@example.com")]
    mail_admins("Broken", "Details")
    [message] = outbox
    assert message.subject == "[framework] Broken"
    assert message.to == ["admin@example.com"]
    assert message.from_email == "root@localhost"


def test_mail_admins_without_admins_sends_nothing(outbox, settings):
    """No ADMINS: nothing is sent."""
    settings.ADMINS = []
    mail_admins("x", "y")
    assert outbox == []


def test_send_mass_mail(outbox):
    """send_mass_mail sends each tuple as a message and returns the count."""
    sent = send_mass_mail(
        [("s1", "b1", "f@example.com", ["a@example.com"]), ("s2", "b2", None, ["b@example.com"])]
    )
    assert sent == 2 and [m.subject for m in outbox] == ["s1", "s2"]


def test_header_injection_refused():
    """A newline in a header raises BadHeaderError naming the header."""
    message = EmailMessage("Hi\nBcc: victim@example.com", "b", "f@example.com", ["a@example.com"])
    with pytest.raises(BadHeaderError, match="Subject"):
        message.message()


def test_recipients_and_headers():
    """recipients() covers to, cc and bcc; Bcc never appears in the headers."""
    message = EmailMessage(
        "S",
        "B",
        "f@example.com",
        ["to@example.com"],
        bcc=["hidden@example.com"],
        cc=["cc@example.com"],
        reply_to=["r@example.com"],
        headers={"X-Tag": "t"},
    )
    assert message.recipients() == ["to@example.com", "cc@example.com", "hidden@example.com"]
    text = message.message().as_string()
    assert "hidden@example.com" not in text
    assert "Reply-To: r@example.com" in text and "X-Tag: t" in text
    with pytest.raises(TypeError, match='"to"'):
        EmailMessage("S", "B", "f@example.com", "to@example.com")


def test_attachments():
    """Attachments are added as MIME parts with their file name."""
    message = EmailMultiAlternatives("S", "B", "f@example.com", ["a@example.com"])
    message.attach("notes.txt", "hello", "text/plain")
    message.attach("data.bin", b"\x00\x01", "application/octet-stream")
    text = message.message().as_string()
    assert 'filename="notes.txt"' in text and 'filename="data.bin"' in text


def test_console_backend_writes_stream():
    """The console backend writes the message to its stream."""
    stream = io.StringIO()
    backend = console.EmailBackend(stream=stream)
    assert (
        backend.send_messages([EmailMessage("S", "Body!", "f@example.com", ["a@example.com"])]) == 1
    )
    assert "Subject: S" in stream.getvalue() and "Body!" in stream.getvalue()


def test_file_backend_writes_one_file_per_connection(tmp_path, settings):
    """The file backend writes messages to a new file in EMAIL_FILE_PATH."""
    settings.EMAIL_FILE_PATH = str(tmp_path)
    connection = get_connection("framework.core.mail.backends.file.EmailBackend")
    connection.send_messages([EmailMessage("S1", "B", "f@example.com", ["a@example.com"])])
    [written] = list(tmp_path.iterdir())
    assert b"Subject: S1" in written.read_bytes()
    settings.EMAIL_FILE_PATH = None
    from framework.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="EMAIL_FILE_PATH"):
        file.EmailBackend()


def test_dummy_and_locmem_backends():
    """dummy sends nothing but counts; locmem appends copies to mail.outbox."""
    mail.outbox = []
    message = EmailMessage("S", "B", "f@example.com", ["a@example.com"])
    assert dummy.EmailBackend().send_messages([message]) == 1
    assert mail.outbox == []
    assert locmem.EmailBackend().send_messages([message]) == 1
    assert len(mail.outbox) == 1


class _SMTPServer(threading.Thread):
    """A minimal SMTP server on 127.0.0.1 that records one conversation."""

    def __init__(self):
        super().__init__(daemon=True)
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(1)
        self.port = self.sock.getsockname()[1]
        self.received = b""

    def run(self):
        conn, _ = self.sock.accept()
        with conn:
            f = conn.makefile("rwb")
            f.write(b"220 localhost ESMTP\r\n")
            f.flush()
            in_data = False
            for line in f:
                if in_data:
                    if line == b".\r\n":
                        in_data = False
                        f.write(b"250 OK\r\n")
                    else:
                        self.received += line
                elif line.upper().startswith(b"DATA"):
                    in_data = True
                    f.write(b"354 go ahead\r\n")
                elif line.upper().startswith(b"QUIT"):
                    f.write(b"221 bye\r\n")
                    f.flush()
                    break
                elif line.upper().startswith(b"EHLO"):
                    f.write(b"250 localhost\r\n")
                else:
                    f.write(b"250 OK\r\n")
                f.flush()
        self.sock.close()


def test_smtp_backend_sends_to_a_real_socket():
    """The SMTP backend talks SMTP to the configured host and port."""
    server = _SMTPServer()
    server.start()
    backend = smtp.EmailBackend(host="127.0.0.1", port=server.port, timeout=5)
    sent = backend.send_messages(
        [EmailMessage("Over SMTP", "Body", "f@example.com", ["a@example.com"])]
    )
    server.join(timeout=5)
    assert sent == 1
    assert b"Subject: Over SMTP" in server.received


def test_smtp_backend_fail_silently_and_tls_ssl_conflict():
    """Connection errors propagate unless fail_silently; TLS and SSL together are refused."""
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    message = EmailMessage("S", "B", "f@example.com", ["a@example.com"])
    with pytest.raises(OSError):
        smtp.EmailBackend(host="127.0.0.1", port=port, timeout=2).send_messages([message])
    quiet = smtp.EmailBackend(host="127.0.0.1", port=port, timeout=2, fail_silently=True)
    assert quiet.send_messages([message]) == 0
    with pytest.raises(ValueError, match="mutually exclusive"):
        smtp.EmailBackend(use_tls=True, use_ssl=True)
