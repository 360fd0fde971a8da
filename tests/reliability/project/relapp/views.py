"""The reliability endpoints: two writes per request, an upload, a page without a database,
a slow and a hung view."""

import time

from framework.db import transaction
from framework.db.models import F
from framework.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from framework.views.decorators.csrf import csrf_exempt
from relapp.models import Counter, Document, Entry


class InjectedFault(RuntimeError):
    """Raised on purpose between the two writes (?fail=1)."""


@csrf_exempt
def write(request):
    """Write step 1, then step 2 and the counter; ?fail=1 raises between the two."""
    if request.method != "POST":
        return HttpResponseBadRequest("POST a token.")
    token = request.POST.get("token", "")
    if not token or len(token) > 64:
        return HttpResponseBadRequest("The token must be 1 to 64 characters.")
    with transaction.atomic():
        first = Entry.objects.create(token=token, step=1)
        if request.GET.get("fail"):
            raise InjectedFault(f"injected failure after the first write of {token!r}")
        Entry.objects.create(token=token, step=2)
        Counter.objects.filter(name="writes").update(value=F("value") + 1)
    return JsonResponse({"id": first.pk, "token": token})


def slow(request):
    """Sleep ?ms= milliseconds (at most 10 s), then answer 200: a request that holds a thread."""
    try:
        ms = min(int(request.GET.get("ms", "500")), 10_000)
    except ValueError:
        return HttpResponseBadRequest("ms must be an integer.")
    time.sleep(ms / 1000)
    return JsonResponse({"slept_ms": ms})


@csrf_exempt
def upload(request):
    """Save the uploaded ``file`` and a row pointing at it, in one transaction."""
    token = request.POST.get("token", "")
    uploaded = request.FILES.get("file")
    if uploaded is None or not token or len(token) > 64:
        return HttpResponseBadRequest("POST a token and a file.")
    with transaction.atomic():
        document = Document(token=token)
        document.file.save(uploaded.name, uploaded, save=True)
    return JsonResponse({"id": document.pk, "name": document.file.name})


def ping(request):
    """A page that needs no database."""
    return HttpResponse("ok", content_type="text/plain")


def hang(request):
    """Sleep ?s= seconds (at most 600): a view far slower than the request timeout."""
    try:
        seconds = min(int(request.GET.get("s", "120")), 600)
    except ValueError:
        return HttpResponseBadRequest("s must be an integer.")
    time.sleep(seconds)
    return JsonResponse({"slept_s": seconds})
