"""File wrappers used by uploads and storage (Django's ``django.core.files``)."""

from framework.core.files.base import File as File
