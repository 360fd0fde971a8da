"""A URLconf whose custom error handlers are broken, for the system check."""

from tests.urls import views

urlpatterns: list = []


def handler400(request):  # missing the exception argument
    return None


handler403 = "tests.urls.views.no_such_view"
handler404 = views.handler404
