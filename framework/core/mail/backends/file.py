"""A backend that writes each connection's messages to a new file in EMAIL_FILE_PATH."""

from __future__ import annotations

import datetime
import os
from typing import Any

from framework.conf import settings
from framework.core.exceptions import ImproperlyConfigured
from framework.core.mail.backends.console import EmailBackend as ConsoleEmailBackend


class EmailBackend(ConsoleEmailBackend):
    """Messages of one connection go to ``<EMAIL_FILE_PATH>/<timestamp>-<id>.log``."""

    def __init__(self, *args: Any, file_path: str | None = None, **kwargs: Any):
        self._fname: str | None = None
        path = file_path or getattr(settings, "EMAIL_FILE_PATH", None)
        if not path:
            raise ImproperlyConfigured(
                "The file e-mail backend needs a directory: set EMAIL_FILE_PATH."
            )
        self.file_path = os.path.abspath(path)
        try:
            os.makedirs(self.file_path, exist_ok=True)
        except FileExistsError:
            raise ImproperlyConfigured(
                f"Path for saving email messages exists, but is not a directory: {self.file_path!r}"
            ) from None
        except OSError as exc:
            raise ImproperlyConfigured(
                f"Could not create directory for saving email messages: {self.file_path!r} ({exc})"
            ) from exc
        if not os.access(self.file_path, os.W_OK):
            raise ImproperlyConfigured(f"Could not write to directory: {self.file_path!r}")
        kwargs["stream"] = None
        super().__init__(*args, **kwargs)
        self.stream = None

    def write_message(self, message: Any) -> None:
        self.stream.write(message.message().as_bytes() + b"\n")
        self.stream.write(b"-" * 79)
        self.stream.write(b"\n")

    def _get_filename(self) -> str:
        if self._fname is None:
            timestamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
            self._fname = os.path.join(self.file_path, f"{timestamp}-{abs(id(self))}.log")
        return self._fname

    def open(self) -> bool:
        if self.stream is None:
            self.stream = open(self._get_filename(), "ab")
            return True
        return False

    def close(self) -> None:
        try:
            if self.stream is not None:
                self.stream.close()
        finally:
            self.stream = None
