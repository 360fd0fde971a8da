"""Message storages: ``base`` (Message, BaseStorage), ``cookie``, ``session``, ``fallback``.

``default_storage(request)`` builds the class named by MESSAGE_STORAGE.
"""

from framework.contrib.messages.storage.base import Message as Message
from framework.contrib.messages.storage.base import default_storage as default_storage
