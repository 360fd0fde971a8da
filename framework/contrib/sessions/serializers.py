"""Session serializers (SESSION_SERIALIZER): JSON, the default and only one shipped.

Pickle is deliberately absent, as in Django 5: unpickling data signed with a leaked
SECRET_KEY runs arbitrary code.
"""

from __future__ import annotations

from framework.core.signing import JSONSerializer as JSONSerializer

__all__ = ["JSONSerializer"]
