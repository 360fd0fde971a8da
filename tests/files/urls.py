"""URLs of the storage tests: an upload view saving into default_storage."""

from __future__ import annotations

from framework.core.files.storage import default_storage
from framework.http import HttpResponse
from framework.urls import path


def upload(request):
    """Save the uploaded file under the name the client chose (field ``name`` or its own)."""
    upload = request.FILES["file"]
    name = request.POST.get("name") or upload.name
    saved = default_storage.save(default_storage.generate_filename(name), upload)
    return HttpResponse(saved)


urlpatterns = [path("upload/", upload)]
