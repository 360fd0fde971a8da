"""MiddlewareMixin middleware for the flat-chain tests: each one's behaviour is set per test.

``A``, ``B`` and ``C`` keep the mixin's ``__call__`` (the handler runs them as one flat loop);
``NestedA``... override ``__call__`` with the same behaviour, which keeps the nested form.
The two chains must give the same response and the same sequence of hook calls.
"""

from __future__ import annotations

from framework.http import Http404, HttpResponse
from framework.middleware.base import MiddlewareMixin

CALLS: list[str] = []
# name -> one of "pass", "short", "raise-request", "raise-response", "replace"
BEHAVIOUR: dict[str, str] = {}


class _Scripted(MiddlewareMixin):
    name = "?"

    def process_request(self, request):
        CALLS.append(f"{self.name}:request")
        behaviour = BEHAVIOUR.get(self.name, "pass")
        if behaviour == "short":
            return HttpResponse(f"short from {self.name}", status=202)
        if behaviour == "raise-request":
            raise Http404(f"404 from {self.name}")
        return None

    def process_response(self, request, response):
        CALLS.append(f"{self.name}:response:{response.status_code}")
        behaviour = BEHAVIOUR.get(self.name, "pass")
        if behaviour == "raise-response":
            raise RuntimeError(f"500 from {self.name}")
        if behaviour == "replace":
            return HttpResponse(f"replaced by {self.name}", status=201)
        response.headers[f"X-Seen-{self.name}"] = "1"
        return response


class A(_Scripted):
    name = "A"


class B(_Scripted):
    name = "B"


class C(_Scripted):
    name = "C"


class _Nested:
    def __call__(self, request):
        # Any __call__ of its own keeps the middleware out of the flat loop.
        return super().__call__(request)


class NestedA(_Nested, A):
    pass


class NestedB(_Nested, B):
    pass


class NestedC(_Nested, C):
    pass


def plain(get_response):
    """A function middleware between flat ones (splits the flat loop in two)."""

    def middleware(request):
        CALLS.append("plain:before")
        response = get_response(request)
        CALLS.append(f"plain:after:{response.status_code}")
        return response

    return middleware
