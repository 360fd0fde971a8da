"""Middleware used by the handler tests."""

from __future__ import annotations

from framework.core.exceptions import MiddlewareNotUsed
from framework.http import HttpResponse

CALLS: list[str] = []


class _Recorder:
    name = "?"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        CALLS.append(f"{self.name}:before")
        response = self.get_response(request)
        CALLS.append(f"{self.name}:after")
        return response


class Outer(_Recorder):
    name = "outer"


class Inner(_Recorder):
    name = "inner"


class NotUsed:
    def __init__(self, get_response):
        raise MiddlewareNotUsed("not needed here")


def returns_none_factory(get_response):
    return None


class ViewShortCircuit:
    """process_view answers /hello/ itself and records the resolved view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        CALLS.append(f"process_view:{view_func.__name__}:{view_kwargs}")
        if request.path_info == "/hello/":
            return HttpResponse("from process_view")
        return None


class ExceptionToResponse:
    """process_exception turns ZeroDivisionError into a 200."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        CALLS.append(f"process_exception:{type(exception).__name__}")
        if isinstance(exception, ZeroDivisionError):
            return HttpResponse(f"handled {exception}")
        return None


class DeferredResponse(HttpResponse):
    """A response rendered late, like TemplateResponse."""

    def __init__(self, text):
        super().__init__()
        self.text_to_render = text
        self.is_rendered = False

    def render(self):
        self.content = self.text_to_render.encode()
        self.is_rendered = True
        return self


class TemplateResponseHook:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_template_response(self, request, response):
        response.text_to_render = response.text_to_render.upper()
        return response


class TemplateResponseHookReturnsNone(TemplateResponseHook):
    def process_template_response(self, request, response):
        return None


class SelectOtherUrlconf:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.urlconf = "tests.handlers.urls_other"
        return self.get_response(request)


class RaisesInMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raise ZeroDivisionError("middleware failed")
