"""URLconf of the auth view tests: the auth views plus protected views of each kind."""

from __future__ import annotations

from framework.contrib.auth.decorators import (
    login_required,
    permission_required,
    user_passes_test,
)
from framework.contrib.auth.mixins import (
    LoginRequiredMixin,
    PermissionRequiredMixin,
    UserPassesTestMixin,
)
from framework.http import HttpResponse
from framework.shortcuts import get_object_or_404
from framework.urls import include, path
from framework.views.generic import View
from tests.contenttypes.testapp.models import Document


def whoami(request):
    user = request.user
    return HttpResponse(user.get_username() if user.is_authenticated else "anonymous")


@login_required
def private(request):
    return HttpResponse(f"private for {request.user.get_username()}")


@user_passes_test(lambda u: u.is_active and u.is_staff)
def staff_only(request):
    return HttpResponse("staff page")


@permission_required("contrib_testapp.change_document", raise_exception=True)
def edit_documents(request):
    return HttpResponse("edit documents")


@permission_required("contrib_testapp.publish_document")
def publish_documents(request):
    return HttpResponse("publish documents")


class PrivateView(LoginRequiredMixin, View):
    def get(self, request):
        return HttpResponse("cbv private")


class StaffView(UserPassesTestMixin, View):
    def test_func(self):
        return self.request.user.is_staff

    def get(self, request):
        return HttpResponse("cbv staff")


class DocumentEditView(PermissionRequiredMixin, View):
    """Object-level check: the user needs change_document on this very document."""

    permission_required = "contrib_testapp.change_document"

    def get_permission_object(self):
        return get_object_or_404(Document, pk=self.kwargs["pk"])

    def get(self, request, pk):
        return HttpResponse(f"editing {self.get_permission_object().title}")


urlpatterns = [
    path("accounts/", include("framework.contrib.auth.urls")),
    path("whoami/", whoami),
    path("private/", private),
    path("staff/", staff_only),
    path("documents/edit/", edit_documents),
    path("documents/publish/", publish_documents),
    path("cbv/private/", PrivateView.as_view()),
    path("cbv/staff/", StaffView.as_view()),
    path("documents/<int:pk>/edit/", DocumentEditView.as_view()),
]
