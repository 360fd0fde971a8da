"""Views for the URLconfs of these tests: plain functions that return their arguments."""

from __future__ import annotations

import functools


def empty_view(request, *args, **kwargs):
    return ("empty_view", args, kwargs)


def article_detail(request, **kwargs):
    return ("article_detail", kwargs)


def article_archive(request, **kwargs):
    return ("article_archive", kwargs)


def special_case(request, **kwargs):
    return ("special_case", kwargs)


def positional(request, *args):
    return ("positional", args)


class CallableInstance:
    """A view that is an instance with ``__call__``."""

    def __call__(self, request, *args, **kwargs):
        return ("instance", args, kwargs)


callable_instance = CallableInstance()
partial_view = functools.partial(empty_view, template_name="x.html")


def handler404(request, exception):
    return ("custom 404",)
