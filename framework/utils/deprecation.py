"""Where Django keeps ``MiddlewareMixin``; re-exported so that ported imports keep working."""

from framework.middleware.base import MiddlewareMixin as MiddlewareMixin
