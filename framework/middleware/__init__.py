"""Middleware shipped with the framework (common, security, gzip, clickjacking, http).

Each is a factory taking ``get_response``, listed in the ``MIDDLEWARE`` setting.
"""

from __future__ import annotations

from framework.middleware.base import MiddlewareMixin as MiddlewareMixin
