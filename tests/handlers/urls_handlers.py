"""A URLconf with custom error handlers (handler400/403/404/500)."""

from __future__ import annotations

from framework.http import HttpResponse
from framework.urls import path
from tests.handlers import views


def custom_400(request, exception):
    return HttpResponse(f"custom 400: {type(exception).__name__}", status=400)


def custom_403(request, exception):
    return HttpResponse(f"custom 403: {exception}", status=403)


def custom_404(request, exception):
    return HttpResponse("custom 404", status=404)


def custom_500(request):
    return HttpResponse("custom 500", status=500)


handler400 = custom_400
handler403 = custom_403
handler404 = custom_404
handler500 = "tests.handlers.urls_handlers.custom_500"

urlpatterns = [
    path("400/", views.raises_400),
    path("403/", views.raises_403),
    path("404/", views.raises_404),
    path("error/", views.raises_error),
    path("suspicious/", views.raises_suspicious),
]
