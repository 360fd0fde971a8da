"""File storage (Django's ``django.core.files.storage``).

``Storage`` (the interface) in ``base``, ``FileSystemStorage`` in ``filesystem``, and in
``handler`` the ``storages`` mapping built from STORAGES plus ``default_storage``.
"""

from framework.core.files.storage.base import Storage as Storage
from framework.core.files.storage.filesystem import FileSystemStorage as FileSystemStorage
from framework.core.files.storage.filesystem import (
    StorageSettingsMixin as StorageSettingsMixin,
)
from framework.core.files.storage.handler import InvalidStorageError as InvalidStorageError
from framework.core.files.storage.handler import StorageHandler as StorageHandler
from framework.core.files.storage.handler import default_storage as default_storage
from framework.core.files.storage.handler import storages as storages
